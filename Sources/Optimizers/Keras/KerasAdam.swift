/// Adam (and AdamW, which is Adam with a weight decay set) as Keras 3 writes it:
/// `keras.optimizers.Adam` and `keras.optimizers.AdamW` (Keras 3.15, the kernel of its torch
/// backend, `torch_adam.py`).
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// t ← t + 1
/// α ← lr·√(1 − beta_2^t) / (1 − beta_1^t)
/// m ← beta_1·m + (1 − beta_1)·g
/// v ← beta_2·v + (1 − beta_2)·g²
/// v̂ ← max(v̂, v); v ← v̂                   (amsgrad)
/// θ ← θ − α·m / (√v + epsilon)
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.001, `beta_1` (also
/// `beta1`) = 0.9, `beta_2` (also `beta2`) = 0.999, `epsilon` (also `eps`) = 1e-7, `amsgrad` =
/// false, then ``KerasBase``'s `weight_decay` (AdamW: 0.004), `clipnorm`, `clipvalue`,
/// `global_clipnorm`. Keras refuses none of them.
///
/// Differences from `torch.optim.Adam`: the bias correction is folded into the rate α, so eps is
/// added to the uncorrected √v (torch: lr·m̂/(√v̂ + eps) with eps 1e-8), an effective eps of
/// 1e-7·√(1 − beta_2^t), large in the first steps and against tiny second moments; the weight
/// decay is decoupled (AdamW's form, default 0.004 against torch AdamW's 0.01).
///
/// Paper: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), the form just
/// before §2.1; AMSGrad: Reddi, Kale & Kumar (ICLR 2018); AdamW: Loshchilov & Hutter (ICLR 2019).
public struct KerasAdam: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var amsgrad: Bool
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasAdam>] = [
        .number("lr", \.lr, 1e-3, "learning rate", aliases: ["learning_rate"]),
        .number("beta_1", \.beta1, 0.9, "decay of the gradient average m", aliases: ["beta1"]),
        .number("beta_2", \.beta2, 0.999, "decay of the squared-gradient average v", aliases: ["beta2"]),
        .number("epsilon", \.epsilon, 1e-7, "added to the uncorrected √v", aliases: ["eps"]),
        .flag("amsgrad", \.amsgrad, false, "use the running maximum of v (AMSGrad)"),
    ] + KerasBase.fields()

    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
                amsgrad: Bool = false, base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon; self.amsgrad = amsgrad
        self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasAdam { try KerasAdam() }

    /// Only the base optimizer's check: Keras's Adam validates nothing of its own.
    public func validate() throws(HyperparameterError) { try base.validate() }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v; slot 2: v̂ (amsgrad only).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: amsgrad ? 3 : 2)
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
        let alpha = T(rate * (1 - pythonPow(beta2, t)).squareRoot() / (1 - pythonPow(beta1, t)))
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), eps = T(epsilon)
        let amsgrad = amsgrad
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                s[i] = (s[i] * b1).addingProduct(w1, g)
                s[n + i] = (s[n + i] * b2).addingProduct(w2, g * g)
                var v = s[n + i]
                if amsgrad {
                    v = T.nanMaximum(s[2 * n + i], v)
                    s[2 * n + i] = v
                }
                parameters[i] = parameters[i] - s[i] * alpha / (v.squareRoot() + eps)
            }
        }
    }
}
