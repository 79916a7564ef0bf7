/// Rectified Adam as optax writes it: `optax.radam` (optax 0.2.8: `scale_by_radam` then
/// `scale_by_learning_rate`).
///
/// ```
/// t ← t + 1;  ρ∞ ← 2/(1 − b2) − 1;  ρ ← ρ∞ − 2t·b2^t/(1 − b2^t)
/// μ ← (1 − b1)·g + b1·μ;  ν ← (1 − b2)·g² + b2·ν
/// μ̂ ← μ/(1 − b1^t)  (nesterov: b1·μ/(1 − b1^(t+1)) + (1 − b1)·g/(1 − b1^t));  ν̂ ← ν/(1 − b2^t)
/// u ← r·μ̂ / (√(ν̂ + eps_root) + eps),  r = √((ρ − 4)(ρ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ))   if ρ ≥ threshold
///   else u ← μ̂
/// θ ← θ + (−lr)·u
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.999, `eps` = 1e-8, `eps_root` = 0, `threshold` = 5,
/// `nesterov` = false. optax refuses nothing but a missing rate.
///
/// Differences from `torch.optim.RAdam`: the rectified step switches on at ρ ≥ threshold = 5
/// (torch: ρ > 5), eps_root and the Nesterov μ̂ are optax's own. A threshold below 4 lets ρ in
/// [threshold, 4) through, where r is the square root of a negative number: the step is NaN and
/// the path ends there, as in optax.
///
/// Parity note: b2^t in ρ is jax's `integer_pow` (repeated squaring, as optax evaluates
/// `b2 ** count` outside a jit), while the bias corrections use `pow` (``optaxBiasCorrection``).
///
/// Paper: Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond" (ICLR 2020).
public struct OptaxRAdam: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var eps: Double
    public var epsRoot: Double
    public var threshold: Double
    public var nesterov: Bool

    public static let fields: [HyperparameterField<OptaxRAdam>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "decay of the gradient average μ", aliases: ["beta1"]),
        .number("b2", \.b2, 0.999, "decay of the squared-gradient average ν", aliases: ["beta2"]),
        .number("eps", \.eps, 1e-8, "added outside the square root"),
        .number("eps_root", \.epsRoot, 0, "added inside the square root"),
        .number("threshold", \.threshold, 5, "ρ from which the rectified step is taken"),
        .flag("nesterov", \.nesterov, false, "Nesterov momentum"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8,
                epsRoot: Double = 0, threshold: Double = 5, nesterov: Bool = false) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.eps = eps; self.epsRoot = epsRoot
        self.threshold = threshold; self.nesterov = nesterov
    }

    public static func withDefaults() -> OptaxRAdam { OptaxRAdam() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "radam") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: μ; slot 1: ν.
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
        let t = state.step, beta1 = cycled ?? b1
        let roInf = 2 / (1 - b2) - 1
        let b2t = jaxIntegerPow(b2, t)
        let ro = roInf - Double(2 * t) * b2t / (1 - b2t)
        let rectified = ro >= threshold
        let r = T((((ro - 4) * (ro - 2)) * roInf / (((roInf - 4) * (roInf - 2)) * ro)).squareRoot())
        let c1 = T(optaxBiasCorrection(beta1, t)), c1Next = T(optaxBiasCorrection(beta1, t + 1))
        let c2 = T(optaxBiasCorrection(b2, t))
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(b2), w2 = T(1 - self.b2), eps = T(eps), epsRoot = T(epsRoot)
        let negLr = T(-rate), nesterov = nesterov
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                s[i] = w1 * g + b1 * s[i]
                s[n + i] = w2 * (g * g) + b2 * s[n + i]
                let muHat = nesterov ? b1 * (s[i] * c1Next) + w1 * (g * c1) : s[i] * c1
                let u = rectified ? r * muHat / ((s[n + i] * c2 + epsRoot).squareRoot() + eps) : muHat
                parameters[i] = parameters[i] + negLr * u
            }
        }
    }
}
