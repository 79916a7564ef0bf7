/// Yogi as optax writes it: `optax.yogi` (optax 0.2.8: `scale_by_yogi` then
/// `scale_by_learning_rate`).
///
/// ```
/// t ← t + 1
/// μ ← (1 − b1)·g + b1·μ                          (μ₀ = 1e-6)
/// ν ← ν − (1 − b2)·sign(ν − g²)·g²               (ν₀ = 1e-6)
/// θ ← θ + (−lr)·(μ/(1 − b1^t)) / (√(ν/(1 − b2^t)) + eps)
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.999, `eps` = 1e-3. `optax.yogi` does not pass on
/// `scale_by_yogi`'s `eps_root` (0) or `initial_accumulator_value` (1e-6). optax refuses nothing
/// but a missing rate.
///
/// Differences from `torch_optimizer.Yogi` (trajviz's `yogi`): none in the formula (both start
/// both moments at 1e-6 and add eps outside the corrected root); optax has no weight decay and
/// no `initial_accumulator` argument, and its rate is required (the package: 0.01).
///
/// Paper: Zaheer et al., "Adaptive Methods for Nonconvex Optimization" (NeurIPS 2018).
public struct OptaxYogi: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var eps: Double

    public static let fields: [HyperparameterField<OptaxYogi>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "decay of the gradient average μ", aliases: ["beta1"]),
        .number("b2", \.b2, 0.999, "rate of Yogi's additive second-moment update", aliases: ["beta2"]),
        .number("eps", \.eps, 1e-3, "added outside the square root"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-3) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.eps = eps
    }

    public static func withDefaults() -> OptaxYogi { OptaxYogi() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "yogi") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: μ; slot 1: ν; both start at 1e-6.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2, fill: T(1e-6))
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
        let c1 = T(optaxBiasCorrection(beta1, state.step)), c2 = T(optaxBiasCorrection(b2, state.step))
        let b1 = T(beta1), w1 = T(1 - beta1), w2 = T(1 - b2), eps = T(eps), negLr = T(-rate)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i], g2 = g * g
                s[i] = w1 * g + b1 * s[i]
                s[n + i] = s[n + i] - w2 * (s[n + i] - g2).jaxSign * g2
                parameters[i] = parameters[i] + negLr * (s[i] * c1 / ((s[n + i] * c2).squareRoot() + eps))
            }
        }
    }
}
