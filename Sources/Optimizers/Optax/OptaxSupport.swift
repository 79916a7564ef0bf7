// How optax's building blocks compute, where it matters to the last bit (optax 0.2.8 on jax 0.10
// in float64, run op by op as `tx.update` is called without a user-level jit).

/// optax's learning rate has no default (`optax.adam(learning_rate, ...)`): a rule built without
/// one holds NaN, which no spec can write, and refuses it with Python's message for the missing
/// argument.
let optaxRequiredRate = Double.nan

/// Refuses a missing learning rate as Python refuses the call `optax.NAME()`.
func checkOptaxRate(_ lr: Double, _ name: String) throws(HyperparameterError) {
    if lr.isNaN {
        throw HyperparameterError("\(name)() missing 1 required positional argument: 'learning_rate' "
                                  + "(optax has no default rate; write lr=VALUE or give --lr)")
    }
}

/// The factor `optax.tree.bias_correction(moment, decay, count)` multiplies by: 1 / (1 − decay^count).
///
/// The function is jitted, so XLA computes decay^count with `pow` and turns the division by the
/// correction into a multiplication by its reciprocal (checked bit for bit by gen_families.py's
/// fixtures: m / (1 − b^t) differs from optax in the last bit in a fifth of the cases).
@inline(__always)
func optaxBiasCorrection(_ decay: Double, _ count: Int) -> Double {
    1 / (1 - pythonPow(decay, Double(count)))
}

/// `x ** n` for a concrete integer n outside a jit, as jax computes it: `lax.integer_pow`, binary
/// exponentiation by repeated squaring (not C `pow`; the results differ in the last bits).
func jaxIntegerPow(_ x: Double, _ n: Int) -> Double {
    precondition(n > 0, "a positive exponent")
    var base = x, exponent = n
    var result: Double? = nil
    while exponent > 0 {
        if exponent & 1 == 1 { result = result.map { $0 * base } ?? base }
        exponent >>= 1
        if exponent > 0 { base = base * base }
    }
    return result!
}

extension OptimizerScalar {
    /// `jnp.sign(x)`: −1, 0 or 1, and NaN for NaN (torch gives 0).
    @inline(__always)
    var jaxSign: Self { self > 0 ? 1 : (self < 0 ? -1 : (self.isNaN ? self : 0)) }
}
