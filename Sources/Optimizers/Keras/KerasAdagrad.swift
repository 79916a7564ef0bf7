/// Adagrad as Keras 3 writes it: `keras.optimizers.Adagrad` (Keras 3.15, the kernel of its torch
/// backend, `torch_adagrad.py`).
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// s ← s + g²                        (s₀ = initial_accumulator_value)
/// θ ← θ − lr·g / √(s + epsilon)
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.001,
/// `initial_accumulator_value` = 0.1, `epsilon` (also `eps`) = 1e-7, then ``KerasBase``'s
/// `weight_decay`, `clipnorm`, `clipvalue`, `global_clipnorm`. Keras refuses none of them.
///
/// Differences from `torch.optim.Adagrad`: the sum starts at 0.1 (torch 0), eps 1e-7 inside the
/// square root (torch 1e-10 outside), lr 0.001 (torch 0.01), no lr_decay.
///
/// Paper: Duchi, Hazan & Singer, "Adaptive Subgradient Methods" (JMLR 2011).
public struct KerasAdagrad: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var initialAccumulatorValue: Double
    public var epsilon: Double
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasAdagrad>] = [
        .number("lr", \.lr, 1e-3, "learning rate", aliases: ["learning_rate"]),
        .number("initial_accumulator_value", \.initialAccumulatorValue, 0.1, "starting value of the sum of squares"),
        .number("epsilon", \.epsilon, 1e-7, "added inside the square root", aliases: ["eps"]),
    ] + KerasBase.fields()

    public init(lr: Double = 1e-3, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7,
                base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.initialAccumulatorValue = initialAccumulatorValue; self.epsilon = epsilon; self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasAdagrad { try KerasAdagrad() }

    /// Only the base optimizer's check: Keras's Adagrad validates nothing of its own.
    public func validate() throws(HyperparameterError) { try base.validate() }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: the sum s, starting at `initial_accumulator_value`.
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
        let clip = base.clip(gradient), decay = base.decay(lr: rate, as: T.self)
        let lr = T(rate), eps = T(epsilon)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                s[i] = s[i] + g * g
                parameters[i] = parameters[i] - g * lr / (s[i] + eps).squareRoot()
            }
        }
    }
}
