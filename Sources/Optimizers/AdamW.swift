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
public struct AdamW: Optimizer {
    /// The Adam rule this runs, with `decoupledWeightDecay` set.
    public var adam: Adam

    public static let parameters: [HyperparameterInfo] = [
        HyperparameterInfo("lr", .number(1e-3), "learning rate"),
        HyperparameterInfo("beta1", .number(0.9), "decay of the gradient average"),
        HyperparameterInfo("beta2", .number(0.999), "decay of the squared-gradient average"),
        HyperparameterInfo("eps", .number(1e-8), "added to the denominator"),
        HyperparameterInfo("weight_decay", .number(1e-2), "decoupled weight decay: θ ← θ·(1 − lr·weight_decay)"),
        HyperparameterInfo("amsgrad", .flag(false), "use the running maximum of v (AMSGrad)"),
        HyperparameterInfo("maximize", .flag(false), "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.AdamW.__init__` (which is Adam's).
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false) throws(HyperparameterError) {
        adam = try Adam(lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                        maximize: maximize, decoupledWeightDecay: true)
    }

    public init(_ v: Hyperparameters) throws(HyperparameterError) {
        try self.init(lr: v.number("lr"), beta1: v.number("beta1"), beta2: v.number("beta2"), eps: v.number("eps"),
                      weightDecay: v.number("weight_decay"), amsgrad: v.flag("amsgrad"), maximize: v.flag("maximize"))
    }

    public var values: Hyperparameters {
        Hyperparameters([("lr", .number(adam.lr)), ("beta1", .number(adam.beta1)), ("beta2", .number(adam.beta2)),
                         ("eps", .number(adam.eps)), ("weight_decay", .number(adam.weightDecay)),
                         ("amsgrad", .flag(adam.amsgrad)), ("maximize", .flag(adam.maximize))])
    }

    public func makeState<T: OptimizerScalar>(count: Int, as type: T.Type) -> OptimizerState<T> {
        adam.makeState(count: count, as: type)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>
    ) {
        adam.step(parameters, gradient: gradient, state: &state)
    }
}
