/// Adadelta: unit-correct steps from running averages of squared gradients and squared updates;
/// `torch.optim.Adadelta`.
///
/// ```
/// g ← −∇f if maximize else ∇f
/// g ← g + weight_decay·θ                          (if weight_decay ≠ 0)
/// v ← rho·v + (1 − rho)·g²
/// Δ ← √(u + eps) / √(v + eps) · g
/// u ← rho·u + (1 − rho)·Δ²
/// θ ← θ − lr·Δ
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 1, `rho` = 0.9, `eps` = 1e-6, `weight_decay` = 0,
/// `maximize` = false.
///
/// Paper: Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (arXiv:1212.5701, 2012).
///
/// Parity note: the paper has no learning rate; torch scales Δ by `lr` (1 by default, which is the paper).
public struct Adadelta: TabulatedOptimizer {
    public var lr: Double
    public var rho: Double
    public var eps: Double
    public var weightDecay: Double
    public var maximize: Bool

    public static let fields: [HyperparameterField<Adadelta>] = [
        .number("lr", \.lr, 1.0, "scale of the update"),
        .number("rho", \.rho, 0.9, "decay of the running averages"),
        .number("eps", \.eps, 1e-6, "added inside both square roots"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty added to the gradient"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.Adadelta.__init__`.
    public init(lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6, weightDecay: Double = 0,
                maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.rho = rho; self.eps = eps; self.weightDecay = weightDecay; self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> Adadelta { try Adadelta() }

    /// The checks of `torch.optim.Adadelta.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        if !(0 <= lr) { throw invalid("learning rate", lr) }
        if !(0 <= rho && rho <= 1) { throw invalid("rho value", rho) }
        if !(0 <= eps) { throw invalid("epsilon value", eps) }
        if !(0 <= weightDecay) { throw invalid("weight_decay value", weightDecay) }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: the squared-gradient average v; slot 1: the squared-update average u.
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
        let negLr = T(-context.lr), r = T(rho), oneMinusR = T(1 - rho), eps = T(eps), wd = T(weightDecay)
        let useDecay = weightDecay != 0, maximize = maximize
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                if useDecay { g = g + wd * parameters[i] }
                let v = s[i] * r + oneMinusR * g * g
                s[i] = v
                let std = (v + eps).squareRoot()
                let delta = (s[n + i] + eps).squareRoot() / std * g
                s[n + i] = s[n + i] * r + oneMinusR * delta * delta
                parameters[i] = parameters[i] + negLr * delta
            }
        }
    }
}
