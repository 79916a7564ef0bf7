/// AdamW: Adam with decoupled weight decay; `torch.optim.AdamW`.
///
/// ```
/// θ ← θ·(1 − lr·weight_decay)
/// then the Adam update (see ``Adam``) without any L2 term in the gradient
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.001, `beta1` = 0.9, `beta2` = 0.999, `eps` = 1e-8,
/// `weight_decay` = 0.01, `amsgrad` = false, `maximize` = false.
///
/// Paper: Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019).
///
/// Parity note: the paper decays by η_t·λ with a schedule multiplier η_t separate from α; torch ties
/// the decay to the learning rate (θ·(1 − lr·λ)), so a larger lr also decays more.
public struct AdamW: TabulatedOptimizer {
    /// The Adam rule this runs, with `decoupledWeightDecay` set.
    public var adam: Adam

    public static let fields: [HyperparameterField<AdamW>] = [
        .number("lr", \.adam.lr, 1e-3, "learning rate"),
        .number("beta1", \.adam.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.adam.beta2, 0.999, "decay of the squared-gradient average"),
        .number("eps", \.adam.eps, 1e-8, "added to the denominator"),
        .number("weight_decay", \.adam.weightDecay, 1e-2, "decoupled weight decay: θ ← θ·(1 − lr·weight_decay)"),
        .flag("amsgrad", \.adam.amsgrad, false, "use the running maximum of v (AMSGrad)"),
        .flag("maximize", \.adam.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.AdamW.__init__` (which is Adam's).
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false) throws(HyperparameterError) {
        adam = try Adam(lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                        maximize: maximize, decoupledWeightDecay: true)
    }

    public static func withDefaults() throws(HyperparameterError) -> AdamW { try AdamW() }

    /// Adam's checks, in its order.
    public func validate() throws(HyperparameterError) { try adam.validate() }

    public var learningRate: Double { adam.lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    public func makeState<T: OptimizerScalar>(count: Int, as type: T.Type) -> OptimizerState<T> {
        adam.makeState(count: count, as: type)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        adam.step(parameters, gradient: gradient, state: &state, context: context)
    }
}
