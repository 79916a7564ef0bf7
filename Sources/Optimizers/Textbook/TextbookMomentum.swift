/// Momentum SGD as the textbook writes it: `Momentum` of oreilly-japan/deep-learning-from-scratch,
/// `common/optimizer.py`.
///
/// ```
/// v ← momentum·v − lr·g          (v₀ = 0)
/// θ ← θ + v
/// ```
///
/// Hyperparameters (the book's defaults): `lr` = 0.01, `momentum` = 0.9. Nothing is refused.
/// Under a schedule the book's `opt.lr` is set before each step (and `opt.momentum` when a
/// schedule cycles momentum).
///
/// Difference from torch's momentum (`torch.optim.SGD(momentum=0.9)`: b ← μ·b + g; θ ← θ − lr·b,
/// b₁ = g₁): at a constant rate the two paths are the same up to rounding, since v = −lr·b; once
/// the rate changes they part, because the book's velocity keeps the rates of past steps while
/// torch multiplies the whole buffer by the current rate.
///
/// Paper: Polyak, "Some methods of speeding up the convergence of iteration methods" (1964).
public struct TextbookMomentum: TabulatedOptimizer {
    public var lr: Double
    public var momentum: Double

    public static let fields: [HyperparameterField<TextbookMomentum>] = [
        .number("lr", \.lr, 0.01, "learning rate"),
        .number("momentum", \.momentum, 0.9, "decay of the velocity v"),
    ]

    public init(lr: Double = 0.01, momentum: Double = 0.9) { self.lr = lr; self.momentum = momentum }

    public static func withDefaults() -> TextbookMomentum { TextbookMomentum() }

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
        let lr = T(rate), mu = T(cycled ?? self.momentum)
        state.slots.withUnsafeMutableBufferPointer { v in
            for i in 0..<n {
                v[i] = mu * v[i] - lr * gradient[i]
                parameters[i] = parameters[i] + v[i]
            }
        }
    }
}
