import RealModule

/// Axis ticks: where they go and how they read.
///
/// Every axis reads in one format: plain decimals, or powers of ten (`10⁻⁴`, `2×10⁻⁵`) for all its
/// ticks when any of them would need more than four decimals or five digits. Ranges of any size a
/// `Double` can hold, subnormal ones included, give finite ticks and labels.
public enum Ticks {
    /// "Nice" tick positions covering `lo...hi`: multiples of 1, 2 or 5 × 10ⁿ, about `target` of them
    /// (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
    ///
    ///     Ticks.linear(-2, 2)      // [-2, -1, 0, 1, 2]  (step 1)
    ///     Ticks.linear(0, 0.37)    // [0, 0.1, 0.2, 0.3]
    public static func linear(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        let step = linearStep(lo, hi, target: target)
        guard step > 0, step.isFinite else { return lo.isFinite ? [lo] : [] }
        let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        // k · step computed as an exact integer over a power of ten (0.6, not 0.6000000000000001).
        let e = Double.log10(step).rounded(.down)
        let inverse = Double.pow(10, -e).rounded()
        if e < 0, inverse.isFinite, inverse < 1e300 {
            let units = (step * inverse).rounded()
            return stride(from: first, through: last, by: 1).map { ($0 * units / inverse).cleanedZero }
        }
        return stride(from: first, through: last, by: 1).map { ($0 * step).cleanedZero }
    }

    /// The 1-2-5 step used by ``linear(_:_:target:)``.
    public static func linearStep(_ lo: Double, _ hi: Double, target: Int = 5) -> Double {
        let raw = (hi - lo) / Double(max(target, 1))
        guard raw > 0, raw.isFinite else { return 0 }
        let magnitude = power10(Int(Double.log10(raw).rounded(.down)))
        guard magnitude > 0, magnitude.isFinite else { return 0 }
        let n = raw / magnitude
        let nice: Double = n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Ticks for a log axis over `lo...hi` (both > 0): the powers of ten inside, every second or
    /// third one when there are many; with fewer than two decades, 1-2-5 multiples too.
    ///
    ///     Ticks.log(1e-3, 1e3)   // [0.001, 0.01, 0.1, 1, 10, 100, 1000]
    public static func log(_ lo: Double, _ hi: Double, target: Int = 7) -> [Double] {
        precondition(lo > 0 && hi >= lo, "log ticks need 0 < lo ≤ hi")
        guard lo.isFinite, hi.isFinite else { return [] }
        let a = Int((Double.log10(lo) - 1e-9).rounded(.up)), b = Int((Double.log10(hi) + 1e-9).rounded(.down))
        if b - a >= 2 {
            let every = max(1, Int((Double(b - a + 1) / Double(target)).rounded(.up)))
            // Multiples of `every` as exponents, so that 10⁰ is a tick whenever it is in range.
            let first = Int((Double(a) / Double(every)).rounded(.up)) * every
            return stride(from: first, through: b, by: every).map { power10($0) }
        }
        var ticks: [Double] = []
        for e in (a - 1)...(b + 1) {
            for m in [1.0, 2, 5] {
                let v = m * power10(e)
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(v) }
            }
        }
        return ticks
    }

    /// Labels for linear ticks `ticks` spaced `step` apart, all in one format: plain decimals with
    /// as many digits as the step needs, or, when a tick would need five digits before the point or
    /// more than four after it, every non-zero tick as `m×10ⁿ`.
    ///
    ///     Ticks.labels([0, 0.5, 1], step: 0.5)          // ["0", "0.5", "1"]
    ///     Ticks.labels([0, 2e-5, 4e-5], step: 2e-5)     // ["0", "2×10⁻⁵", "4×10⁻⁵"]
    public static func labels(_ ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 1e5 || (step > 0 && step < 1e-4) || !(step.isFinite) {
            return ticks.map { $0 == 0 ? "0" : scientific($0) }
        }
        return ticks.map { label($0, step: step) }
    }

