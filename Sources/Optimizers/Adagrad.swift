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
public struct Adagrad: Optimizer {
    public var lr: Double
    public var lrDecay: Double
    public var weightDecay: Double
    public var initialAccumulatorValue: Double
    public var eps: Double
    public var maximize: Bool

    public static let parameters: [HyperparameterInfo] = [
        HyperparameterInfo("lr", .number(1e-2), "learning rate"),
        HyperparameterInfo("lr_decay", .number(0), "learning-rate decay: lr / (1 + (t − 1)·lr_decay)"),
        HyperparameterInfo("weight_decay", .number(0), "L2 penalty added to the gradient"),
        HyperparameterInfo("initial_accumulator_value", .number(0), "starting value of the sum of squares"),
        HyperparameterInfo("eps", .number(1e-10), "added to the denominator"),
        HyperparameterInfo("maximize", .flag(false), "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.Adagrad.__init__`.
    public init(lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false) throws(HyperparameterError) {
        if !(0 <= lr) { throw invalid("learning rate", lr) }
        if !(0 <= lrDecay) { throw invalid("lr_decay value", lrDecay) }
        if !(0 <= weightDecay) { throw invalid("weight_decay value", weightDecay) }
        if !(0 <= initialAccumulatorValue) { throw invalid("initial_accumulator_value value", initialAccumulatorValue) }
        if !(0 <= eps) { throw invalid("epsilon value", eps) }
        self.lr = lr; self.lrDecay = lrDecay; self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue; self.eps = eps; self.maximize = maximize
    }

    public init(_ v: Hyperparameters) throws(HyperparameterError) {
        try self.init(lr: v.number("lr"), lrDecay: v.number("lr_decay"), weightDecay: v.number("weight_decay"),
                      initialAccumulatorValue: v.number("initial_accumulator_value"), eps: v.number("eps"),
                      maximize: v.flag("maximize"))
    }

    public var values: Hyperparameters {
        Hyperparameters([("lr", .number(lr)), ("lr_decay", .number(lrDecay)), ("weight_decay", .number(weightDecay)),
                         ("initial_accumulator_value", .number(initialAccumulatorValue)), ("eps", .number(eps)),
                         ("maximize", .flag(maximize))])
    }

    /// Slot 0: the sum of squared gradients, starting at `initial_accumulator_value`.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 1, fill: T(initialAccumulatorValue))
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>
    ) {
        let n = parameters.count
        precondition(gradient.count == n && state.count == n, "parameter, gradient and state sizes differ")
        state.step += 1
        let clr = lr / (1 + Double(state.step - 1) * lrDecay)
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
