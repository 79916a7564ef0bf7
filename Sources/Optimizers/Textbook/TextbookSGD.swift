/// Plain gradient descent as the textbook writes it: `SGD` of oreilly-japan/deep-learning-from-scratch,
/// `common/optimizer.py` (Saito, "Deep Learning from Scratch", ch. 6).
///
/// ```
/// θ ← θ − lr·g
/// ```
///
/// Hyperparameters (the book's defaults): `lr` = 0.01. The book checks nothing, so nothing is
/// refused. Under a schedule the book's `opt.lr` is set before each step.
///
/// Difference from `torch.optim.SGD`: the default rate (torch 0.001) and no weight decay,
/// momentum or maximize.
public struct TextbookSGD: TabulatedOptimizer {
    public var lr: Double

    public static let fields: [HyperparameterField<TextbookSGD>] = [
        .number("lr", \.lr, 0.01, "learning rate"),
    ]

    public init(lr: Double = 0.01) { self.lr = lr }

    public static func withDefaults() -> TextbookSGD { TextbookSGD() }

    /// The book validates nothing.
    public func validate() {}

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .none }

    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 0)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let rate = context.lr
        let n = state.beginStep(parameters, gradient)
        let lr = T(rate)
        for i in 0..<n { parameters[i] = parameters[i] - lr * gradient[i] }
    }
}
