/// Rprop: per-coordinate step sizes that grow while the gradient keeps its sign and shrink when it
/// flips; only the sign of the gradient is used. `torch.optim.Rprop`.
///
/// ```
/// g ← −∇f if maximize else ∇f
/// s ← sign(g·g_prev)
/// η ← eta_plus (s > 0), eta_minus (s < 0), 1 (s = 0)
/// Δ ← clamp(η·Δ, step_min, step_max)              (Δ₀ = lr)
/// g ← 0 where η = eta_minus
/// θ ← θ − sign(g)·Δ;  g_prev ← g
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.01 (the initial step size), `eta_minus` = 0.5,
/// `eta_plus` = 1.2, `step_min` = 1e-6, `step_max` = 50, `maximize` = false.
///
/// Paper: Riedmiller & Braun, "A Direct Adaptive Method for Faster Backpropagation Learning:
/// The RPROP Algorithm" (ICNN 1993).
///
/// Parity note: this is the Rprop⁻ variant without weight backtracking: after a sign change the
/// coordinate does not move back, it just skips one step (g is zeroed).
public struct Rprop: TabulatedOptimizer {
    public var lr: Double
    public var etaMinus: Double
    public var etaPlus: Double
    public var stepMin: Double
    public var stepMax: Double
    public var maximize: Bool

    public static let fields: [HyperparameterField<Rprop>] = [
        .number("lr", \.lr, 1e-2, "initial step size"),
        .number("eta_minus", \.etaMinus, 0.5, "step-size factor after a sign change (etas[0])"),
        .number("eta_plus", \.etaPlus, 1.2, "step-size factor while the sign holds (etas[1])"),
        .number("step_min", \.stepMin, 1e-6, "smallest step size (step_sizes[0])"),
        .number("step_max", \.stepMax, 50, "largest step size (step_sizes[1])"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.Rprop.__init__` (which does not check step_min/step_max).
    public init(lr: Double = 1e-2, etaMinus: Double = 0.5, etaPlus: Double = 1.2, stepMin: Double = 1e-6,
                stepMax: Double = 50, maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.etaMinus = etaMinus; self.etaPlus = etaPlus
        self.stepMin = stepMin; self.stepMax = stepMax; self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> Rprop { try Rprop() }

    /// The checks of `torch.optim.Rprop.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        if !(0 <= lr) { throw invalid("learning rate", lr) }
        if !(0 < etaMinus && etaMinus < 1 && 1 < etaPlus) {
            throw HyperparameterError("Invalid eta values: \(pythonRepr(etaMinus)), \(pythonRepr(etaPlus))")
        }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: the previous (masked) gradient, 0 at first; slot 1: the step sizes, set to the
    /// first step's lr by that step (torch fills them when it creates the state, so a schedule
    /// that changes the rate before the first step changes them; later rates have no effect).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState<T>(count: count, slots: 2)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        if state.step == 0 {
            let lr = T(context.lr), n = state.count
            state.slots.withUnsafeMutableBufferPointer { s in for i in n..<(2 * n) { s[i] = lr } }
        }
        let n = state.beginStep(parameters, gradient)
        let etaMinus = T(etaMinus), etaPlus = T(etaPlus), lo = T(stepMin), hi = T(stepMax)
        let maximize = maximize
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                let sign = (g * s[i]).torchSign
                let factor = sign > 0 ? etaPlus : (sign < 0 ? etaMinus : 1)
                let size = (s[n + i] * factor).clamped(lo, hi)
                s[n + i] = size
                if factor == etaMinus { g = 0 }
                parameters[i] = parameters[i] - g.torchSign * size
                s[i] = g
            }
        }
    }
}
