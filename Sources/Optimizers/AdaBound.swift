/// AdaBound: Adam whose per-coordinate step size is clipped between bounds that close in on a
/// final SGD learning rate; AMSBound with `amsbound`. The `adabound` package 0.0.5.
///
/// ```
/// t ← t + 1
/// g ← g + weight_decay·θ                          (if weight_decay ≠ 0)
/// m ← beta1·m + (1 − beta1)·g;  v ← beta2·v + (1 − beta2)·g²
/// v̂ ← max(v̂, v) (amsbound), else v̂ = v
/// α ← lr·√(1 − beta2ᵗ)/(1 − beta1ᵗ)
/// η_l ← final_lr·(1 − 1/(gamma·t + 1));  η_u ← final_lr·(1 + 1/(gamma·t))
/// θ ← θ − clamp(α/(√v̂ + eps), η_l, η_u)·m
/// ```
///
/// Hyperparameters (the package's defaults): `lr` = 0.001, `beta1` = 0.9, `beta2` = 0.999,
/// `final_lr` = 0.1, `gamma` = 0.001, `eps` = 1e-8, `weight_decay` = 0, `amsbound` = false.
/// There is no `maximize` in the reference.
///
/// Paper: Luo, Xiong, Liu & Sun, "Adaptive Gradient Methods with Dynamic Bound of Learning Rate"
/// (ICLR 2019).
///
/// Parity notes: the package scales final_lr by lr/base_lr, base_lr being the lr it was built with
/// (its hook for schedulers, which cannot reach final_lr): the bounds follow a schedule's rate
/// (``StepContext/baseLr``), and without a schedule this is final_lr·lr/lr, to the last bit; eps is added to √v̂ before the bias
/// correction, which is folded into α. With gamma = 0 the package raises ZeroDivisionError;
/// here the upper bound is then +∞. weight_decay is not range-checked, as in the package.
public struct AdaBound: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var finalLr: Double
    public var gamma: Double
    public var eps: Double
    public var weightDecay: Double
    public var amsbound: Bool

    public static let fields: [HyperparameterField<AdaBound>] = [
        .number("lr", \.lr, 1e-3, "Adam learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.beta2, 0.999, "decay of the squared-gradient average"),
        .number("final_lr", \.finalLr, 0.1, "the SGD learning rate the bounds converge to"),
        .number("gamma", \.gamma, 1e-3, "convergence speed of the bounds"),
        .number("eps", \.eps, 1e-8, "added to the denominator"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty added to the gradient"),
        .flag("amsbound", \.amsbound, false, "use the running maximum of v (AMSBound)"),
    ]

    /// Validates as `adabound.AdaBound.__init__`.
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, finalLr: Double = 0.1,
                gamma: Double = 1e-3, eps: Double = 1e-8, weightDecay: Double = 0, amsbound: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.finalLr = finalLr; self.gamma = gamma
        self.eps = eps; self.weightDecay = weightDecay; self.amsbound = amsbound
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> AdaBound { try AdaBound() }

    /// The checks of `adabound.AdaBound.__init__`, in its order (weight_decay is not checked).
    public func validate() throws(HyperparameterError) {
        if !(0 <= lr) { throw invalid("learning rate", lr) }
        if !(0 <= eps) { throw invalid("epsilon value", eps) }
        if !(0 <= beta1 && beta1 < 1) { throw invalid("beta parameter at index 0", beta1) }
        if !(0 <= beta2 && beta2 < 1) { throw invalid("beta parameter at index 1", beta2) }
        if !(0 <= finalLr) { throw invalid("final learning rate", finalLr) }
        if !(0 <= gamma && gamma < 1) { throw invalid("gamma parameter", gamma) }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v; slot 2: the running maximum of v (amsbound only).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: amsbound ? 3 : 2)
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
        let biasCorrection1 = 1 - pythonPow(beta1, t)
        let biasCorrection2 = 1 - pythonPow(beta2, t)
        let stepSize = T(lr * biasCorrection2.squareRoot() / biasCorrection1)
        // The package's scheduler hook: final_lr · lr / base_lr, in that order.
        let finalLr = finalLr * lr / context.baseLr
        let lower = T(finalLr * (1 - 1 / (gamma * t + 1)))
        let upper = T(finalLr * (1 + 1 / (gamma * t)))
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), eps = T(eps), wd = T(weightDecay)
        let useDecay = weightDecay != 0, amsbound = amsbound
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = gradient[i]
                if useDecay { g = g + wd * parameters[i] }
                let m = s[i] * b1 + w1 * g
                s[i] = m
                var v = s[n + i] * b2 + w2 * g * g
                s[n + i] = v
                if amsbound {
                    v = T.nanMaximum(s[2 * n + i], v)
                    s[2 * n + i] = v
                }
                let denom = v.squareRoot() + eps
                let update = (stepSize / denom).clamped(lower, upper) * m
                parameters[i] = parameters[i] + -update
            }
        }
    }
}
