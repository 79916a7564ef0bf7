/// AdaBelief: Adam whose second moment tracks the variance of g around its running mean (the
/// "belief" in the gradient); `torch_optimizer.AdaBelief` (torch-optimizer 0.3.0).
///
/// ```
/// t ← t + 1
/// θ ← θ·(1 − lr·weight_decay) (weight_decouple), θ·(1 − weight_decay) (and fixed_decay)
/// g ← g + weight_decay·θ                          (otherwise, if weight_decay ≠ 0)
/// m ← beta1·m + (1 − beta1)·g
/// s ← beta2·s + (1 − beta2)·(g − m)²
/// ŝ ← max(ŝ, s) + eps (amsgrad, stored back), else s ← s + eps (stored back), ŝ = s
/// d ← √ŝ/√(1 − beta2ᵗ) + eps
/// θ ← θ − lr/(1 − beta1ᵗ) · m/d                    (rectify = false)
/// rectify: ρ∞ ← 2/(1 − beta2) − 1;  ρₜ ← ρ∞ − 2t·beta2ᵗ/(1 − beta2ᵗ)
///          ρₜ > 4: θ ← θ − r·lr/(1 − beta1ᵗ) · m/d,  r = √((ρₜ−4)(ρₜ−2)ρ∞/(ρ∞−4)/(ρ∞−2)/ρₜ)
///          else:   θ ← θ − lr·m
/// ```
///
/// Hyperparameters (the package's defaults): `lr` = 0.001, `beta1` = 0.9, `beta2` = 0.999,
/// `eps` = 1e-8, `weight_decay` = 0, `amsgrad` = false, `weight_decouple` = false,
/// `fixed_decay` = false, `rectify` = false. No `maximize` in the reference.
///
/// Paper: Zhuang et al., "AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed
/// Gradients" (NeurIPS 2020).
///
/// Parity notes: the package adds eps to s *in place* every step (so eps accumulates in the state,
/// t·eps after t steps), and to ŝ instead of s with amsgrad; the paper adds it once per step to a
/// fresh s. Reproduced here. A zero lr is refused.
public struct AdaBelief: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var amsgrad: Bool
    public var weightDecouple: Bool
    public var fixedDecay: Bool
    public var rectify: Bool

    public static let fields: [HyperparameterField<AdaBelief>] = [
        .number("lr", \.lr, 1e-3, "learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.beta2, 0.999, "decay of the gradient-variance average"),
        .number("eps", \.eps, 1e-8, "added to the variance (in place) and to the denominator"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty (decoupled with weight_decouple)"),
        .flag("amsgrad", \.amsgrad, false, "use the running maximum of the variance"),
        .flag("weight_decouple", \.weightDecouple, false, "decay the parameters directly, as AdamW"),
        .flag("fixed_decay", \.fixedDecay, false, "with weight_decouple: decay by weight_decay, not lr·weight_decay"),
        .flag("rectify", \.rectify, false, "RAdam-style rectification"),
    ]

    /// Validates as `torch_optimizer.AdaBelief.__init__`.
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, amsgrad: Bool = false, weightDecouple: Bool = false,
                fixedDecay: Bool = false, rectify: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.amsgrad = amsgrad; self.weightDecouple = weightDecouple; self.fixedDecay = fixedDecay; self.rectify = rectify
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> AdaBelief { try AdaBelief() }

    /// The checks of `torch_optimizer.AdaBelief.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        try validateTorchOptimizer(lr: lr, eps: eps, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: s; slot 2: the running maximum ŝ (amsgrad only).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: amsgrad ? 3 : 2)
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
        let beta2Power = pythonPow(beta2, t)
        let biasCorrection1 = 1 - pythonPow(beta1, t)
        let biasCorrection2 = 1 - beta2Power
        // The update is θ + c·m/d with one of three scalars c; `sgdStyle` drops the denominator.
        var coefficient = -(lr / biasCorrection1)
        var sgdStyle = false
        if rectify {
            let rhoInf = 2.0 / (1.0 - beta2) - 1.0
            let rhoT = rhoInf - 2 * t * beta2Power / (1.0 - beta2Power)
            if rhoT > 4 {
                let rt = ((rhoT - 4.0) * (rhoT - 2.0) * rhoInf / (rhoInf - 4.0) / (rhoInf - 2.0) / rhoT).squareRoot()
                coefficient = -(rt * lr / biasCorrection1)
            } else {
                coefficient = -lr
                sgdStyle = true
            }
        }
        let c = T(coefficient), bc2Sqrt = T(biasCorrection2.squareRoot())
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), eps = T(eps), wd = T(weightDecay)
        let decay = T(fixedDecay ? 1.0 - weightDecay : 1.0 - lr * weightDecay)
        let decouple = weightDecouple, coupled = !weightDecouple && weightDecay != 0, amsgrad = amsgrad
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = gradient[i]
                if decouple { parameters[i] = parameters[i] * decay }
                if coupled { g = g + wd * parameters[i] }
                let m = s[i] * b1 + w1 * g
                s[i] = m
                let residual = g - m
                var variance = s[n + i] * b2 + w2 * residual * residual
                if amsgrad {
                    s[n + i] = variance
                    variance = T.nanMaximum(s[2 * n + i], variance) + eps
                    s[2 * n + i] = variance
                } else {
                    variance = variance + eps
                    s[n + i] = variance
                }
                if sgdStyle {
                    parameters[i] = parameters[i] + c * m
                } else {
                    let denom = variance.squareRoot() / bc2Sqrt + eps
                    parameters[i] = parameters[i] + c * m / denom
                }
            }
        }
    }
}
