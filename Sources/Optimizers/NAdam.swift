/// NAdam: Adam with Nesterov momentum and a momentum schedule; `torch.optim.NAdam`.
///
/// ```
/// t ← t + 1
/// g ← −∇f if maximize else ∇f
/// θ ← θ·(1 − lr·weight_decay)                      (decoupled_weight_decay)
/// g ← g + weight_decay·θ                          (otherwise, if weight_decay ≠ 0)
/// μₜ ← beta1·(1 − ½·0.96^(t·momentum_decay)),  μₜ₊₁ likewise with t + 1
/// Πₜ ← Πₜ₋₁·μₜ                                     (Π₀ = 1)
/// m ← lerp(m, g, 1 − beta1);  v ← beta2·v + (1 − beta2)·g²
/// d ← √(v / (1 − beta2ᵗ)) + eps
/// θ ← θ − lr·(1 − μₜ)/(1 − Πₜ) · g/d − lr·μₜ₊₁/(1 − Πₜ·μₜ₊₁) · m/d
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.002, `beta1` = 0.9, `beta2` = 0.999, `eps` = 1e-8,
/// `weight_decay` = 0, `momentum_decay` = 0.004, `decoupled_weight_decay` = false, `maximize` = false.
///
/// Paper: Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016 workshop).
///
/// Parity note: the μ schedule (0.96 raised to t·ψ, ψ = momentum_decay) follows Dozat's report and
/// Keras, not a fixed beta1; the running product Π is kept in Double in ``OptimizerState/scalars``
/// (torch keeps it as a float64 tensor when the default dtype is float64).
public struct NAdam: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var momentumDecay: Double
    public var decoupledWeightDecay: Bool
    public var maximize: Bool

    public static let fields: [HyperparameterField<NAdam>] = [
        .number("lr", \.lr, 2e-3, "learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.beta2, 0.999, "decay of the squared-gradient average"),
        .number("eps", \.eps, 1e-8, "added to the denominator"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty (decoupled with decoupled_weight_decay)"),
        .number("momentum_decay", \.momentumDecay, 4e-3, "ψ of the momentum schedule μₜ = beta1·(1 − ½·0.96^(tψ))"),
        .flag("decoupled_weight_decay", \.decoupledWeightDecay, false, "decay the parameters directly, as AdamW"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.NAdam.__init__`.
    public init(lr: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false,
                maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay; self.decoupledWeightDecay = decoupledWeightDecay; self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> NAdam { try NAdam() }

    /// The checks of `torch.optim.NAdam.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        try validateAdamFamily(lr: lr, eps: eps, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
        if !(0 <= momentumDecay) { throw invalid("momentum_decay value", momentumDecay) }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v; scalars[0]: the product Π of the μ's so far.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2, scalars: [1])
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let n = state.beginStep(parameters, gradient)
        let lr = context.lr, beta1 = context.momentum ?? beta1
        let t = Double(state.step)
        let biasCorrection2 = 1 - pythonPow(beta2, t)
        let mu = beta1 * (1 - 0.5 * pythonPow(0.96, t * momentumDecay))
        let muNext = beta1 * (1 - 0.5 * pythonPow(0.96, (t + 1) * momentumDecay))
        let muProduct = state.scalars[0] * mu
        state.scalars[0] = muProduct
        let muProductNext = muProduct * muNext
        let gradCoefficient = T(-lr * (1 - mu) / (1 - muProduct))
        let averageCoefficient = T((-lr * muNext) / (1 - muProductNext))
        let bc2 = T(biasCorrection2), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), eps = T(eps)
        let wd = T(weightDecay), decay = T(1 - lr * weightDecay)
        let coupled = weightDecay != 0 && !decoupledWeightDecay, decoupled = weightDecay != 0 && decoupledWeightDecay
        let maximize = maximize
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                if decoupled { parameters[i] = parameters[i] * decay }
                if coupled { g = g + wd * parameters[i] }
                let m = T.torchLerp(s[i], g, w1)
                s[i] = m
                let v = s[n + i] * b2 + w2 * g * g
                s[n + i] = v
                let denom = (v / bc2).squareRoot() + eps
                parameters[i] = parameters[i] + gradCoefficient * g / denom
                parameters[i] = parameters[i] + averageCoefficient * m / denom
            }
        }
    }
}
