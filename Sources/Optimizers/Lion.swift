/// Lion: the sign of an interpolated momentum, with decoupled weight decay; `lion_pytorch.Lion`
/// (lion-pytorch 0.2.5).
///
/// ```
/// θ ← θ·(1 − lr·λ),  λ = weight_decay (or weight_decay/lr with decoupled_weight_decay)
/// θ ← θ − lr·sign(beta1·m + (1 − beta1)·g)
/// m ← beta2·m + (1 − beta2)·g
/// ```
///
/// Hyperparameters (the package's defaults): `lr` = 1e-4, `beta1` = 0.9, `beta2` = 0.99,
/// `weight_decay` = 0, `decoupled_weight_decay` = false. No `maximize` in the reference
/// (`use_triton` only picks a GPU kernel and is not exposed).
///
/// Paper: Chen et al., "Symbolic Discovery of Optimization Algorithms" (NeurIPS 2023).
///
/// Parity notes: with decoupled_weight_decay the package divides weight_decay by the initial lr,
/// so the decay factor is 1 − lr·(weight_decay/lr), computed in that order here. The package only
/// `assert`s lr > 0 and 0 ≤ beta ≤ 1 (no message); trajviz refuses the same values with torch's
/// wording.
public struct Lion: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var weightDecay: Double
    public var decoupledWeightDecay: Bool

    public static let fields: [HyperparameterField<Lion>] = [
        .number("lr", \.lr, 1e-4, "learning rate"),
        .number("beta1", \.beta1, 0.9, "interpolation between momentum and gradient for the update"),
        .number("beta2", \.beta2, 0.99, "decay of the momentum"),
        .number("weight_decay", \.weightDecay, 0, "decoupled weight decay: θ ← θ·(1 − lr·weight_decay)"),
        .flag("decoupled_weight_decay", \.decoupledWeightDecay, false, "divide weight_decay by the initial lr"),
    ]

    /// Refuses what `lion_pytorch.Lion.__init__` asserts against.
    public init(lr: Double = 1e-4, beta1: Double = 0.9, beta2: Double = 0.99, weightDecay: Double = 0,
                decoupledWeightDecay: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> Lion { try Lion() }

    /// The assertions of `lion_pytorch.Lion.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        if !(lr > 0) { throw invalid("learning rate", lr) }
        if !(0 <= beta1 && beta1 <= 1) { throw invalid("beta parameter at index 0", beta1) }
        if !(0 <= beta2 && beta2 <= 1) { throw invalid("beta parameter at index 1", beta2) }
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
        let n = state.beginStep(parameters, gradient)
        // The package divides a decoupled decay by the lr Lion was built with, not the current one.
        let lr = context.lr, beta1 = context.momentum ?? beta1
        let wd = decoupledWeightDecay ? weightDecay / context.baseLr : weightDecay
        let decay = T(1 - lr * wd), negLr = T(-lr)
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                parameters[i] = parameters[i] * decay
                let direction = (s[i] * b1 + w1 * g).torchSign
                parameters[i] = parameters[i] + negLr * direction
                s[i] = s[i] * b2 + w2 * g
            }
        }
    }
}
