/// Nesterov's accelerated gradient as the textbook writes it: `Nesterov` of
/// oreilly-japan/deep-learning-from-scratch, `common/optimizer.py` (the form of Bengio,
/// Boulanger-Lewandowski & Pascanu, "Advances in optimizing recurrent networks", arXiv:1212.0901).
///
/// ```
/// θ ← θ + momentum²·v
/// θ ← θ − (1 + momentum)·lr·g
/// v ← momentum·v − lr·g          (v₀ = 0)
/// ```
///
/// Hyperparameters (the book's defaults): `lr` = 0.01, `momentum` = 0.9. Nothing is refused.
///
/// Parity note: this is the book's code since its commit 89eadd0 (January 2021, "Fix Nesterov
/// update function"); earlier versions updated v before moving θ. With v = −lr·b this is torch's
/// Nesterov step θ ← θ − lr·(g + μ·b), b ← μ·b + g, so the two agree at a constant rate up to
/// rounding and part once the rate changes (the book's v keeps the rates of past steps).
public struct TextbookNesterov: TabulatedOptimizer {
    public var lr: Double
    public var momentum: Double

    public static let fields: [HyperparameterField<TextbookNesterov>] = [
        .number("lr", \.lr, 0.01, "learning rate"),
        .number("momentum", \.momentum, 0.9, "decay of the velocity v"),
    ]

    public init(lr: Double = 0.01, momentum: Double = 0.9) { self.lr = lr; self.momentum = momentum }

    public static func withDefaults() -> TextbookNesterov { TextbookNesterov() }

    /// The book validates nothing.
    public func validate() {}

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .momentum }

    /// Slot 0: the velocity v.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 1)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr, cycled = context.momentum
        let n = state.beginStep(parameters, gradient)
        let mu = cycled ?? self.momentum
        // The book evaluates left to right: (μ·μ)·v and ((1 + μ)·lr)·g.
        let muSquared = T(mu * mu), pull = T((1 + mu) * rate), lr = T(rate), m = T(mu)
        state.slots.withUnsafeMutableBufferPointer { v in
            for i in 0..<n {
                let g = gradient[i]
                parameters[i] = parameters[i] + muSquared * v[i]
                parameters[i] = parameters[i] - pull * g
                v[i] = v[i] * m
                v[i] = v[i] - lr * g
            }
        }
    }
}
