/// Yogi: Adam whose second moment moves additively, by the sign of the gap to g²;
/// `torch_optimizer.Yogi` (torch-optimizer 0.3.0).
///
/// ```
/// t ← t + 1
/// g ← g + weight_decay·θ                          (if weight_decay ≠ 0)
/// m ← beta1·m + (1 − beta1)·g
/// v ← v − (1 − beta2)·sign(v − g²)·g²
/// θ ← θ − lr/(1 − beta1ᵗ) · m / (√v/√(1 − beta2ᵗ) + eps)      (m₀ = v₀ = initial_accumulator)
/// ```
///
/// Hyperparameters (the package's defaults): `lr` = 0.01, `beta1` = 0.9, `beta2` = 0.999,
/// `eps` = 0.001, `initial_accumulator` = 1e-6, `weight_decay` = 0. No `maximize` in the reference.
///
/// Paper: Zaheer, Reddi, Sachan, Kale & Kumar, "Adaptive Methods for Nonconvex Optimization"
/// (NeurIPS 2018).
///
/// Parity notes: the paper starts m and v at 0 and has no bias correction; the package starts both
/// at `initial_accumulator` (as TensorFlow Addons) and bias-corrects as Adam does. A zero lr is refused.
public struct Yogi: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var initialAccumulator: Double
    public var weightDecay: Double

    public static let fields: [HyperparameterField<Yogi>] = [
        .number("lr", \.lr, 1e-2, "learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.beta2, 0.999, "rate of the additive second-moment update"),
        .number("eps", \.eps, 1e-3, "added to the denominator"),
        .number("initial_accumulator", \.initialAccumulator, 1e-6, "starting value of m and v"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty added to the gradient"),
    ]

    /// Validates as `torch_optimizer.Yogi.__init__`.
    public init(lr: Double = 1e-2, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-3,
                initialAccumulator: Double = 1e-6, weightDecay: Double = 0) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        self.initialAccumulator = initialAccumulator; self.weightDecay = weightDecay
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> Yogi { try Yogi() }

    /// The checks of `torch_optimizer.Yogi.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        try validateTorchOptimizer(lr: lr, eps: eps, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v; both start at `initial_accumulator`.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2, fill: T(initialAccumulator))
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
        let bc2Sqrt = T(biasCorrection2.squareRoot())
        let negStepSize = T(-(lr / biasCorrection1))
        let b1 = T(beta1), w1 = T(1 - beta1), negW2 = T(-(1 - beta2)), eps = T(eps), wd = T(weightDecay)
        let useDecay = weightDecay != 0
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = gradient[i]
                if useDecay { g = g + wd * parameters[i] }
                let m = s[i] * b1 + w1 * g
                s[i] = m
                let g2 = g * g
                let v = s[n + i] + negW2 * (s[n + i] - g2).torchSign * g2
                s[n + i] = v
                let denom = v.squareRoot() / bc2Sqrt + eps
                parameters[i] = parameters[i] + negStepSize * m / denom
            }
        }
    }
}

/// The checks torch-optimizer 0.3.0 makes for Yogi and AdaBelief, in their order.
func validateTorchOptimizer(lr: Double, eps: Double, beta1: Double, beta2: Double, weightDecay: Double) throws(HyperparameterError) {
    if lr <= 0 { throw invalid("learning rate", lr) }
    if eps < 0 { throw invalid("epsilon value", eps) }
    if !(0 <= beta1 && beta1 < 1) { throw invalid("beta parameter at index 0", beta1) }
    if !(0 <= beta2 && beta2 < 1) { throw invalid("beta parameter at index 1", beta2) }
    if weightDecay < 0 { throw invalid("weight_decay value", weightDecay) }
}
