/// Adamax as optax writes it: `optax.adamax` (optax 0.2.8: `scale_by_adamax` then
/// `scale_by_learning_rate`).
///
/// ```
/// t ← t + 1
/// μ ← (1 − b1)·g + b1·μ
/// ν ← max(|g| + eps, b2·ν)
/// θ ← θ + (−lr)·(μ/(1 − b1^t)) / ν
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.999, `eps` = 1e-8. optax refuses nothing but a missing
/// rate.
///
/// Differences from `torch.optim.Adamax`: the same formula (eps inside the max), without torch's
/// weight decay and maximize; lr required (torch 0.002).
///
/// Paper: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), §7.1.
public struct OptaxAdamax: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var eps: Double

    public static let fields: [HyperparameterField<OptaxAdamax>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "decay of the gradient average μ", aliases: ["beta1"]),
        .number("b2", \.b2, 0.999, "decay of the infinity norm ν", aliases: ["beta2"]),
        .number("eps", \.eps, 1e-8, "added to |g| inside the max"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.eps = eps
    }

    public static func withDefaults() -> OptaxAdamax { OptaxAdamax() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "adamax") }

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
        let beta1 = cycled ?? b1
        let c1 = T(optaxBiasCorrection(beta1, state.step))
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(b2), eps = T(eps), negLr = T(-rate)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                s[i] = w1 * g + b1 * s[i]
                s[n + i] = T.nanMaximum(abs(g) + eps, b2 * s[n + i])
                parameters[i] = parameters[i] + negLr * (s[i] * c1 / s[n + i])
            }
        }
    }
}
