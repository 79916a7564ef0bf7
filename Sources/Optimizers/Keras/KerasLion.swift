/// Lion as Keras 3 writes it: `keras.optimizers.Lion` (Keras 3.15, the kernel of its torch
/// backend, `torch_lion.py`).
///
/// ```
/// (every Keras optimizer, see KerasBase) g ← clip(g); θ ← θ·(1 − weight_decay·lr)
/// θ ← θ − lr·sign(beta_1·m + (1 − beta_1)·g)
/// m ← beta_2·m + (1 − beta_2)·g
/// ```
///
/// Hyperparameters (Keras's defaults): `lr` (Keras `learning_rate`) = 0.001, `beta_1` (also
/// `beta1`) = 0.9, `beta_2` (also `beta2`) = 0.99, then ``KerasBase``'s `weight_decay`,
/// `clipnorm`, `clipvalue`, `global_clipnorm`. Refused as Keras refuses it: beta_1 outside (0, 1].
///
/// Differences from `lion_pytorch.Lion` (trajviz's `lion`): lr 0.001 (lion-pytorch 1e-4); beta_2 is
/// not checked; no `decoupled_weight_decay` (Keras always multiplies by 1 − weight_decay·lr).
///
/// Paper: Chen et al., "Symbolic Discovery of Optimization Algorithms" (NeurIPS 2023).
public struct KerasLion: TabulatedOptimizer, KerasRule {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var base: KerasBase

    public static let fields: [HyperparameterField<KerasLion>] = [
        .number("lr", \.lr, 1e-3, "learning rate", aliases: ["learning_rate"]),
        .number("beta_1", \.beta1, 0.9, "interpolation between momentum and gradient for the update", aliases: ["beta1"]),
        .number("beta_2", \.beta2, 0.99, "decay of the momentum m", aliases: ["beta2"]),
    ] + KerasBase.fields()

    /// Validates as `keras.optimizers.Lion.__init__`.
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.99,
                base: KerasBase = KerasBase()) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.base = base
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> KerasLion { try KerasLion() }

    /// The base optimizer's check, then Lion's.
    public func validate() throws(HyperparameterError) {
        try base.validate()
        if beta1 <= 0 || beta1 > 1 {
            throw HyperparameterError("Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                                      + "degenerates to SignSGD. Received: beta_1=\(pythonRepr(beta1)).")
        }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: the momentum m.
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
        let clip = base.clip(gradient), decay = base.decay(lr: rate, as: T.self)
        let beta1 = cycled ?? self.beta1
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), lr = T(rate)
        state.slots.withUnsafeMutableBufferPointer { m in
            for i in 0..<n {
                let g = clip(gradient[i])
                if let decay { parameters[i] = parameters[i] * decay }
                let c = (m[i] * b1).addingProduct(w1, g).torchSign
                parameters[i] = parameters[i] - c * lr
                m[i] = (m[i] * b2).addingProduct(w2, g)
            }
        }
    }
}
