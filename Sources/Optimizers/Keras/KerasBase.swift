/// What every Keras 3 optimizer does before its own rule, in `keras.optimizers.Optimizer`
/// (`base_optimizer.py`, with the torch backend's `TorchOptimizer._apply_weight_decay`):
///
/// ```
/// g ← g·clipnorm / max(‖g‖, clipnorm)                   (clipnorm > 0)
///   else g·clip·min(1/‖g‖, 1/clip) with clip = global_clipnorm   (global_clipnorm > 0)
///   else clamp(g, −clipvalue, clipvalue)                (clipvalue > 0)
/// θ ← θ·(1 − weight_decay·lr)                           (weight_decay set)
/// ```
///
/// then the rule's `update_step` with the same lr. Keras's `None` (not set) is written 0 here:
/// the defaults of all four are None in Keras (AdamW: weight_decay 0.004), and 0 gives the same
/// path (no clipping, a decay factor of exactly 1).
///
/// Keras clips each variable's gradient by its own norm for `clipnorm` and all gradients by one
/// norm for `global_clipnorm`; trajviz steps one variable (the 2D point, or the MLP's weights as
/// one flat buffer), so on the MLP `clipnorm` acts on the whole network as `global_clipnorm` does.
/// Not modelled: `use_ema`, `ema_momentum`, `ema_overwrite_frequency`, `loss_scale_factor` and
/// `gradient_accumulation_steps` (training-loop options outside the update rule).
public struct KerasBase: Sendable, Hashable {
    public var weightDecay: Double
    public var clipnorm: Double = 0
    public var clipvalue: Double = 0
    public var globalClipnorm: Double = 0

    public init(weightDecay: Double = 0, clipnorm: Double = 0, clipvalue: Double = 0, globalClipnorm: Double = 0) {
        self.weightDecay = weightDecay; self.clipnorm = clipnorm; self.clipvalue = clipvalue
        self.globalClipnorm = globalClipnorm
    }

    /// The four fields every Keras rule's table ends with.
    static func fields<Owner: KerasRule>(weightDecay: Double = 0) -> [HyperparameterField<Owner>] {
        [
            .number("weight_decay", \Owner.base.weightDecay, weightDecay,
                    "decoupled weight decay θ ← θ·(1 − weight_decay·lr) before the step (0: Keras's None)"),
            .number("clipnorm", \Owner.base.clipnorm, 0, "clip the gradient to this norm (0: None)"),
            .number("clipvalue", \Owner.base.clipvalue, 0, "clip each gradient element to ±clipvalue (0: None)"),
            .number("global_clipnorm", \Owner.base.globalClipnorm, 0, "clip all gradients to this global norm (0: None)"),
        ]
    }

    /// The check of `BaseOptimizer.__init__` that trajviz's values can fail: at most one clip.
    func validate() throws(HyperparameterError) {
        let set = [clipnorm, clipvalue, globalClipnorm].filter { $0 != 0 }.count
        if set > 1 {
            func show(_ v: Double) -> String { v == 0 ? "None" : pythonRepr(v) }
            throw HyperparameterError("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                + "Received: clipnorm=\(show(clipnorm)), clipvalue=\(show(clipvalue)), global_clipnorm=\(show(globalClipnorm))")
        }
    }

    /// The clipping `_clip_gradients` applies to this step's gradient (a norm needs the whole
    /// gradient, so it is taken here, before the element loop).
    ///
    /// Parity note: Keras 3.15's torch backend takes `ops.maximum(norm, clipnorm)` and
    /// `ops.minimum(1/norm, 1/clip)` in float32 even when floatx is float64 (`result_type` of a
    /// torch dtype and a Python float is float32), so the norm-clipping factors are rounded to
    /// float32 here too; the gradient and the product stay in the working precision.
    @inline(__always)
    func clip<T: OptimizerScalar>(_ gradient: UnsafeBufferPointer<T>) -> KerasClip<T> {
        if clipnorm > 0 || globalClipnorm > 0 {
            var sum: T = 0
            for g in gradient { sum += g * g }
            if clipnorm > 0 {
                // `_clip_by_norm`: a zero norm stays 0 (the two-tap where), then max with clipnorm.
                let norm = sum > 0 ? sum.squareRoot() : sum
                let denominator = Float.nanMaximum(Float(norm), Float(clipnorm))
                return KerasClip(kind: .byNorm(T(clipnorm), T(denominator)))
            }
            // `clip_by_global_norm`: scale = clip·min(1/‖g‖, 1/clip) + (‖g‖ − ‖g‖).
            let norm = Double(sum).squareRoot()
            let inverse = Float(1 / norm), limit = Float(1 / globalClipnorm)
            let smaller = inverse.isNaN ? inverse : Swift.min(inverse, limit)
            let scale = Double(Float(globalClipnorm) * smaller) + (norm - norm)
            return KerasClip(kind: .scale(T(scale)))
        }
        if clipvalue > 0 { return KerasClip(kind: .value(T(clipvalue))) }
        return KerasClip(kind: .none)
    }

    /// The factor `_apply_weight_decay` multiplies θ by at rate `lr`, nil when weight decay is
    /// not set (0: a factor of exactly 1).
    @inline(__always)
    func decay<T: OptimizerScalar>(lr: Double, as: T.Type) -> T? {
        weightDecay != 0 ? T(1 - weightDecay * lr) : nil
    }
}

/// A Keras rule: its table ends with ``KerasBase``'s fields.
protocol KerasRule {
    var base: KerasBase { get set }
}

/// One step's gradient clipping (see ``KerasBase``), applied element by element.
struct KerasClip<T: OptimizerScalar> {
    enum Kind {
        case none
        /// g·clipnorm / denominator
        case byNorm(T, T)
        /// g·scale
        case scale(T)
        /// clamp(g, −v, v)
        case value(T)
    }
    var kind: Kind

    @inline(__always)
    func callAsFunction(_ g: T) -> T {
        switch kind {
        case .none: return g
        case .byNorm(let c, let d): return g * c / d
        case .scale(let s): return g * s
        case .value(let v): return g.clamped(-v, v)
        }
    }
}
