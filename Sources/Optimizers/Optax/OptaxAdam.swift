/// Adam (and NAdam, which is Adam with `nesterov`) as optax writes it: `optax.adam` and
/// `optax.nadam` (optax 0.2.8: ``OptaxScaleByAdam`` then `scale_by_learning_rate`).
///
/// ```
/// t ← t + 1
/// u ← scale_by_adam(g)  (μ̂ / (√(ν̂ + eps_root) + eps), Nesterov's μ̂ with nesterov)
/// θ ← θ + (−lr)·u
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.999, `eps` = 1e-8, `eps_root` = 0, `nesterov` = false
/// (`optax.nadam`: true). optax refuses nothing but a missing rate.
///
/// Differences from `torch.optim.Adam`: none in the formula at eps_root 0 (the same eps outside
/// the corrected √ν̂); eps_root adds inside the root; optax's NAdam uses Dozat's Nesterov μ̂ with a
/// constant b1, without torch NAdam's momentum schedule (μ_t = b1·(1 − 0.5·0.96^(0.004·t))).
///
/// Papers: Kingma & Ba (ICLR 2015); Dozat, "Incorporating Nesterov Momentum into Adam" (2016).
public struct OptaxAdam: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var eps: Double
    public var epsRoot: Double
    public var nesterov: Bool

    public static let fields: [HyperparameterField<OptaxAdam>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "decay of the gradient average μ", aliases: ["beta1"]),
        .number("b2", \.b2, 0.999, "decay of the squared-gradient average ν", aliases: ["beta2"]),
        .number("eps", \.eps, 1e-8, "added outside the square root"),
        .number("eps_root", \.epsRoot, 0, "added inside the square root"),
        .flag("nesterov", \.nesterov, false, "Nesterov momentum (NAdam)"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8,
                epsRoot: Double = 0, nesterov: Bool = false) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.eps = eps; self.epsRoot = epsRoot; self.nesterov = nesterov
    }

    public static func withDefaults() -> OptaxAdam { OptaxAdam() }

    /// optax checks nothing but the missing rate
    /// (`optax.nadam` is `functools.partial(adam, nesterov=True)`, so Python names `adam()` for both.)
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "adam") }

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
        let negLr = T(-rate)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let u = adam(gradient[i], &s[i], &s[n + i])
                parameters[i] = parameters[i] + negLr * u
            }
        }
    }
}
