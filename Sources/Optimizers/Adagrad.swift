/// Adagrad: per-coordinate learning rates from the sum of squared gradients; `torch.optim.Adagrad`.
///
/// ```
/// t ← t + 1
/// g ← −∇f if maximize else ∇f
/// g ← g + weight_decay·θ                          (if weight_decay ≠ 0)
/// clr ← lr / (1 + (t − 1)·lr_decay)
/// s ← s + g²                                      (s₀ = initial_accumulator_value)
/// θ ← θ − clr·g / (√s + eps)
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.01, `lr_decay` = 0, `weight_decay` = 0,
/// `initial_accumulator_value` = 0, `eps` = 1e-10, `maximize` = false.
///
/// Paper: Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization" (JMLR 2011).
///
/// Parity note: eps is added outside the square root (the paper uses √(δ + s) in places), and the
/// learning-rate decay `lr_decay` is torch's addition.
public struct Adagrad: TabulatedOptimizer {
    public var lr: Double
    public var lrDecay: Double
    public var weightDecay: Double
    public var initialAccumulatorValue: Double
    public var eps: Double
    public var maximize: Bool

    public static let fields: [HyperparameterField<Adagrad>] = [
        .number("lr", \.lr, 1e-2, "learning rate"),
        .number("lr_decay", \.lrDecay, 0, "learning-rate decay: lr / (1 + (t − 1)·lr_decay)"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty added to the gradient"),
        .number("initial_accumulator_value", \.initialAccumulatorValue, 0, "starting value of the sum of squares"),
        .number("eps", \.eps, 1e-10, "added to the denominator"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.Adagrad.__init__`.
    public init(lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.lrDecay = lrDecay; self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue; self.eps = eps; self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> Adagrad { try Adagrad() }

    /// The checks of `torch.optim.Adagrad.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        if !(0 <= lr) { throw invalid("learning rate", lr) }
        if !(0 <= lrDecay) { throw invalid("lr_decay value", lrDecay) }
        if !(0 <= weightDecay) { throw invalid("weight_decay value", weightDecay) }
        if !(0 <= initialAccumulatorValue) { throw invalid("initial_accumulator_value value", initialAccumulatorValue) }
        if !(0 <= eps) { throw invalid("epsilon value", eps) }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: the sum of squared gradients, starting at `initial_accumulator_value`.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 1, fill: T(initialAccumulatorValue))
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let n = state.beginStep(parameters, gradient)
        let clr = context.lr / (1 + Double(state.step - 1) * lrDecay)
        let negClr = T(-clr), wd = T(weightDecay), eps = T(eps)
        let useDecay = weightDecay != 0, maximize = maximize
        state.slots.withUnsafeMutableBufferPointer { sum in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                if useDecay { g = g + wd * parameters[i] }
                let s = sum[i] + g * g
                sum[i] = s
                parameters[i] = parameters[i] + negClr * g / (s.squareRoot() + eps)
            }
        }
    }
}
