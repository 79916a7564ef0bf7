/// RMSprop as the textbook writes it: `RMSprop` of oreilly-japan/deep-learning-from-scratch,
/// `common/optimizer.py`.
///
/// ```
/// h ← decay_rate·h + (1 − decay_rate)·g·g      (h₀ = 0)
/// θ ← θ − lr·g / (√h + 1e-7)
/// ```
///
/// Hyperparameters (the book's defaults): `lr` = 0.01, `decay_rate` = 0.99; eps is fixed at 1e-7
/// in the book's code. Nothing is refused.
///
/// Difference from `torch.optim.RMSprop`: eps 1e-7 (torch 1e-8) and the book's name `decay_rate`
/// for torch's `alpha`; no momentum, centering or weight decay.
///
/// Paper: Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e (2012).
public struct TextbookRMSprop: TabulatedOptimizer {
    public var lr: Double
    public var decayRate: Double

    public static let fields: [HyperparameterField<TextbookRMSprop>] = [
        .number("lr", \.lr, 0.01, "learning rate"),
        .number("decay_rate", \.decayRate, 0.99, "decay of the running average of g²"),
    ]

    public init(lr: Double = 0.01, decayRate: Double = 0.99) { self.lr = lr; self.decayRate = decayRate }

    public static func withDefaults() -> TextbookRMSprop { TextbookRMSprop() }

    /// The book validates nothing.
    public func validate() {}

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: the running average h.
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 1)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr
        let n = state.beginStep(parameters, gradient)
        let lr = T(rate), rho = T(decayRate), w = T(1 - decayRate), eps = T(1e-7)
        state.slots.withUnsafeMutableBufferPointer { h in
            for i in 0..<n {
                let g = gradient[i]
                h[i] = h[i] * rho
                h[i] = h[i] + w * g * g
                parameters[i] = parameters[i] - lr * g / (h[i].squareRoot() + eps)
            }
        }
    }
}