    /// A linear tick's label with as many decimals as `step` needs, and a true minus sign:
    /// `label(-0.5, step: 0.5) == "−0.5"`, `label(2, step: 1) == "2"`.
    public static func label(_ v: Double, step: Double) -> String {
        let decimals = step > 0 ? max(0, Int((-Double.log10(step) - 1e-9).rounded(.up))) : 0
        if abs(v) >= 1e6 || (abs(v) < 1e-4 && v != 0) { return scientific(v) }
        return fixed(v, decimals: min(decimals, 8))
    }

    /// Labels for log ticks, all in one format: plain decimals when every tick lies in
    /// 0.001...10,000, otherwise powers of ten (`10⁰`, `10⁻⁴`, `2×10⁻⁵`).
    ///
    ///     Ticks.logLabels([0.01, 0.1, 1, 10])      // ["0.01", "0.1", "1", "10"]
    ///     Ticks.logLabels([1e-4, 1e-2, 1, 100])    // ["10⁻⁴", "10⁻²", "10⁰", "10²"]
    public static func logLabels(_ ticks: [Double]) -> [String] {
        let plain = ticks.allSatisfy { $0 >= 1e-3 * (1 - 1e-9) && $0 <= 1e4 * (1 + 1e-9) }
        return ticks.map { v in
            if plain {
                let e = Int(Double.log10(v).rounded(.down))
                return fixed(v, decimals: max(0, -e))
            }
            return scientific(v)
        }
    }

    /// A log tick's label on its own: `1`, `10`, `100` … written `10ⁿ` beyond that range.
    public static func logLabel(_ v: Double) -> String {
        let e = Double.log10(v)
        let rounded = e.rounded()
        if abs(e - rounded) < 1e-9 {
            let n = Int(rounded)
            if (0...3).contains(n) { return fixed(v, decimals: 0) }
            if n == -1 { return "0.1" }
            if n == -2 { return "0.01" }
            return "10" + superscript(n)
        }
        return label(v, step: power10(Int(e.rounded(.down))))
    }

    /// `2.5×10⁻⁷` style; a mantissa of 1 is left out (`10⁻⁷`).
    static func scientific(_ v: Double) -> String {
        guard v.isFinite, v != 0 else { return v == 0 ? "0" : (v.isNaN ? "nan" : v < 0 ? "−∞" : "∞") }
        var n = Int(Double.log10(abs(v)).rounded(.down))
        var m = mantissa(v, exponent: n)
        if abs(m) >= 9.995 { n += 1; m = mantissa(v, exponent: n) }  // 9.999 rounds to 10.00
        let digits = fixed(m, decimals: 2).replacingTrailingZeros()
        return (digits == "1" ? "" : digits == "−1" ? "−" : digits + "×") + "10" + superscript(n)
    }

    /// `v / 10ⁿ`, in two steps where 10ⁿ alone would underflow (subnormal `v`).
    static func mantissa(_ v: Double, exponent n: Int) -> Double {
        n < -290 ? (v * 1e300) / power10(n + 300) : v / power10(n)
    }

    /// 10ⁿ for any exponent a Double can reach (0 and +∞ beyond).
    static func power10(_ n: Int) -> Double { Double.pow(10, Double(n)) }

    /// `v` with exactly `decimals` digits after the point, locale-free, "−" for negatives, no "−0".
    /// Values too large for whole-number digits (beyond 10¹⁸) are written `m×10ⁿ`.
    static func fixed(_ v: Double, decimals: Int) -> String {
        let scale = power10(decimals)
        let scaled = (abs(v) * scale).rounded()
        guard scaled.isFinite, scaled < 9e18 else { return scientific(v) }
        if scaled == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        let digits = String(Int64(scaled))
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let whole = padded.dropLast(decimals), fraction = padded.suffix(decimals)
        return (v < 0 ? "−" : "") + whole + (decimals > 0 ? "." + fraction : "")
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(String(abs(n)).map { digits[Int(String($0))!] })  // "0"..."9" only
    }
}

extension Double {
    /// -0.0 as 0.0, so that labels never read "−0".
    var cleanedZero: Double { self == 0 ? 0 : self }
}

extension String {
    /// "2.50" → "2.5", "1.00" → "1".
    func replacingTrailingZeros() -> String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
