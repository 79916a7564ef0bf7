import RealModule

/// Axis ticks: where they go and how they read.
public enum Ticks {
    /// "Nice" tick positions covering `lo...hi`: multiples of 1, 2 or 5 × 10ⁿ, about `target` of them
    /// (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
    ///
    ///     Ticks.linear(-2, 2)      // [-2, -1, 0, 1, 2]  (step 1)
    ///     Ticks.linear(0, 0.37)    // [0, 0.1, 0.2, 0.3]
    public static func linear(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        let step = linearStep(lo, hi, target: target)
        guard step > 0, step.isFinite else { return [lo] }
        let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        // k · step computed as an exact integer over a power of ten (0.6, not 0.6000000000000001).
        let e = Double.log10(step).rounded(.down)
        if e < 0 {
            let inverse = Double.pow(10, -e).rounded(), units = (step * inverse).rounded()
            return stride(from: first, through: last, by: 1).map { ($0 * units / inverse).cleanedZero }
        }
        return stride(from: first, through: last, by: 1).map { ($0 * step).cleanedZero }
    }

    /// The 1-2-5 step used by ``linear(_:_:target:)``.
    public static func linearStep(_ lo: Double, _ hi: Double, target: Int = 5) -> Double {
        let raw = (hi - lo) / Double(max(target, 1))
        guard raw > 0, raw.isFinite else { return 0 }
        let magnitude = Double.pow(10, Double.log10(raw).rounded(.down))
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
        let a = Int((Double.log10(lo) - 1e-9).rounded(.up)), b = Int((Double.log10(hi) + 1e-9).rounded(.down))
        if b - a >= 2 {
            let every = max(1, Int((Double(b - a + 1) / Double(target)).rounded(.up)))
            return stride(from: a, through: b, by: every).map { Double.pow(10, Double($0)) }
        }
        var ticks: [Double] = []
        for e in (a - 1)...(b + 1) {
            for m in [1.0, 2, 5] {
                let v = m * Double.pow(10, Double(e))
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(v) }
            }
        }
        return ticks
    }

    /// A linear tick's label with as many decimals as `step` needs, and a true minus sign:
    /// `label(-0.5, step: 0.5) == "−0.5"`, `label(2, step: 1) == "2"`.
    public static func label(_ v: Double, step: Double) -> String {
        let decimals = step > 0 ? max(0, Int((-Double.log10(step) - 1e-9).rounded(.up))) : 0
        if abs(v) >= 1e6 || (abs(v) < 1e-4 && v != 0) { return scientific(v) }
        return fixed(v, decimals: min(decimals, 8))
    }

    /// A log tick's label: `1`, `10`, `100` … written `10ⁿ` beyond that range, and 2 and 5 multiples
    /// in plain digits when they are ticks too.
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
        return label(v, step: Double.pow(10, e.rounded(.down)))
    }

    /// `2.5×10⁻⁷` style.
    static func scientific(_ v: Double) -> String {
        let n = Int(Double.log10(abs(v)).rounded(.down))
        let m = v / Double.pow(10, Double(n))
        let mantissa = fixed(m, decimals: 2)
            .replacingTrailingZeros()
        return (mantissa == "1" ? "" : mantissa == "−1" ? "−" : mantissa + "×") + "10" + superscript(n)
    }

    /// `v` with exactly `decimals` digits after the point, locale-free, "−" for negatives, no "−0".
    static func fixed(_ v: Double, decimals: Int) -> String {
        let scale = Double.pow(10, Double(decimals))
        let scaled = (abs(v) * scale).rounded()
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
