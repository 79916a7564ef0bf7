/// Adam as the textbook writes it: `Adam` of oreilly-japan/deep-learning-from-scratch,
/// `common/optimizer.py`.
///
/// ```
/// t ← t + 1
/// lr_t ← lr·√(1 − beta2^t) / (1 − beta1^t)
/// m ← m + (1 − beta1)·(g − m)
/// v ← v + (1 − beta2)·(g² − v)
/// θ ← θ − lr_t·m / (√v + 1e-7)
/// ```
///
/// Hyperparameters (the book's defaults): `lr` = 0.001, `beta1` = 0.9, `beta2` = 0.999; eps is
/// fixed at 1e-7 in the book's code. Nothing is refused.
///
/// Difference from `torch.optim.Adam` (θ ← θ − lr·m̂ / (√v̂ + eps), eps 1e-8): the bias correction
/// is folded into the rate, so eps is added to the uncorrected √v, an eps of 1e-7·√(1 − beta2^t)
/// in torch's terms: the two agree while √v ≫ eps and part when the second moment is tiny (flat
/// regions, the first steps from a small gradient).
///
/// Paper: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), the form just
/// before §2.1 ("epsilon hat").
public struct TextbookAdam: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double

    public static let fields: [HyperparameterField<TextbookAdam>] = [
        .number("lr", \.lr, 0.001, "learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average m"),
        .number("beta2", \.beta2, 0.999, "decay of the squared-gradient average v"),
    ]

    public init(lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2
    }

    public static func withDefaults() -> TextbookAdam { TextbookAdam() }

    /// The book validates nothing.
    public func validate() {}

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v.
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
        let t = Double(state.step), beta1 = cycled ?? self.beta1
        // Python floats: beta ** iter is C pow, np.sqrt of a float is the correctly rounded root.
        let lrT = T(rate * (1.0 - pythonPow(beta2, t)).squareRoot() / (1.0 - pythonPow(beta1, t)))
        let w1 = T(1 - beta1), w2 = T(1 - beta2), eps = T(1e-7)
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let g = gradient[i]
                s[i] = s[i] + w1 * (g - s[i])
                s[n + i] = s[n + i] + w2 * (g * g - s[n + i])
                parameters[i] = parameters[i] - lrT * s[i] / (s[n + i].squareRoot() + eps)
            }
        }
    }
}
