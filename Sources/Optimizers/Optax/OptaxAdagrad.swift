/// Adagrad as optax writes it: `optax.adagrad` (optax 0.2.8: `scale_by_rss` then
/// `scale_by_learning_rate`).
///
/// ```
/// s ← g² + s                                  (s₀ = initial_accumulator_value)
/// u ← g / √(s + eps)  if s > 0, else 0
/// θ ← θ + (−lr)·u
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required),
/// `initial_accumulator_value` = 0.1, `eps` = 1e-7. optax refuses nothing but a missing rate.
///
/// Differences from `torch.optim.Adagrad`: the sum starts at 0.1 (torch 0), eps 1e-7 inside the
/// square root (torch 1e-10 outside), a zero sum gives no step.
///
/// Paper: Duchi, Hazan & Singer, "Adaptive Subgradient Methods" (JMLR 2011).
public struct OptaxAdagrad: TabulatedOptimizer {
    public var lr: Double
    public var initialAccumulatorValue: Double
    public var eps: Double

    public static let fields: [HyperparameterField<OptaxAdagrad>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("initial_accumulator_value", \.initialAccumulatorValue, 0.1, "starting value of the sum of squares"),
        .number("eps", \.eps, 1e-7, "added inside the square root"),
    ]

    public init(lr: Double = .nan, initialAccumulatorValue: Double = 0.1, eps: Double = 1e-7) {
        self.lr = lr; self.initialAccumulatorValue = initialAccumulatorValue; self.eps = eps
    }

    public static func withDefaults() -> OptaxAdagrad { OptaxAdagrad() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "adagrad") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: the sum s.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 1, fill: T(initialAccumulatorValue))
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr
        let n = state.beginStep(parameters, gradient)
        let negLr = T(-rate), eps = T(eps)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                s[i] = g * g + s[i]
                // jnp.where(s > 0, rsqrt(s + eps), 0): a NaN sum also gives 0.
                let scale: T = s[i] > 0 ? 1 / (s[i] + eps).squareRoot() : 0
                parameters[i] = parameters[i] + negLr * (scale * g)
            }
        }
    }
}
