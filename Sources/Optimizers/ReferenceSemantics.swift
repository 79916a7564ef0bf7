import RealModule

// Small pieces of the reference implementations' behaviour that every rule shares:
// how Python prints a float in an error message, and how torch's element-wise
// `maximum`, `clamp` and `sign` treat NaN (so that a diverging path diverges the same way).

/// `v` as Python's `repr(float)` / f-string prints it: `-1.0`, `0.001`, `1e-08`, `1e+16`, `nan`, `inf`.
///
/// The validation messages of torch.optim are f-strings over Python floats
/// (`Invalid learning rate: -1.0`), so trajviz formats the offending value the same way.
public func pythonRepr(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
    // Swift's description is also the shortest round-tripping digit string; only the layout differs.
    let text = abs(v).description
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = text[..<e]
        exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let integral = parts[0], fraction = parts.count > 1 ? parts[1] : ""
    var digits = Array(integral + fraction)
    var point = integral.count + exponent  // value = 0.digits × 10^point
    while digits.first == "0" { digits.removeFirst(); point -= 1 }
    while digits.last == "0" { digits.removeLast() }
    let sign = v < 0 ? "-" : ""
    let decimalExponent = point - 1
    if (-4..<16).contains(decimalExponent) {
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            return sign + String(digits[..<point]) + "." + String(digits[point...])
        }
    }
    let rest = digits.count > 1 ? "." + String(digits[1...]) : ""
    let magnitude = abs(decimalExponent)
    return sign + String(digits[0]) + rest + "e" + (decimalExponent < 0 ? "-" : "+")
        + (magnitude < 10 ? "0" : "") + String(magnitude)
}

extension OptimizerScalar {
    /// `torch.maximum(a, b)`: NaN if either is NaN.
    @inlinable @inline(__always)
    static func nanMaximum(_ a: Self, _ b: Self) -> Self {
        if a.isNaN || b.isNaN { return .nan }
        return a < b ? b : a
    }

    /// `x.clamp(lo, hi)`: max(lo) first, then min(hi); NaN stays NaN.
    @inlinable @inline(__always)
    func clamped(_ lo: Self, _ hi: Self) -> Self {
        var c = self
        if c < lo { c = lo }
        if c > hi { c = hi }
        return c
    }

    /// `torch.sign(x)`: −1, 0 or 1; NaN gives 0 on the CPU.
    @inlinable @inline(__always)
    var torchSign: Self { self > 0 ? 1 : (self < 0 ? -1 : 0) }
}

/// Builds the message of a refused value, `Invalid <what>: <python repr>`.
@inline(__always)
func invalid(_ what: String, _ value: Double) -> HyperparameterError {
    HyperparameterError("Invalid \(what): \(pythonRepr(value))")
}

/// `base ** exponent` as Python evaluates it for floats: C `pow`. (RealModule's `pow` is the
/// libm call for a non-negative base, which is all the rules need: betas and 0.96.)
@inline(__always)
func pythonPow(_ base: Double, _ exponent: Double) -> Double { Double.pow(base, exponent) }

extension OptimizerScalar {
    /// `torch.lerp(a, b, w)` as its CPU kernel computes it: a + w·(b − a) for |w| < 0.5,
    /// otherwise b − (b − a)·(1 − w) (exact at both ends).
    @inline(__always)
    static func torchLerp(_ a: Self, _ b: Self, _ w: Self) -> Self {
        abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
    }
}
