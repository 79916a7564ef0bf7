/// Gradient descent with (Nesterov) momentum as Keras 3 writes it: `keras.optimizers.SGD`
/// (Keras 3.15, the kernel of its torch backend, `torch_sgd.py`).
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// v ← momentum·v − lr·g                     (momentum ≠ 0; v₀ = 0)
/// θ ← θ + v                  nesterov:  θ ← θ − lr·g + momentum·v
/// θ ← θ − lr·g                              (momentum = 0)
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.01, `momentum` = 0,
/// `nesterov` = false, then ``KerasBase``'s `weight_decay`, `clipnorm`, `clipvalue`,
/// `global_clipnorm`. Refused as Keras refuses it: momentum outside [0, 1]
/// ("`momentum` must be a float between [0, 1].").
///
/// Differences from `torch.optim.SGD`: the default rate (torch 0.001); the velocity holds lr
/// (v ← μv − lr·g, torch's buffer b ← μb + g is multiplied by lr afterwards), so the two agree at
/// a constant rate and part under a schedule; Nesterov without momentum is plain SGD here (torch
/// refuses it); the weight decay is decoupled.
///
/// Parity note: the torch backend adds with `alpha`, which torch computes as one fused
/// multiply-add; so does this rule (`addingProduct`).
public struct KerasSGD: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var momentum: Double
    public var nesterov: Bool
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasSGD>] = [
        .number("lr", \.lr, 0.01, "learning rate", aliases: ["learning_rate"]),
        .number("momentum", \.momentum, 0, "velocity decay: v ← momentum·v − lr·g"),
        .flag("nesterov", \.nesterov, false, "Nesterov momentum"),
    ] + KerasBase.fields()

    /// Validates as `keras.optimizers.SGD.__init__`.
    public init(lr: Double = 0.01, momentum: Double = 0, nesterov: Bool = false,
                base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.momentum = momentum; self.nesterov = nesterov; self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasSGD { try KerasSGD() }

    /// The base optimizer's check, then SGD's.
    public func validate() throws(HyperparameterError) {
        try base.validate()
        if !(0 <= momentum && momentum <= 1) {
            throw HyperparameterError("`momentum` must be a float between [0, 1].")
        }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .momentum }

    /// Slot 0: the velocity v (Keras builds it only when momentum ≠ 0).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: momentum != 0 ? 1 : 0)
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
        // Keras builds no velocity for momentum 0 (`if self.momentum != 0` in build), so a cycling schedule has none to move.
        let mu = self.momentum != 0 ? cycled ?? self.momentum : self.momentum
        let useMomentum = mu != 0, nesterov = nesterov
        if useMomentum && state.slots.isEmpty { state.slots = Array(repeating: 0, count: n) }
        let negLr = T(-rate), m = T(mu)
        state.slots.withUnsafeMutableBufferPointer { v in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                if useMomentum {
                    v[i] = (v[i] * m).addingProduct(negLr, g)
                    if nesterov {
                        parameters[i] = parameters[i].addingProduct(negLr, g)
                        parameters[i] = parameters[i].addingProduct(m, v[i])
                    } else {
                        parameters[i] = parameters[i] + v[i]
                    }
                } else {
                    parameters[i] = parameters[i].addingProduct(negLr, g)
                }
            }
        }
    }
}
