/// Stochastic gradient descent, with optional (Nesterov) momentum: `torch.optim.SGD`.
///
/// ```
/// g ← −∇f if maximize else ∇f
/// g ← g + weight_decay·θ                          (if weight_decay ≠ 0)
/// b ← g (first step),  b ← momentum·b + (1 − dampening)·g (later steps)   (if momentum ≠ 0)
/// g ← g + momentum·b  (nesterov)   or   g ← b
/// θ ← θ − lr·g
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.001, `momentum` = 0, `dampening` = 0,
/// `weight_decay` = 0, `nesterov` = false, `maximize` = false.
/// Refused as torch refuses them: negative lr, momentum or weight_decay, and nesterov without
/// momentum or with dampening.
///
/// Papers: Robbins & Monro, "A Stochastic Approximation Method" (1951); momentum: Polyak (1964);
/// Nesterov momentum as in Sutskever et al., "On the importance of initialization and momentum
/// in deep learning" (ICML 2013).
///
/// Parity note: torch's momentum differs from Sutskever et al.: the buffer accumulates gradients
/// and lr multiplies it afterwards (v ← μv + g; θ ← θ − lr·v, not v ← μv + lr·g), and the buffer
/// starts as the first gradient itself, undamped.
public struct SGD: TabulatedOptimizer {
    public var lr: Double
    public var momentum: Double
    public var dampening: Double
    public var weightDecay: Double
    public var nesterov: Bool
    public var maximize: Bool

    public static let fields: [HyperparameterField<SGD>] = [
        .number("lr", \.lr, 1e-3, "learning rate"),
        .number("momentum", \.momentum, 0, "momentum factor"),
        .number("dampening", \.dampening, 0, "dampening of the gradient added to the momentum buffer"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty added to the gradient"),
        .flag("nesterov", \.nesterov, false, "Nesterov momentum"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.SGD.__init__`.
    public init(lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
                nesterov: Bool = false, maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.momentum = momentum; self.dampening = dampening
        self.weightDecay = weightDecay; self.nesterov = nesterov; self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> SGD { try SGD() }

    /// The checks of `torch.optim.SGD.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        if lr < 0 { throw invalid("learning rate", lr) }
        if momentum < 0 { throw invalid("momentum value", momentum) }
        if weightDecay < 0 { throw invalid("weight_decay value", weightDecay) }
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw HyperparameterError("Nesterov momentum requires a momentum and zero dampening")
        }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .momentum }

    /// Slot 0: the momentum buffer, created by the first step that uses momentum (torch's
    /// `momentum_buffer`, None until then).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 0)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let n = state.beginStep(parameters, gradient)
        // A cycling schedule sets the momentum of every step; torch tests it against 0 each step.
        let momentum = context.momentum ?? momentum
        let useMomentum = momentum != 0
        // The buffer starts as the first gradient that momentum sees (torch's `clone`).
        let first = useMomentum && state.slots.isEmpty
        if first { state.slots = Array(repeating: 0, count: n) }
        let lr = T(context.lr), wd = T(weightDecay), mu = T(momentum), damp = T(1 - dampening)
        let useDecay = weightDecay != 0, nesterov = nesterov, maximize = maximize
        state.slots.withUnsafeMutableBufferPointer { buf in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                if useDecay { g = g + wd * parameters[i] }
                if useMomentum {
                    let b = first ? g : buf[i] * mu + damp * g
                    buf[i] = b
                    g = nesterov ? g + mu * b : b
                }
                parameters[i] = parameters[i] + -lr * g
            }
        }
    }
}
