import Foundation
import Numbers
import RealModule

/// A value of the command line a study cannot use, with a message naming it and the accepted form.
public struct StudyInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The learning rates of a sweep (`--lr`): log-spaced from a range, or listed.
///
///     try SweepValues.parse("1e-4:1:13")      // 1e-4, 2.15443469003e-4, 4.64158883361e-4, 0.001, ..., 1
///     try SweepValues.parse("0.001,0.01,0.1") // [0.001, 0.01, 0.1]
///
/// * `A:B:N`: N values spaced evenly in log10 from A to B, both ends included and exact (A and B
///   as written), as `numpy.logspace(log10(A), log10(B), N)`; each interior value is
///   10^(log10 A + k (log10 B − log10 A) / (N − 1)) rounded to 12 significant digits, so that a
///   decade point reads `0.001`, not `0.0010000000000000002` (the spacing stays log-even to 1e-12).
/// * `a,b,c`: the values listed (a single value is a list of one), sorted increasing.
///
/// Every value must be a positive finite number (a log axis cannot show 0), no value may repeat,
/// and there are at most ``maximumCount``.
public enum SweepValues {
    /// The most values one sweep takes: every value is a column of the figure.
    public static let maximumCount = 100

    /// The values `text` stands for, increasing.
    ///
    /// - Parameter option: the option's name for messages (`--lr`).
    /// - Throws: ``StudyInputError``: a malformed range or list, a value that is not a positive
    ///   finite number, a count outside 2...``maximumCount``, a repeated value.
    public static func parse(_ text: String, option: String = "--lr") throws(StudyInputError) -> [Double] {
        let form = "expected START:END:COUNT (e.g. 1e-4:1:13, 13 log-spaced rates from 1e-4 to 1) or a list (e.g. 0.001,0.01,0.1)"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { throw StudyInputError("malformed \(option) '\(text)'; \(form)") }
            let a = try positive(parts[0], in: text, option: option), b = try positive(parts[1], in: text, option: option)
            guard let n = try? DecimalNumber.integer(parts[2]).get() else {
                throw StudyInputError("invalid \(option) '\(text)': COUNT '\(parts[2])' is not a whole number; \(form)")
            }
            guard (2...maximumCount).contains(n) else {
                throw StudyInputError("invalid \(option) '\(text)': COUNT \(n) is outside 2...\(maximumCount) (for one value write it alone: \(option) \(parts[0]))")
            }
            guard a < b else {
                throw StudyInputError("invalid \(option) '\(text)': START must be less than END (e.g. \(option) 1e-4:1:13)")
            }
            return logSpaced(from: a, to: b, count: n)
        }
        let items = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for item in items {
            guard !item.isEmpty else { throw StudyInputError("malformed \(option) '\(text)': an empty value; \(form)") }
            let v = try positive(item, in: text, option: option)
            guard !values.contains(v) else { throw StudyInputError("invalid \(option) '\(text)': \(item) is listed twice") }
            values.append(v)
        }
        guard values.count <= maximumCount else {
            throw StudyInputError("invalid \(option) '\(text)': \(values.count) values; at most \(maximumCount)")
        }
        return values.sorted()
    }

    /// `count` values from `a` to `b` (both > 0, exact), evenly spaced in log10; see ``parse(_:option:)``.
    ///
    /// - Precondition: 0 < a < b, both finite; count ≥ 2.
    public static func logSpaced(from a: Double, to b: Double, count: Int) -> [Double] {
        precondition(a > 0 && a < b && b.isFinite && count >= 2, "need 0 < a < b and count >= 2")
        let la = Double.log10(a), lb = Double.log10(b)
        return (0..<count).map { k in
            if k == 0 { return a }
            if k == count - 1 { return b }
            let e = la + Double(k) * (lb - la) / Double(count - 1)
            return roundedToSignificantDigits(Double.pow(10, e), 12)
        }
    }

    private static func positive(_ item: String, in text: String, option: String) throws(StudyInputError) -> Double {
        let v: Double
        switch DecimalNumber.parse(item) {
        case .success(let value): v = value
        case .failure(.malformed):
            throw StudyInputError("invalid \(option) '\(text)': '\(item)' is not a number; expected e.g. \(option) 1e-4:1:13 or \(option) 0.001,0.01,0.1")
        case .failure(let problem):
            throw StudyInputError("invalid \(option) '\(text)': '\(item)': \(problem.reason); expected e.g. \(option) 1e-4:1:13 or \(option) 0.001,0.01,0.1")
        }
        guard v > 0 else {
            throw StudyInputError("invalid \(option) '\(text)': \(item) is not positive; learning rates of a sweep must be > 0 (they are drawn on a log axis)")
        }
        return v
    }
}

/// `value` rounded to `digits` significant decimal digits, through its decimal text (exact:
/// `%.Ng` rounds the binary value correctly, and reading the text back gives the nearest Double).
public func roundedToSignificantDigits(_ value: Double, _ digits: Int) -> Double {
    guard value.isFinite, value != 0 else { return value }
    return Double(String(format: "%.\(digits)g", value)) ?? value
}
