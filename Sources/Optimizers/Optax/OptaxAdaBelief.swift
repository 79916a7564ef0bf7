/// AdaBelief as optax writes it: `optax.adabelief` (optax 0.2.8: `scale_by_belief` then
/// `scale_by_learning_rate`).
///
/// ```
/// t ← t + 1
/// μ ← (1 − b1)·g + b1·μ
/// s ← (1 − b2)·(g − μ)² + b2·s + eps_root
/// μ̂ ← μ/(1 − b1^t)  (nesterov: b1·μ/(1 − b1^(t+1)) + (1 − b1)·g/(1 − b1^t));  ŝ ← s/(1 − b2^t)
/// θ ← θ + (−lr)·μ̂ / (√ŝ + eps)
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.999, `eps` = 1e-16, `eps_root` = 1e-16, `nesterov` =
/// false. optax refuses nothing but a missing rate.
///
/// Differences from `torch_optimizer.AdaBelief` (trajviz's `adabelief`): eps_root 1e-16 added to s
/// and eps 1e-16 to the corrected root (the package: 1e-8 to both, see ``AdaBelief``); no weight
/// decay, rectification or AMSGrad; the optional Nesterov μ̂.
///
/// Paper: Zhuang et al., "AdaBelief Optimizer" (NeurIPS 2020).
public struct OptaxAdaBelief: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var eps: Double
    public var epsRoot: Double
    public var nesterov: Bool

    public static let fields: [HyperparameterField<OptaxAdaBelief>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "decay of the gradient average μ", aliases: ["beta1"]),
        .number("b2", \.b2, 0.999, "decay of the average of (g − μ)²", aliases: ["beta2"]),
        .number("eps", \.eps, 1e-16, "added outside the square root"),
        .number("eps_root", \.epsRoot, 1e-16, "added to s at every step"),
        .flag("nesterov", \.nesterov, false, "Nesterov momentum"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-16,
                epsRoot: Double = 1e-16, nesterov: Bool = false) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.eps = eps; self.epsRoot = epsRoot; self.nesterov = nesterov
    }

    public static func withDefaults() -> OptaxAdaBelief { OptaxAdaBelief() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "adabelief") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: μ; slot 1: s.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr, cycled = context.momentum
        let n = state.beginStep(parameters, gradient)
        let beta1 = cycled ?? b1, t = state.step
        let c1 = T(optaxBiasCorrection(beta1, t)), c1Next = T(optaxBiasCorrection(beta1, t + 1))
        let c2 = T(optaxBiasCorrection(b2, t))
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(b2), w2 = T(1 - self.b2), eps = T(eps), epsRoot = T(epsRoot)
        let negLr = T(-rate), nesterov = nesterov
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                s[i] = w1 * g + b1 * s[i]
                let error = g - s[i]
                s[n + i] = w2 * (error * error) + b2 * s[n + i]
                s[n + i] = s[n + i] + epsRoot
                let muHat = nesterov ? b1 * (s[i] * c1Next) + w1 * (g * c1) : s[i] * c1
                parameters[i] = parameters[i] + negLr * (muHat / ((s[n + i] * c2).squareRoot() + eps))
            }
        }
    }
}
