/// RMSprop as optax writes it: `optax.rmsprop` (optax 0.2.8: `scale_by_rms` or, centered,
/// `scale_by_stddev`, then `scale_by_learning_rate`, then `trace(decay=momentum, nesterov)`).
///
/// ```
/// t ← t + 1
/// ν ← (1 − decay)·g² + decay·ν                           (ν₀ = initial_scale)
/// μ ← (1 − decay)·g + decay·μ                            (centered; μ₀ = 0)
/// ν̂, μ̂ ← ν, μ / (1 − decay^t) if bias_correction, else ν, μ
/// s ← ν̂ − μ̂² (centered) or ν̂
/// u ← (−lr)·g / √(s + eps)   (eps_in_sqrt)   or   (−lr)·g / (√s + eps)
/// b ← u + momentum·b;  u ← u + momentum·b (nesterov) or b   (momentum set; b₀ = 0)
/// θ ← θ + u
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `decay` = 0.9,
/// `eps` = 1e-8, `initial_scale` = 0, `eps_in_sqrt` = true, `centered` = false, `momentum` = None
/// (written 0), `nesterov` = false, `bias_correction` = false. optax refuses nothing but a
/// missing rate.
///
/// Differences from `torch.optim.RMSprop`: decay 0.9 (torch's alpha 0.99), eps inside the square
/// root (torch outside), lr inside the momentum trace (torch: b ← μb + g/d; θ ← θ − lr·b), and the
/// optional bias correction, initial scale and Nesterov trace torch does not have.
///
/// Paper: Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e (2012);
/// centered: Graves, "Generating Sequences With Recurrent Neural Networks" (2013).
public struct OptaxRMSprop: TabulatedOptimizer {
    public var lr: Double
    public var decay: Double
    public var eps: Double
    public var initialScale: Double
    public var epsInSqrt: Bool
    public var centered: Bool
    public var momentum: Double
    public var nesterov: Bool
    public var biasCorrection: Bool

    public static let fields: [HyperparameterField<OptaxRMSprop>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("decay", \.decay, 0.9, "decay of the running averages"),
        .number("eps", \.eps, 1e-8, "added to the denominator"),
        .number("initial_scale", \.initialScale, 0, "starting value of the average of g²"),
        .flag("eps_in_sqrt", \.epsInSqrt, true, "add eps inside the square root (else outside)"),
        .flag("centered", \.centered, false, "divide by the estimated standard deviation of g"),
        .number("momentum", \.momentum, 0, "decay of the trace of the scaled steps (0: None)"),
        .flag("nesterov", \.nesterov, false, "Nesterov form of the trace"),
        .flag("bias_correction", \.biasCorrection, false, "divide the averages by 1 − decay^t"),
    ]

    public init(lr: Double = .nan, decay: Double = 0.9, eps: Double = 1e-8, initialScale: Double = 0,
                epsInSqrt: Bool = true, centered: Bool = false, momentum: Double = 0, nesterov: Bool = false,
                biasCorrection: Bool = false) {
        self.lr = lr; self.decay = decay; self.eps = eps; self.initialScale = initialScale; self.epsInSqrt = epsInSqrt
        self.centered = centered; self.momentum = momentum; self.nesterov = nesterov; self.biasCorrection = biasCorrection
    }

    public static func withDefaults() -> OptaxRMSprop { OptaxRMSprop() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "rmsprop") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .momentum }

    /// Slot 0: ν (starting at `initial_scale`); slot 1: μ; slot 2: the trace b.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        var state = OptimizerState<T>(count: count, slots: 3)
        for i in 0..<count { state.slots[i] = T(initialScale) }
        return state
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr, cycled = context.momentum
        let n = state.beginStep(parameters, gradient)
        // momentum 0 is optax's None: no trace, nothing for a cycling schedule (inject_hyperparams) to move.
        let mu = self.momentum != 0 ? cycled ?? self.momentum : self.momentum
        let useTrace = mu != 0, nesterov = nesterov, centered = centered, epsInSqrt = epsInSqrt
        let correct = biasCorrection
        let correction = T(biasCorrection ? optaxBiasCorrection(decay, state.step) : 1)
        let w = T(1 - decay), d = T(decay), eps = T(eps), negLr = T(-rate), m = T(mu)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                s[i] = w * (g * g) + d * s[i]
                var nuHat = correct ? s[i] * correction : s[i]
                if centered {
                    s[n + i] = w * g + d * s[n + i]
                    let muHat = correct ? s[n + i] * correction : s[n + i]
                    nuHat = nuHat - muHat * muHat
                }
                let scaling = epsInSqrt ? 1 / (nuHat + eps).squareRoot() : 1 / (nuHat.squareRoot() + eps)
                var u = negLr * (scaling * g)
                if useTrace {
                    s[2 * n + i] = u + m * s[2 * n + i]
                    u = nesterov ? u + m * s[2 * n + i] : s[2 * n + i]
                }
                parameters[i] = parameters[i] + u
            }
        }
    }
}
