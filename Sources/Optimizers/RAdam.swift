/// RAdam: Adam with a rectified adaptive learning rate, plain momentum SGD while the variance
/// estimate is unreliable; `torch.optim.RAdam`.
///
/// ```
/// t ← t + 1
/// g ← −∇f if maximize else ∇f
/// θ ← θ·(1 − lr·weight_decay)                      (decoupled_weight_decay)
/// g ← g + weight_decay·θ                          (otherwise, if weight_decay ≠ 0)
/// m ← lerp(m, g, 1 − beta1);  v ← beta2·v + (1 − beta2)·g²
/// m̂ ← m / (1 − beta1ᵗ)
/// ρ∞ ← 2/(1 − beta2) − 1;  ρₜ ← ρ∞ − 2t·beta2ᵗ/(1 − beta2ᵗ)
/// if ρₜ > 5:  r ← √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///             θ ← θ − m̂·lr · √(1 − beta2ᵗ)/(√v + eps) · r
/// else:       θ ← θ − m̂·lr
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.001, `beta1` = 0.9, `beta2` = 0.999, `eps` = 1e-8,
/// `weight_decay` = 0, `decoupled_weight_decay` = false, `maximize` = false.
///
/// Paper: Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond" (ICLR 2020).
///
/// Parity note: the paper switches at ρₜ > 4; torch at ρₜ > 5 (as the authors' code). eps is added
/// to √v before the bias correction, which the paper omits.
public struct RAdam: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var decoupledWeightDecay: Bool
    public var maximize: Bool

    public static let fields: [HyperparameterField<RAdam>] = [
        .number("lr", \.lr, 1e-3, "learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.beta2, 0.999, "decay of the squared-gradient average"),
        .number("eps", \.eps, 1e-8, "added to the denominator"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty (decoupled with decoupled_weight_decay)"),
        .flag("decoupled_weight_decay", \.decoupledWeightDecay, false, "decay the parameters directly, as AdamW"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.RAdam.__init__`.
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, decoupledWeightDecay: Bool = false, maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay; self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> RAdam { try RAdam() }

    /// The checks of `torch.optim.RAdam.__init__` (Adam's), in its order.
    public func validate() throws(HyperparameterError) {
        try validateAdamFamily(lr: lr, eps: eps, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v.
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
        let t = Double(state.step)
        let beta2Power = pythonPow(beta2, t)
        let biasCorrection1 = 1 - pythonPow(beta1, t)
        let biasCorrection2 = 1 - beta2Power
        let rhoInf = 2 / (1 - beta2) - 1
        let rhoT = rhoInf - 2 * t * beta2Power / biasCorrection2
        let rectified = rhoT > 5
        let rect = rectified
            ? pythonPow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5) : 0
        let bc1 = T(biasCorrection1), bc2Sqrt = T(pythonPow(biasCorrection2, 0.5)), r = T(rect)
        let lr = T(context.lr), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), eps = T(eps)
        let wd = T(weightDecay), decay = T(1 - context.lr * weightDecay)
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
                let corrected = m / bc1
                if rectified {
                    // torch computes scalar / tensor as reciprocal(tensor) · scalar.
                    let adaptive = 1 / (v.squareRoot() + eps) * bc2Sqrt
                    parameters[i] = parameters[i] - corrected * lr * adaptive * r
                } else {
                    parameters[i] = parameters[i] - corrected * lr
                }
            }
        }
    }
}
