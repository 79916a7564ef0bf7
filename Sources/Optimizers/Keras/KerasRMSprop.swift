/// RMSprop as Keras 3 writes it: `keras.optimizers.RMSprop` (Keras 3.15, the kernel of its torch
/// backend, `torch_rmsprop.py`).
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// s ← rho·s + (1 − rho)·g²                              (s₀ = 0)
/// a ← rho·a + (1 − rho)·g;  d ← s + epsilon − a²        (centered; a₀ = 0)
///   else d ← s + epsilon
/// Δ ← lr·g / √d
/// b ← momentum·b + Δ;  θ ← θ − b                        (momentum > 0; b₀ = 0)
///   else θ ← θ − Δ
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.001, `rho` = 0.9,
/// `momentum` = 0, `epsilon` (also `eps`) = 1e-7, `centered` = false, then ``KerasBase``'s
/// `weight_decay`, `clipnorm`, `clipvalue`, `global_clipnorm`. Keras refuses none of them.
///
/// Differences from `torch.optim.RMSprop`: rho 0.9 (torch's alpha 0.99), eps 1e-7 inside the
/// square root (torch: 1e-8 outside), lr inside the momentum buffer (torch: b ← μb + g/d;
/// θ ← θ − lr·b), decoupled weight decay.
///
/// Paper: Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e (2012);
/// centered: Graves, "Generating Sequences With Recurrent Neural Networks" (2013).
public struct KerasRMSprop: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var rho: Double
    public var momentum: Double
    public var epsilon: Double
    public var centered: Bool
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasRMSprop>] = [
        .number("lr", \.lr, 1e-3, "learning rate", aliases: ["learning_rate"]),
        .number("rho", \.rho, 0.9, "decay of the running average of g²"),
        .number("momentum", \.momentum, 0, "momentum of the step (used when > 0)"),
        .number("epsilon", \.epsilon, 1e-7, "added inside the square root", aliases: ["eps"]),
        .flag("centered", \.centered, false, "divide by the estimated standard deviation of g"),
    ] + KerasBase.fields()

    public init(lr: Double = 1e-3, rho: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-7,
                centered: Bool = false, base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.rho = rho; self.momentum = momentum; self.epsilon = epsilon; self.centered = centered
        self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasRMSprop { try KerasRMSprop() }

    /// Only the base optimizer's check: Keras's RMSprop validates nothing of its own.
    public func validate() throws(HyperparameterError) { try base.validate() }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .momentum }

    /// Slot 0: s; slot 1: the momentum b; slot 2: the gradient average a.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 3)
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
        // Keras builds the momentum buffer only for momentum > 0, so a cycling schedule has none to move otherwise.
        let mu = self.momentum > 0 ? cycled ?? self.momentum : self.momentum
        let useMomentum = mu > 0, centered = centered
        let r = T(rho), w = T(1 - rho), eps = T(epsilon), lr = T(rate), m = T(mu)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                s[i] = (s[i] * r).addingProduct(w, g * g)
                var d = s[i] + eps
                if centered {
                    s[2 * n + i] = (s[2 * n + i] * r).addingProduct(w, g)
                    d = d - s[2 * n + i] * s[2 * n + i]
                }
                let increment = g * lr / d.squareRoot()
                if useMomentum {
                    s[n + i] = s[n + i] * m + increment
                    parameters[i] = parameters[i] - s[n + i]
                } else {
                    parameters[i] = parameters[i] - increment
                }
            }
        }
    }
}
