/// Adamax: Adam with the infinity norm in place of the second moment; `torch.optim.Adamax`.
///
/// ```
/// t ← t + 1
/// g ← −∇f if maximize else ∇f
/// g ← g + weight_decay·θ                          (if weight_decay ≠ 0)
/// m ← lerp(m, g, 1 − beta1)
/// u ← max(beta2·u, |g| + eps)
/// θ ← θ − lr/(1 − beta1ᵗ) · m / u
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.002, `beta1` = 0.9, `beta2` = 0.999, `eps` = 1e-8,
/// `weight_decay` = 0, `maximize` = false.
///
/// Paper: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), section 7.1.
///
/// Parity note: the paper has no eps; torch adds it to |g| inside the maximum, so u ≥ eps.
public struct Adamax: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var maximize: Bool

    public static let fields: [HyperparameterField<Adamax>] = [
        .number("lr", \.lr, 2e-3, "learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.beta2, 0.999, "decay of the infinity norm"),
        .number("eps", \.eps, 1e-8, "added to |g| inside the maximum"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty added to the gradient"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.Adamax.__init__`.
    public init(lr: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> Adamax { try Adamax() }

    /// The checks of `torch.optim.Adamax.__init__` (Adam's), in its order.
    public func validate() throws(HyperparameterError) {
        try validateAdamFamily(lr: lr, eps: eps, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: the infinity norm u.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let n = state.beginStep(parameters, gradient)
        let beta1 = context.momentum ?? beta1
        let negClr = T(-(context.lr / (1 - pythonPow(beta1, Double(state.step)))))
        let w1 = T(1 - beta1), b2 = T(beta2), eps = T(eps), wd = T(weightDecay)
        let useDecay = weightDecay != 0, maximize = maximize
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                if useDecay { g = g + wd * parameters[i] }
                let m = T.torchLerp(s[i], g, w1)
                s[i] = m
                let u = T.nanMaximum(s[n + i] * b2, abs(g) + eps)
                s[n + i] = u
                parameters[i] = parameters[i] + negClr * m / u
            }
        }
    }
}
