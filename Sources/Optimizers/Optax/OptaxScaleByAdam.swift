/// `optax.scale_by_adam` (optax 0.2.8), the transformation `optax.adam`, `optax.nadam` and
/// `optax.adamw` share, for one element at step t:
///
/// ```
/// μ ← (1 − b1)·g + b1·μ
/// ν ← (1 − b2)·g² + b2·ν
/// μ̂ ← b1·μ/(1 − b1^(t+1)) + (1 − b1)·g/(1 − b1^t)   (nesterov)   or   μ/(1 − b1^t)
/// ν̂ ← ν/(1 − b2^t)
/// u ← μ̂ / (√(ν̂ + eps_root) + eps)
/// ```
struct OptaxScaleByAdam<T: OptimizerScalar> {
    let b1: T, w1: T, b2: T, w2: T, eps: T, epsRoot: T
    /// The bias-correction factors 1/(1 − b1^t), 1/(1 − b1^(t+1)), 1/(1 − b2^t).
    let c1: T, c1Next: T, c2: T
    let nesterov: Bool

    init(b1: Double, b2: Double, eps: Double, epsRoot: Double, nesterov: Bool, step t: Int) {
        self.b1 = T(b1); w1 = T(1 - b1); self.b2 = T(b2); w2 = T(1 - b2); self.eps = T(eps); self.epsRoot = T(epsRoot)
        c1 = T(optaxBiasCorrection(b1, t)); c1Next = T(optaxBiasCorrection(b1, t + 1)); c2 = T(optaxBiasCorrection(b2, t))
        self.nesterov = nesterov
    }

    /// Updates μ and ν in place and returns the scaled update u (before the learning rate).
    @inline(__always)
    func callAsFunction(_ g: T, _ mu: inout T, _ nu: inout T) -> T {
        mu = w1 * g + b1 * mu
        nu = w2 * (g * g) + b2 * nu
        let muHat = nesterov ? b1 * (mu * c1Next) + w1 * (g * c1) : mu * c1
        let nuHat = nu * c2
        return muHat / ((nuHat + epsRoot).squareRoot() + eps)
    }
}
