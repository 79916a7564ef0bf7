#if canImport(Glibc)
import Glibc
#endif

/// ``DecimalNumber`` on bytes, for files of millions of numbers (path CSVs): the same grammar
/// and the same refusals, without a `String` per number.
///
/// ``isAccepted(_:)`` says whether ``DecimalNumber/parse(_:)`` would give a value, and
/// ``value(ofAccepted:)`` gives that value bit for bit:
///
/// * The grammar is checked byte by byte. A text whose first non-zero digit has a decimal
///   exponent E in [-300, 300] can neither overflow (it is below 10³⁰¹) nor underflow (it is at
///   least 10⁻³⁰⁰), so only texts outside that range are read whole to decide.
/// * The value: Clinger's fast path (W. D. Clinger, "How to read floating point numbers
///   accurately", PLDI 1990) when the significant digits form an integer w < 10¹⁵ and the
///   exponent e is within ±22: w and 10^|e| are exact Doubles, so one IEEE multiplication or
///   division rounds correctly. Every other text goes through ``DecimalNumber/parse(_:)``.
public enum DecimalText {
    /// Whether `text` is a decimal number ``DecimalNumber/parse(_:)`` accepts.
    public static func isAccepted(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let shape = Shape(text) else { return false }
        if !shape.hasNonZeroDigit || (-300...300).contains(shape.leadingExponent) { return true }
        if case .success = DecimalNumber.parse(String(decoding: text, as: UTF8.self)) { return true }
        return false
    }

    /// The value of a text that ``isAccepted(_:)``, as ``DecimalNumber/parse(_:)`` reads it.
    public static func value(ofAccepted text: UnsafeBufferPointer<UInt8>) -> Double {
        if let shape = Shape(text), let v = shape.exactValue { return v }
        // `Double(_:)` (DecimalNumber's reader) is the C library's correctly rounding strtod in
        // the C locale; called here on a copy on the stack, without a String (a third of the
        // time of a path CSV's 17-digit numbers).
        guard text.count <= 64 else { return (try? DecimalNumber.double(String(decoding: text, as: UTF8.self))) ?? .nan }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { b in
            for i in 0..<text.count { b[i] = CChar(bitPattern: text[i]) }
            b[text.count] = 0
            let previous = uselocale(cLocale)
            defer { uselocale(previous) }
            return strtod(b.baseAddress!, nil)
        }
    }

    /// The C locale, whose decimal point is `.` whatever the process's locale says.
    nonisolated(unsafe) private static let cLocale = newlocale(Int32(1) << LC_NUMERIC, "C", nil)

    /// 10⁰ ... 10²², each exact in a Double.
    private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, read in one pass.
    private struct Shape {
        var hasNonZeroDigit = false
        var negative = false
        /// The significant digits (from the first non-zero one) as an integer while there are at most 19.
        var significand: UInt64 = 0
        var significantDigits = 0
        /// Digits after the point that are part of the significand count (fraction digits read).
        var fractionDigits = 0
        /// The digits before the point from the first non-zero one, and the zeros after the point before it.
        var integerDigitsFromFirst = 0, zerosBeforeFirst = 0
        /// The written exponent, saturated at ±1,000,000.
        var exponent = 0

        /// The decimal exponent of the first non-zero digit (the value is in [10^E, 10^(E+1))).
        var leadingExponent: Int {
            integerDigitsFromFirst > 0 ? exponent + integerDigitsFromFirst - 1 : exponent - zerosBeforeFirst - 1
        }

        /// The correctly rounded value when Clinger's fast path applies.
        var exactValue: Double? {
            guard significantDigits <= 15 else { return nil }
            let e = exponent - fractionDigits
            let w = Double(significand)  // exact: below 10¹⁵ < 2⁵³
            let v: Double
            if w == 0 { v = 0 } else if e >= 0 && e <= 22 { v = w * DecimalText.powers[e] } else if e < 0 && e >= -22 {
                v = w / DecimalText.powers[-e]
            } else {
                return nil
            }
            return negative ? -v : v
        }

        @inline(__always)
        init?(_ b: UnsafeBufferPointer<UInt8>) {
            // Locals, not stored properties, in the loops: this reads millions of numbers.
            let n = b.count
            var i = 0
            var negative = false
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
            var significand: UInt64 = 0, significant = 0, integerFromFirst = 0, zerosBefore = 0, fraction = 0
            var digits = 0
            while i < n {
                let d = b[i] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if significant > 0 || d != 0 {
                    significant += 1
                    if significant <= 19 { significand = significand &* 10 &+ UInt64(d) }
                    integerFromFirst += 1
                }
                i += 1; digits += 1
            }
            if i < n, b[i] == UInt8(ascii: ".") {
                i += 1
                while i < n {
                    let d = b[i] &- UInt8(ascii: "0")
                    guard d < 10 else { break }
                    if significant > 0 || d != 0 {
                        significant += 1
                        if significant <= 19 { significand = significand &* 10 &+ UInt64(d) }
                    } else {
                        zerosBefore += 1
                    }
                    fraction += 1
                    i += 1; digits += 1
                }
            }
            guard digits > 0 else { return nil }
            var exponent = 0
            if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                var sign = 1
                if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { sign = b[i] == UInt8(ascii: "-") ? -1 : 1; i += 1 }
                let start = i
                var e = 0
                while i < n {
                    let d = b[i] &- UInt8(ascii: "0")
                    guard d < 10 else { break }
                    e = min(e * 10 + Int(d), 1_000_000)
                    i += 1
                }
                guard i > start else { return nil }
                exponent = sign * e
            }
            guard i == n else { return nil }
            self.negative = negative; self.significand = significand; self.significantDigits = significant
            self.hasNonZeroDigit = significant > 0; self.integerDigitsFromFirst = integerFromFirst
            self.zerosBeforeFirst = zerosBefore; self.fractionDigits = fraction; self.exponent = exponent
        }
    }
}
