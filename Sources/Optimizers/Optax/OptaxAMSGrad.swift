/// AMSGrad as optax writes it: `optax.amsgrad` (optax 0.2.8: `scale_by_amsgrad` then
/// `scale_by_learning_rate`).
///
/// ```
/// t ← t + 1
/// μ ← (1 − b1)·g + b1·μ;  ν ← (1 − b2)·g² + b2·ν
/// μ̂ ← μ/(1 − b1^t) (bias_correction_mu, else μ);  ν̂ ← ν/(1 − b2^t) (bias_correction_nu, else ν)
/// ν_max ← max(ν_max, ν̂)
/// θ ← θ + (−lr)·μ̂ / (√(ν_max + eps_root) + eps)
/// ```
///
/// Hyperparameters (optax's defaults): `lr` (optax `learning_rate`, required), `b1` (also
/// `beta1`) = 0.9, `b2` (also `beta2`) = 0.999, `eps` = 1e-8, `eps_root` = 0,
/// `bias_correction_mu` = true, `bias_correction_nu` = true. optax refuses nothing but a missing
/// rate.
///
/// Differences from `torch.optim.Adam(amsgrad=True)`: optax keeps the maximum of the corrected ν̂
/// (torch: of the raw v, corrected afterwards by the current 1 − b2^t), so the two part as soon as
/// the maximum is held: optax's held maximum keeps its old, larger correction.
///
/// Paper: Reddi, Kale & Kumar, "On the Convergence of Adam and Beyond" (ICLR 2018).
public struct OptaxAMSGrad: TabulatedOptimizer {
    public var lr: Double
    public var b1: Double
    public var b2: Double
    public var eps: Double
    public var epsRoot: Double
    public var biasCorrectionMu: Bool
    public var biasCorrectionNu: Bool

    public static let fields: [HyperparameterField<OptaxAMSGrad>] = [
        .number("lr", \.lr, optaxRequiredRate, "learning rate (required: optax has no default)", aliases: ["learning_rate"]),
        .number("b1", \.b1, 0.9, "decay of the gradient average μ", aliases: ["beta1"]),
        .number("b2", \.b2, 0.999, "decay of the squared-gradient average ν", aliases: ["beta2"]),
        .number("eps", \.eps, 1e-8, "added outside the square root"),
        .number("eps_root", \.epsRoot, 0, "added inside the square root"),
        .flag("bias_correction_mu", \.biasCorrectionMu, true, "divide μ by 1 − b1^t"),
        .flag("bias_correction_nu", \.biasCorrectionNu, true, "divide ν by 1 − b2^t before the maximum"),
    ]

    public init(lr: Double = .nan, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8,
                epsRoot: Double = 0, biasCorrectionMu: Bool = true, biasCorrectionNu: Bool = true) {
        self.lr = lr; self.b1 = b1; self.b2 = b2; self.eps = eps; self.epsRoot = epsRoot
        self.biasCorrectionMu = biasCorrectionMu; self.biasCorrectionNu = biasCorrectionNu
    }

    public static func withDefaults() -> OptaxAMSGrad { OptaxAMSGrad() }

    /// optax checks nothing but the missing rate.
    public func validate() throws(HyperparameterError) { try checkOptaxRate(lr, "amsgrad") }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: μ; slot 1: ν; slot 2: ν_max.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 3)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr, cycled = context.momentum
        let n = state.beginStep(parameters, gradient)
        let beta1 = cycled ?? b1
        let c1 = T(optaxBiasCorrection(beta1, state.step)), c2 = T(optaxBiasCorrection(b2, state.step))
        let b1 = T(beta1), w1 = T(1 - beta1), b2 = T(b2), w2 = T(1 - self.b2), eps = T(eps), epsRoot = T(epsRoot)
        let negLr = T(-rate), correctMu = biasCorrectionMu, correctNu = biasCorrectionNu
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                s[i] = w1 * g + b1 * s[i]
                s[n + i] = w2 * (g * g) + b2 * s[n + i]
                let muHat = correctMu ? s[i] * c1 : s[i]
                let nuEff = correctNu ? s[n + i] * c2 : s[n + i]
                s[2 * n + i] = T.nanMaximum(s[2 * n + i], nuEff)
                parameters[i] = parameters[i] + negLr * (muHat / ((s[2 * n + i] + epsRoot).squareRoot() + eps))
            }
        }
    }
}
