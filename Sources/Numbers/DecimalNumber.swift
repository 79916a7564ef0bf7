/// The one reader of numbers that people type: command-line values, optimizer spec values,
/// manifests, path CSV, surface files and the expression language all go through it, so a value
/// is accepted or refused the same way wherever it is written.
///
/// Accepted: a plain decimal, `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`,
/// read by the correctly rounding `Double(_:)`:
///
///     DecimalNumber.parse("0.01")      // .success(0.01)
///     DecimalNumber.parse("-2.5E+3")   // .success(-2500)
///     DecimalNumber.parse("5e-324")    // .success(5e-324), the smallest subnormal
///
/// Refused, each with its own ``NumberProblem``: what `Double(_:)` alone would take silently and
/// what would hide a mistake:
///
///     DecimalNumber.parse("0x1p-4")    // .failure(.hexadecimal)
///     DecimalNumber.parse("nan")       // .failure(.notFinite)   (also inf, infinity)
///     DecimalNumber.parse("1e400")     // .failure(.overflow)    (would be inf)
///     DecimalNumber.parse("1e-400")    // .failure(.underflow)   (would be 0)
///     DecimalNumber.parse("1,5")       // .failure(.malformed)
///
/// Leading and trailing spaces are the caller's to trim (a command line never has them; a CSV
/// field keeps them as data).
///
/// - Complexity: O(n) in the length of the text.
public enum DecimalNumber {
    /// The value of `text`, or why it is not a number trajviz accepts.
    public static func parse<S: StringProtocol>(_ text: S) -> Result<Double, NumberProblem> {
        let bytes = Array(text.utf8)
        guard let shape = Shape(bytes) else { return .failure(problem(of: bytes)) }
        // The grammar above is a subset of what strtod reads, so Double(_:) cannot fail here.
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return .failure(.malformed) }
        if !value.isFinite { return .failure(.overflow) }
        if value == 0, shape.hasNonZeroDigit { return .failure(.underflow) }
        return .success(value)
    }

    /// The value of `text`; see ``parse(_:)``.
    public static func double<S: StringProtocol>(_ text: S) throws(NumberProblem) -> Double {
        try parse(text).get()
    }

    /// A whole number written in decimal digits with an optional sign (`42`, `-3`, `+7`), within
    /// `Int`'s range. `1e3`, `2.0` and `0x10` are refused: counts are typed as digits.
    public static func integer<S: StringProtocol>(_ text: S) -> Result<Int, NumberProblem> {
        let bytes = Array(text.utf8)
        var digits = bytes[...]
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else {
            if case .success = parse(text) { return .failure(.notWhole) }
            return .failure(problem(of: bytes))
        }
        guard let value = Int(String(decoding: bytes, as: UTF8.self)) else { return .failure(.overflow) }
        return .success(value)
    }

    // MARK: - The grammar

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// A text that matches the decimal grammar, and whether its significand has a digit other
    /// than 0 (a value of 0 from such a text is an underflow).
    private struct Shape {
        var hasNonZeroDigit = false

        init?(_ b: [UInt8]) {
            var i = 0
            let n = b.count
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            var significandDigits = 0
            while i < n, DecimalNumber.isDigit(b[i]) {
                if b[i] != UInt8(ascii: "0") { hasNonZeroDigit = true }
                i += 1; significandDigits += 1
            }
            if i < n, b[i] == UInt8(ascii: ".") {
                i += 1
                while i < n, DecimalNumber.isDigit(b[i]) {
                    if b[i] != UInt8(ascii: "0") { hasNonZeroDigit = true }
                    i += 1; significandDigits += 1
                }
            }
            guard significandDigits > 0 else { return nil }
            if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                let exponentStart = i
                while i < n, DecimalNumber.isDigit(b[i]) { i += 1 }
                guard i > exponentStart else { return nil }
            }
            guard i == n else { return nil }
        }
    }

    /// Why a text that is not in the grammar was refused.
    private static func problem(of bytes: [UInt8]) -> NumberProblem {
        var word = String(decoding: bytes, as: UTF8.self).lowercased()[...]
        if word.first == "+" || word.first == "-" { word = word.dropFirst() }
        if ["nan", "inf", "infinity"].contains(word) || word.hasPrefix("nan(") { return .notFinite }
        if word.hasPrefix("0x") { return .hexadecimal }
        return .malformed
    }
}

/// Why a text is not a number trajviz accepts. ``reason`` is the clause that messages end with,
/// after saying where the value came from: `invalid --lr '1e-400'; ` + reason.
public enum NumberProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not a number at all (`abc`, `1,5`, `1e`, an empty text).
    case malformed
    /// A hexadecimal number (`0x1p-4`, `0x10`).
    case hexadecimal
    /// `nan`, `inf` or `infinity`.
    case notFinite
    /// Beyond the largest Double (`1e400`), or beyond `Int` for a whole number.
    case overflow
    /// Not 0 but closer to 0 than the smallest Double (`1e-400`): it would read as 0.
    case underflow
    /// A decimal number where a whole number is expected (`2.5`, `1e3`).
    case notWhole

    /// What is wrong, in words, without the value: `expected a finite number`.
    public var reason: String {
        switch self {
        case .malformed: "expected a number such as 0.01 or 1e-3"
        case .hexadecimal: "expected a decimal number such as 0.01 or 1e-3 (hexadecimal is not accepted)"
        case .notFinite: "expected a finite number"
        case .overflow: "expected a finite number (the largest is about 1.8e308)"
        case .underflow: "expected 0 or a number of magnitude at least 5e-324 (it would read as 0)"
        case .notWhole: "expected a whole number"
        }
    }

    public var description: String { reason }
}
