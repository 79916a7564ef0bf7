/// Adamax as Keras 3 writes it: `keras.optimizers.Adamax` (Keras 3.15, the kernel of its torch
/// backend, `torch_adamax.py`).
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// t ← t + 1
/// m ← beta_1·m + (1 − beta_1)·g
/// u ← max(beta_2·u, |g|)
/// θ ← θ − lr·m / ((u + epsilon)·(1 − beta_1^t))
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.001, `beta_1` (also
/// `beta1`) = 0.9, `beta_2` (also `beta2`) = 0.999, `epsilon` (also `eps`) = 1e-7, then
/// ``KerasBase``'s `weight_decay`, `clipnorm`, `clipvalue`, `global_clipnorm`. Keras refuses none.
///
/// Differences from `torch.optim.Adamax`: eps 1e-7 added to u at the division (torch: 1e-8 inside
/// the max, u ← max(beta_2·u, |g| + eps)), lr 0.001 (torch 0.002), decoupled weight decay.
///
/// Paper: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), §7.1.
public struct KerasAdamax: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasAdamax>] = [
        .number("lr", \.lr, 1e-3, "learning rate", aliases: ["learning_rate"]),
        .number("beta_1", \.beta1, 0.9, "decay of the gradient average m", aliases: ["beta1"]),
        .number("beta_2", \.beta2, 0.999, "decay of the infinity norm u", aliases: ["beta2"]),
        .number("epsilon", \.epsilon, 1e-7, "added to u", aliases: ["eps"]),
    ] + KerasBase.fields()

    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
                base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon; self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasAdamax { try KerasAdamax() }

    /// Only the base optimizer's check: Keras's Adamax validates nothing of its own.
    public func validate() throws(HyperparameterError) { try base.validate() }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: u.
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
        let clip = base.clip(gradient), decay = base.decay(lr: rate, as: T.self)
        let beta1 = cycled ?? self.beta1
        let correction = T(1 - pythonPow(beta1, Double(state.step)))
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(beta2), eps = T(epsilon), lr = T(rate)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                s[i] = (s[i] * b1).addingProduct(w1, g)
                s[n + i] = T.nanMaximum(s[n + i] * b2, abs(g))
                parameters[i] = parameters[i] - s[i] * lr / ((s[n + i] + eps) * correction)
            }
        }
    }
}
