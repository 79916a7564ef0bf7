/// Adadelta as Keras 3 writes it: `keras.optimizers.Adadelta` (Keras 3.15, the kernel of its
/// torch backend, `torch_adadelta.py`).
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// s ← rho·s + (1 − rho)·g²                               (s₀ = 0)
/// Δ ← −√(u + epsilon)·g / √(s + epsilon)                 (u₀ = 0)
/// u ← rho·u + (1 − rho)·Δ²
/// θ ← θ + lr·Δ
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.001, `rho` = 0.95,
/// `epsilon` (also `eps`) = 1e-7, then ``KerasBase``'s `weight_decay`, `clipnorm`, `clipvalue`,
/// `global_clipnorm`. Keras refuses none of them.
///
/// Differences from `torch.optim.Adadelta`: lr 0.001 (torch 1.0, Zeiler's form), rho 0.95
/// (torch 0.9), eps 1e-7 (torch 1e-6); the same update otherwise.
///
/// Paper: Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (2012).
public struct KerasAdadelta: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var rho: Double
    public var epsilon: Double
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasAdadelta>] = [
        .number("lr", \.lr, 1e-3, "learning rate", aliases: ["learning_rate"]),
        .number("rho", \.rho, 0.95, "decay of the running averages"),
        .number("epsilon", \.epsilon, 1e-7, "added inside both square roots", aliases: ["eps"]),
    ] + KerasBase.fields()

    public init(lr: Double = 1e-3, rho: Double = 0.95, epsilon: Double = 1e-7,
                base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.rho = rho; self.epsilon = epsilon; self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasAdadelta { try KerasAdadelta() }

    /// Only the base optimizer's check: Keras's Adadelta validates nothing of its own.
    public func validate() throws(HyperparameterError) { try base.validate() }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: s (the average of g²); slot 1: u (the average of Δ²).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2)
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
        let r = T(rho), w = T(1 - rho), eps = T(epsilon), lr = T(rate)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                s[i] = (s[i] * r).addingProduct(w, g * g)
                let delta = -((s[n + i] + eps).squareRoot() * g / (s[i] + eps).squareRoot())
                s[n + i] = (s[n + i] * r).addingProduct(w, delta * delta)
                parameters[i] = parameters[i].addingProduct(lr, delta)
            }
        }
    }
}
