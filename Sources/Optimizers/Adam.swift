#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Adam: bias-corrected running averages of the gradient and its square; `torch.optim.Adam`
/// (AMSGrad with `amsgrad`, AdamW's decay with `decoupled_weight_decay`).
///
/// ```
/// t ← t + 1
/// g ← −∇f if maximize else ∇f
/// θ ← θ·(1 − lr·weight_decay)                      (decoupled_weight_decay)
/// g ← g + weight_decay·θ                          (otherwise, if weight_decay ≠ 0)
/// m ← lerp(m, g, 1 − beta1)                       (= beta1·m + (1 − beta1)·g)
/// v ← beta2·v + (1 − beta2)·g²
/// v̂ ← max(v̂, v) (amsgrad), else v̂ = v
/// θ ← θ − lr/(1 − beta1ᵗ) · m / (√v̂ / √(1 − beta2ᵗ) + eps)
/// ```
///
/// Hyperparameters (torch's defaults): `lr` = 0.001, `beta1` = 0.9, `beta2` = 0.999, `eps` = 1e-8,
/// `weight_decay` = 0, `amsgrad` = false, `maximize` = false, `decoupled_weight_decay` = false.
///
/// Papers: Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015); AMSGrad:
/// Reddi, Kale & Kumar, "On the Convergence of Adam and Beyond" (ICLR 2018).
///
/// Parity notes: eps is added to √v̂/√(1 − beta2ᵗ), i.e. after the bias correction of v (the
/// paper's Algorithm 1 adds it to √v̂ of the corrected v, which is the same; its "efficient" form
/// adds ε̂ to √v uncorrected, which is not). AMSGrad keeps the maximum of the uncorrected v
/// (the paper has no bias correction at all).
public struct Adam: TabulatedOptimizer {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var amsgrad: Bool
    public var maximize: Bool
    public var decoupledWeightDecay: Bool

    public static let fields: [HyperparameterField<Adam>] = [
        .number("lr", \.lr, 1e-3, "learning rate"),
        .number("beta1", \.beta1, 0.9, "decay of the gradient average"),
        .number("beta2", \.beta2, 0.999, "decay of the squared-gradient average"),
        .number("eps", \.eps, 1e-8, "added to the denominator"),
        .number("weight_decay", \.weightDecay, 0, "L2 penalty (decoupled with decoupled_weight_decay)"),
        .flag("amsgrad", \.amsgrad, false, "use the running maximum of v (AMSGrad)"),
        .flag("maximize", \.maximize, false, "maximize the objective instead of minimizing"),
        .flag("decoupled_weight_decay", \.decoupledWeightDecay, false, "decay the parameters directly, as AdamW"),
    ]

    /// Validates as `torch.optim.Adam.__init__`.
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false,
                decoupledWeightDecay: Bool = false) throws(HyperparameterError) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.amsgrad = amsgrad; self.maximize = maximize; self.decoupledWeightDecay = decoupledWeightDecay
        try validate()
    }

    public static func withDefaults() throws(HyperparameterError) -> Adam { try Adam() }

    /// The checks of `torch.optim.Adam.__init__`, in its order.
    public func validate() throws(HyperparameterError) {
        try validateAdamFamily(lr: lr, eps: eps, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
    }

    public var learningRate: Double { lr }
    public static var cycledMomentum: CycledMomentum { .beta1 }

    /// Slot 0: m; slot 1: v; slot 2: the running maximum of v (amsgrad only).
    public func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T> {
        OptimizerState(count: count, slots: amsgrad ? 3 : 2)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>,
        context: StepContext
    ) {
        let n = state.beginStep(parameters, gradient)
        let lr = context.lr, beta1 = context.momentum ?? beta1
        let t = Double(state.step)
        let biasCorrection1 = 1 - pythonPow(beta1, t)
        let biasCorrection2 = 1 - pythonPow(beta2, t)
        let negStepSize = T(-(lr / biasCorrection1))
        let bc2Sqrt = T(pythonPow(biasCorrection2, 0.5))
        let w1 = T(1 - beta1), b2 = T(beta2), w2 = T(1 - beta2), eps = T(eps), wd = T(weightDecay)
        let decay = T(1 - lr * weightDecay)
        let coupled = weightDecay != 0 && !decoupledWeightDecay, decoupled = weightDecay != 0 && decoupledWeightDecay
        let amsgrad = amsgrad, maximize = maximize
        if T.self == Float.self, n > 0, !amsgrad, !maximize, !coupled, !decoupled, abs(Float(1 - beta1)) < 0.5 {
            // The MLP's and CNN's case (torch's defaults): SIMD code, the same operations in the same
            // order as the loop below.
            state.slots.withUnsafeMutableBufferPointer { slots in
                let s = UnsafeMutableRawPointer(slots.baseAddress!).assumingMemoryBound(to: Float.self)
                adamStep(parameters: UnsafeMutableRawPointer(parameters.baseAddress!).assumingMemoryBound(to: Float.self),
                         gradient: UnsafeRawPointer(gradient.baseAddress!).assumingMemoryBound(to: Float.self),
                         m: s, v: s + n, count: n, w1: Float(1 - beta1), b2: Float(beta2), w2: Float(1 - beta2),
                         bc2Sqrt: Float(pythonPow(biasCorrection2, 0.5)), eps: Float(self.eps),
                         negStepSize: Float(-(lr / biasCorrection1)))
            }
            return
        }
        state.slots.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                var g = maximize ? -gradient[i] : gradient[i]
                if decoupled { parameters[i] = parameters[i] * decay }
                if coupled { g = g + wd * parameters[i] }
                let m = T.torchLerp(s[i], g, w1)
                s[i] = m
                var v = s[n + i] * b2 + w2 * g * g
                s[n + i] = v
                if amsgrad {
                    v = T.nanMaximum(s[2 * n + i], v)
                    s[2 * n + i] = v
                }
                let denom = v.squareRoot() / bc2Sqrt + eps
                parameters[i] = parameters[i] + negStepSize * m / denom
            }
        }
    }
}

