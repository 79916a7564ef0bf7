/// Nadam as Keras 3 writes it: `keras.optimizers.Nadam` (Keras 3.15, the kernel of its torch
/// backend, `torch_nadam.py`), with Dozat's momentum schedule.
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// t ← t + 1
/// μ_t ← beta_1·(1 − 0.5·0.96^t);  μ_{t+1} ← beta_1·(1 − 0.5·0.96^(t+1))
/// Π ← Π·μ_t   (Π₀ = 1);  Π' ← Π·μ_{t+1}
/// m ← beta_1·m + (1 − beta_1)·g
/// v ← beta_2·v + (1 − beta_2)·g²
/// m̂ ← μ_{t+1}·m / (1 − Π') + (1 − μ_t)·g / (1 − Π)
/// v̂ ← v / (1 − beta_2^t)
/// θ ← θ − lr·m̂ / (√v̂ + epsilon)
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.001, `beta_1` (also
/// `beta1`) = 0.9, `beta_2` (also `beta2`) = 0.999, `epsilon` (also `eps`) = 1e-7, then
/// ``KerasBase``'s `weight_decay`, `clipnorm`, `clipvalue`, `global_clipnorm`. Keras refuses none.
///
/// Differences from `torch.optim.NAdam`: the schedule's exponent is t itself (torch: 0.96^(0.004·t),
/// with momentum_decay 0.004), so μ_t reaches beta_1 within a few dozen steps where torch's takes
/// thousands; eps 1e-7 (torch 1e-8), lr 0.001 (torch 0.002).
///
/// Paper: Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016 workshop).
public struct KerasNadam: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasNadam>] = [
        .number("lr", \.lr, 1e-3, "learning rate", aliases: ["learning_rate"]),
        .number("beta_1", \.beta1, 0.9, "decay of the gradient average m, scaled by the momentum schedule", aliases: ["beta1"]),
        .number("beta_2", \.beta2, 0.999, "decay of the squared-gradient average v", aliases: ["beta2"]),
        .number("epsilon", \.epsilon, 1e-7, "added to √v̂", aliases: ["eps"]),
    ] + KerasBase.fields()

    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
                base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon; self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasNadam { try KerasNadam() }

    /// Only the base optimizer's check: Keras's Nadam validates nothing of its own.
    public func validate() throws(HyperparameterError) { try base.validate() }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v; scalar 0: the product Π of the μ_t so far (Keras's `u_product`).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2, scalars: [1])
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
        let t = Double(state.step), beta1 = cycled ?? self.beta1
        let muT = beta1 * (1.0 - 0.5 * pythonPow(0.96, t))
        let muNext = beta1 * (1.0 - 0.5 * pythonPow(0.96, t + 1))
        let product = state.scalars[0] * muT
        let productNext = product * muNext
        state.scalars[0] = product
        let bc2 = T(1 - pythonPow(beta2, t))
        let mNext = T(muNext), d1 = T(1 - productNext), gWeight = T(1 - muT), d0 = T(1 - product)
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), eps = T(epsilon), lr = T(rate)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                s[i] = (s[i] * b1).addingProduct(w1, g)
                s[n + i] = (s[n + i] * b2).addingProduct(w2, g * g)
                let mHat = s[i] * mNext / d1 + g * gWeight / d0
                let vHat = s[n + i] / bc2
                parameters[i] = parameters[i] - mHat * lr / (vHat.squareRoot() + eps)
            }
        }
    }
}
