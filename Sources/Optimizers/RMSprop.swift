/// RMSprop: divide the gradient by a running root mean square; `torch.optim.RMSprop`.
///
/// ```
/// g ← −∇f if maximize else ∇f
/// g ← g + weight_decay·θ                          (if weight_decay ≠ 0)
/// v ← alpha·v + (1 − alpha)·g²
/// ḡ ← lerp(ḡ, g, 1 − alpha);  a ← √(v − ḡ²)        (centered)
/// a ← √v                                           (otherwise)
/// a ← a + eps
/// b ← momentum·b + g/a;  θ ← θ − lr·b              (momentum > 0)
/// θ ← θ − lr·g/a                                   (otherwise)
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.01, `alpha` = 0.99, `eps` = 1e-8,
/// `weight_decay` = 0, `momentum` = 0, `centered` = false, `maximize` = false.
///
/// Paper: Hinton, Srivastava & Swersky, "Neural Networks for Machine Learning", lecture 6e (2012);
/// the centered variant: Graves, "Generating Sequences With Recurrent Neural Networks" (2013).
///
/// Parity note: eps is added after the square root (Hinton's slides put it inside), and with
/// momentum lr multiplies the buffer, not each gradient entering it.
public struct RMSprop: TabulatedOptimizer {
    public var lr: Double
    public var alpha: Double
    public var eps: Double
    public var weightDecay: Double
    public var momentum: Double
    public var centered: Bool
    public var maximize: Bool

    public static let fields: [HyperparameterField<RMSprop>] = [
        .number("lr", \.lr, 1e-2, "learning rate"),
        .number("alpha", \.alpha, 0.99, "smoothing constant of the squared-gradient average"),
        .number("eps", \.eps, 1e-8, "added to the denominator"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty added to the gradient"),
        .number("momentum", \.momentum, 0, "momentum factor"),
        .flag("centered", \.centered, false, "normalize by the estimated variance instead of the second moment"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
    ]

    /// Validates as `torch.optim.RMSprop.__init__`.
    public init(lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0,
                momentum: Double = 0, centered: Bool = false, maximize: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.alpha = alpha; self.eps = eps; self.weightDecay = weightDecay
        self.momentum = momentum; self.centered = centered; self.maximize = maximize
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> RMSprop { try RMSprop() }

    /// The checks of `torch.optim.RMSprop.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        if !(0 <= lr) { throw invalid("learning rate", lr) }
        if !(0 <= eps) { throw invalid("epsilon value", eps) }
        if !(0 <= momentum) { throw invalid("momentum value", momentum) }
        if !(0 <= weightDecay) { throw invalid("weight_decay value", weightDecay) }
        if !(0 <= alpha) { throw invalid("alpha value", alpha) }
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .momentum }

    /// Slot 0: the squared-gradient average; then the gradient average (centered only),
    /// then the momentum buffer, created by the first step when the momentum is then > 0 (torch
    /// creates it with the state; a cycling schedule sets the momentum before that step).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: 1 + (centered ? 1 : 0))
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let momentum = context.momentum ?? momentum
        let bufferOffset = centered ? 2 * parameters.count : parameters.count
        // torch only has the buffer when the first step's momentum is > 0 (and fails with a
        // KeyError if the momentum becomes > 0 later); here a late buffer starts at zero.
        if momentum > 0, state.slots.count == bufferOffset {
            state.slots.append(contentsOf: repeatElement(0, count: parameters.count))
        }
        let n = state.beginStep(parameters, gradient)
        let lr = T(context.lr), negLr = T(-context.lr), a = T(alpha), oneMinusA = T(1 - alpha), eps = T(eps)
        let wd = T(weightDecay), mu = T(momentum)
        let useDecay = weightDecay != 0, centered = centered, useMomentum = momentum > 0, maximize = maximize
        let averageOffset = n
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                if useDecay { g = g + wd * parameters[i] }
                let v = s[i] * a + oneMinusA * g * g
                s[i] = v
                var avg: T
                if centered {
                    let gbar = T.torchLerp(s[averageOffset + i], g, oneMinusA)
                    s[averageOffset + i] = gbar
                    avg = (v - gbar * gbar).squareRoot()
                } else {
                    avg = v.squareRoot()
                }
                avg = avg + eps
                if useMomentum {
                    let b = s[bufferOffset + i] * mu + g / avg
                    s[bufferOffset + i] = b
                    parameters[i] = parameters[i] - lr * b
                } else {
                    parameters[i] = parameters[i] + negLr * g / avg
                }
            }
        }
    }
}
