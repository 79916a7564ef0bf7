/// A value outside what trajviz accepts, described once so that every place the value can come
/// from (the command line, a manifest, a surface file) says the same thing in its own words:
///
///     let v = LimitViolation(field: "levels", value: "0", expected: "a whole number from 2 to 200")
///     "invalid --levels \(v.value); expected \(v.expected)"           // the command line
///     "figure.levels: invalid value \(v.value); expected \(v.expected)" // a manifest
public struct LimitViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field's name where the value lives (`levels`, `width`, `xlim`, `steps`).
    public var field: String
    /// The value as it should be shown (`0`, `[1, 1]`).
    public var value: String
    /// What is accepted, without "expected" (`a whole number from 2 to 200`).
    public var expected: String

    public init(field: String, value: String, expected: String) {
        self.field = field; self.value = value; self.expected = expected
    }

    /// `levels: invalid value 0; expected a whole number from 2 to 200`.
    public var description: String { "\(field): invalid value \(value); expected \(expected)" }

    /// The message for a value read at `path` of a file (`figure.levels`, `paths[0].steps`).
    public func message(at path: String) -> String { "\(path): invalid value \(value); expected \(expected)" }
}

/// `0.5`, `2`, `1e-08`: a number as trajviz shows it in messages (shortest round-trip digits,
/// integers without `.0`).
public func shownNumber(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return v.description
}
