/// AdamW as optax writes it: `optax.adamw` (optax 0.2.8: ``OptaxScaleByAdam``, then
/// `add_decayed_weights`, then `scale_by_learning_rate`).
///
/// ```
/// t ← t + 1
/// u ← scale_by_adam(g) + weight_decay·θ
/// θ ← θ + (−lr)·u
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.999, `eps` = 1e-8, `eps_root` = 0, `weight_decay` =
/// 1e-4, `nesterov` = false. optax refuses nothing but a missing rate.
///
/// Differences from `torch.optim.AdamW`: weight_decay 1e-4 (torch 0.01); the decay is added to
/// the step (θ ← θ − lr·(u + λθ)) where torch first multiplies θ by 1 − lr·λ, the same to first
/// order; the optional Nesterov μ̂.
///
/// Paper: Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019).
public struct OptaxAdamW: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var eps: Double
    public var epsRoot: Double
    public var weightDecay: Double
    public var nesterov: Bool

    public static let fields: [HyperparameterField<OptaxAdamW>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "decay of the gradient average μ", aliases: ["beta1"]),
        .number("b2", \.b2, 0.999, "decay of the squared-gradient average ν", aliases: ["beta2"]),
        .number("eps", \.eps, 1e-8, "added outside the square root"),
        .number("eps_root", \.epsRoot, 0, "added inside the square root"),
        .number("weight_decay", \.weightDecay, 1e-4, "decoupled weight decay added to the step: u + weight_decay·θ"),
        .flag("nesterov", \.nesterov, false, "Nesterov momentum (NAdamW)"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8,
                epsRoot: Double = 0, weightDecay: Double = 1e-4, nesterov: Bool = false) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.eps = eps; self.epsRoot = epsRoot
        self.weightDecay = weightDecay; self.nesterov = nesterov
    }

    public static func withDefaults() -> OptaxAdamW { OptaxAdamW() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "adamw") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: μ; slot 1: ν.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 2)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr, cycled = context.momentum
        let n = state.beginStep(parameters, gradient)
        let adam = OptaxScaleByAdam<T>(b1: cycled ?? b1, b2: b2, eps: eps, epsRoot: epsRoot, nesterov: nesterov,
                                       step: state.step)
        // add_decayed_weights skips a weight decay of exactly 0.
        let negLr = T(-rate), wd = T(weightDecay), decays = weightDecay != 0
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var u = adam(gradient[i], &s[i], &s[n + i])
                if decays { u = u + wd * parameters[i] }
                parameters[i] = parameters[i] + negLr * u
            }
        }
    }
}
