/// Lion as optax writes it: `optax.lion` (optax 0.2.8: `scale_by_lion`, then
/// `add_decayed_weights`, then `scale_by_learning_rate`).
///
/// ```
/// u ← sign((1 − b1)·g + b1·μ)
/// μ ← (1 − b2)·g + b2·μ
/// θ ← θ + (−lr)·(u + weight_decay·θ)
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.99, `weight_decay` = 1e-3. optax refuses nothing but a
/// missing rate.
///
/// Differences from `lion_pytorch.Lion` (trajviz's `lion`) and Keras's Lion: a weight decay of
/// 1e-3 by default (both others: 0), added to the signed step rather than multiplied into θ first.
///
/// Paper: Chen et al., "Symbolic Discovery of Optimization Algorithms" (NeurIPS 2023).
public struct OptaxLion: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var weightDecay: Double

    public static let fields: [HyperparameterField<OptaxLion>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "interpolation between momentum and gradient for the update", aliases: ["beta1"]),
        .number("b2", \.b2, 0.99, "decay of the momentum μ", aliases: ["beta2"]),
        .number("weight_decay", \.weightDecay, 1e-3, "decoupled weight decay added to the step: u + weight_decay·θ"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.99, weightDecay: Double = 1e-3) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.weightDecay = weightDecay
    }

    public static func withDefaults() -> OptaxLion { OptaxLion() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "lion") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: the momentum μ.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 1)
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
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(b2), w2 = T(1 - self.b2)
        let wd = T(weightDecay), decays = weightDecay != 0, negLr = T(-rate)
        state.slots.withUnsafeMutableBufferPointer { m in
            for i in 0..<n {
                let g = gradient[i]
                var u = (w1 * g + b1 * m[i]).jaxSign
                m[i] = w2 * g + b2 * m[i]
                if decays { u = u + wd * parameters[i] }
                parameters[i] = parameters[i] + negLr * u
            }
        }
    }
}
