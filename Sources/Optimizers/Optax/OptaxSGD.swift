/// Gradient descent with optional (Nesterov) momentum as optax writes it: `optax.sgd`
/// (optax 0.2.8: `trace(decay=momentum, nesterov)` then `scale_by_learning_rate`).
///
/// ```
/// b ← g + momentum·b;  u ← g + momentum·b (nesterov) or b     (momentum set; b₀ = 0)
///   else u ← g
/// θ ← θ + (−lr)·u
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required: optax has no
/// default rate), `momentum` = None (written 0: a trace with decay 0 is the gradient itself),
/// `nesterov` = false (ignored without momentum, as in optax). optax refuses nothing else.
///
/// Differences from `torch.optim.SGD`: the same heavy-ball form (b ← μb + g, lr outside), but the
/// trace starts at 0 (torch's buffer starts as the first gradient, so torch's first step is the
/// same and later steps differ only if dampening is set); Nesterov without momentum is allowed.
///
/// Paper: Polyak (1964); Nesterov momentum as in Sutskever et al. (ICML 2013).
public struct OptaxSGD: TabulatedOptimizer {
    public var lr: Double
    public var momentum: Double
    public var nesterov: Bool

    public static let fields: [HyperparameterField<OptaxSGD>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("momentum", \.momentum, 0, "decay of the trace b (0: None, no trace)"),
        .flag("nesterov", \.nesterov, false, "Nesterov momentum"),
    ]

    public init(lr: Double = .nan, momentum: Double = 0, nesterov: Bool = false) {
        self.lr = lr; self.momentum = momentum; self.nesterov = nesterov
    }

    public static func withDefaults() -> OptaxSGD { OptaxSGD() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "sgd") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .momentum }

    /// Slot 0: the trace b (only with momentum).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: momentum != 0 ? 1 : 0)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr, cycled = context.momentum
        let n = state.beginStep(parameters, gradient)
        // momentum 0 is optax's None: no trace, nothing for a cycling schedule (inject_hyperparams) to move.
        let mu = self.momentum != 0 ? cycled ?? self.momentum : self.momentum
        let useTrace = mu != 0, nesterov = nesterov
        if useTrace && state.slots.isEmpty { state.slots = Array(repeating: 0, count: n) }
        let negLr = T(-rate), m = T(mu)
        state.slots.withUnsafeMutableBufferPointer { b in
            for i in 0..<n {
                let g = gradient[i]
                var u = g
                if useTrace {
                    b[i] = g + m * b[i]
                    u = nesterov ? g + m * b[i] : b[i]
                }
                parameters[i] = parameters[i] + negLr * u
            }
        }
    }
}