/// One step of Adam without weight decay, AMSGrad or maximize, with beta1 > 0.5, on Float buffers: the
/// operations of ``Adam/step(_:gradient:state:context:)`` in the same order, so the same bits:
///
///     m ← m + w1·(g − m)          (torch's lerp for a weight below 0.5)
///     v ← v·b2 + w2·g·g
///     θ ← θ + negStepSize·m / (√v / bc2Sqrt + eps)
///
/// Eight parameters at a time. `Float.squareRoot()` (and so the SIMD types' square root) compiles to
/// a scalar `sqrtss` guarded by a call to `sqrtf` for negative inputs, which keeps the loop scalar
/// (about 5 ns a parameter here); SSE's `sqrtps`, part of every x86-64 CPU, rounds the same, and
/// brings the step to about 1.2 ns a parameter (CPU time, 101,770 parameters; on the MLP the step
/// was a quarter of the training's time).
@inline(never)
func adamStep(parameters p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
              m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, count n: Int,
              w1: Float, b2: Float, w2: Float, bc2Sqrt: Float, eps: Float, negStepSize: Float) {
    var i = 0
    #if arch(x86_64)
    typealias V = SIMD8<Float>
    while i + 8 <= n {
        let gi = UnsafeRawPointer(g + i).loadUnaligned(as: V.self)
        let mo = UnsafeRawPointer(m + i).loadUnaligned(as: V.self)
        let mi = mo + w1 * (gi - mo)
        UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: V.self)
        let vi = UnsafeRawPointer(v + i).loadUnaligned(as: V.self) * b2 + w2 * gi * gi
        UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: V.self)
        let root = V(lowHalf: _mm_sqrt_ps(vi.lowHalf), highHalf: _mm_sqrt_ps(vi.highHalf))
        let pi = UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(p + i).storeBytes(of: pi + negStepSize * mi / (root / bc2Sqrt + eps), as: V.self)
        i += 8
    }
    #endif
    while i < n {
        let gi = g[i]
        let mi = m[i] + w1 * (gi - m[i])
        m[i] = mi
        let vi = v[i] * b2 + w2 * gi * gi
        v[i] = vi
        p[i] = p[i] + negStepSize * mi / (vi.squareRoot() / bc2Sqrt + eps)
        i += 1
    }
}

/// The checks `torch.optim.Adam` (and Adamax, NAdam, RAdam) make, in their order.
func validateAdamFamily(lr: Double, eps: Double, beta1: Double, beta2: Double, weightDecay: Double) throws(HyperparameterError) {
    if !(0 <= lr) { throw invalid("learning rate", lr) }
    if !(0 <= eps) { throw invalid("epsilon value", eps) }
    if !(0 <= beta1 && beta1 < 1) { throw invalid("beta parameter at index 0", beta1) }
    if !(0 <= beta2 && beta2 < 1) { throw invalid("beta parameter at index 1", beta2) }
    if !(0 <= weightDecay) { throw invalid("weight_decay value", weightDecay) }
}
