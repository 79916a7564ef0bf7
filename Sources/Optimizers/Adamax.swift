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
public struct Adamax: Optimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var maximize: Bool

    public static let parameters: [HyperparameterInfo] = [
        HyperparameterInfo("lr", .number(2e-3), "learning rate"),
        HyperparameterInfo("beta1", .number(0.9), "decay of the gradient average"),
        HyperparameterInfo("beta2", .number(0.999), "decay of the infinity norm"),
        HyperparameterInfo("eps", .number(1e-8), "added to |g| inside the maximum"),
        HyperparameterInfo("weight_decay", .number(0), "L2 penalty added to the gradient"),
        HyperparameterInfo("maximize", .flag(false), "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.Adamax.__init__`.
    public init(lr: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, maximize: Bool = false) throws(HyperparameterError) {
        try validateAdamFamily(lr: lr, eps: eps, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.maximize = maximize
    }

    public init(_ v: Hyperparameters) throws(HyperparameterError) {
        try self.init(lr: v.number("lr"), beta1: v.number("beta1"), beta2: v.number("beta2"), eps: v.number("eps"),
                      weightDecay: v.number("weight_decay"), maximize: v.flag("maximize"))
    }

    public var values: Hyperparameters {
        Hyperparameters([("lr", .number(lr)), ("beta1", .number(beta1)), ("beta2", .number(beta2)), ("eps", .number(eps)),
                         ("weight_decay", .number(weightDecay)), ("maximize", .flag(maximize))])
    }

    /// Slot 0: m; slot 1: the infinity norm u.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>
    ) {
        let n = parameters.count
        precondition(gradient.count == n && state.count == n, "parameter, gradient and state sizes differ")
        state.step += 1
        let negClr = T(-(lr / (1 - pythonPow(beta1, Double(state.step)))))
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
