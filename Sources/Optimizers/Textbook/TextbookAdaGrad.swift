/// AdaGrad as the textbook writes it: `AdaGrad` of oreilly-japan/deep-learning-from-scratch,
/// `common/optimizer.py`.
///
/// ```
/// h ← h + g·g                    (h₀ = 0)
/// θ ← θ − lr·g / (√h + 1e-7)
/// ```
///
/// Hyperparameters (the book's defaults): `lr` = 0.01. The book fixes eps at 1e-7 in its code, so
/// it is not a hyperparameter here either. Nothing is refused.
///
/// Difference from `torch.optim.Adagrad`: eps 1e-7 (torch 1e-10), no lr_decay, weight decay or
/// initial accumulator.
///
/// Paper: Duchi, Hazan & Singer, "Adaptive Subgradient Methods" (JMLR 2011).
public struct TextbookAdaGrad: TabulatedOptimizer {
    public var lr: Double

    public static let fields: [HyperparameterField<TextbookAdaGrad>] = [
        .number("lr", \.lr, 0.01, "learning rate"),
    ]

    public init(lr: Double = 0.01) { self.lr = lr }

    public static func withDefaults() -> TextbookAdaGrad { TextbookAdaGrad() }

    /// The book validates nothing.
    public func validate() {}

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    /// Slot 0: the sum of squares h.
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
        let lr = T(rate), eps = T(1e-7)
        state.slots.withUnsafeMutableBufferPointer { h in
            for i in 0..<n {
                let g = gradient[i]
                h[i] = h[i] + g * g
                parameters[i] = parameters[i] - lr * g / (h[i].squareRoot() + eps)
            }
        }
    }
}
