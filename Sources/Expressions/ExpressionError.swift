/// A mistake in an expression, with where it is.
///
/// `line` and `column` are 1-based and count Unicode scalars, the way an editor shows them;
/// `offset` is the same place as a scalar index into the whole source (so that a caller that
/// embedded the expression in a larger file can map it back), and `length` how many scalars the
/// caret should underline.
///
///     let error = try? MathExpression("x + foo") // throws
///     error.render(source: "x + foo")
///     // line 1, column 5: unknown name 'foo'; accepted: x, y, pi, e, and the functions ...
///     // x + foo
///     //     ^~~
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var offset: Int
    public var length: Int

    public init(message: String, line: Int, column: Int, offset: Int, length: Int = 1) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        self.length = max(1, length)
    }

    /// The error at scalar `offset` of `source`, with its line and column worked out.
    init(_ message: String, in source: [Unicode.Scalar], at offset: Int, length: Int = 1) {
        var line = 1, column = 1
        for scalar in source[..<min(offset, source.count)] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        self.init(message: message, line: line, column: column, offset: offset, length: length)
    }

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }

    /// The message, then the offending line of `source`, then a caret under the place.
    public func render(source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return description }
        let (text, column) = Self.window(of: String(lines[line - 1]).replacingTrailingCarriageReturn(), column: column)
        return description + "\n" + text + "\n" + Self.caretLine(under: text, column: column, length: length)
    }

    /// At most `width` scalars of a long line around `column`, with `...` where it was cut, and
    /// the column within that window: a message quotes one screen line, not a 100 kB formula.
    ///
    ///     window(of: String(repeating: "x + ", count: 100), column: 201, width: 20)
    ///     // ("...+ x + x + x + x + ...", 12)
    public static func window(of text: String, column: Int, width: Int = 100) -> (text: String, column: Int) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > width else { return (text, column) }
        let half = width / 2
        let start = max(0, min(column - 1 - half, scalars.count - width))
        let end = min(scalars.count, start + width)
        var out = start > 0 ? "..." : ""
        out.unicodeScalars.append(contentsOf: scalars[start..<end])
        if end < scalars.count { out += "..." }
        return (out, column - start + (start > 0 ? 3 : 0))
    }

    /// Spaces up to `column` (tabs kept as tabs so the caret lines up in a terminal), then
    /// `^` and `~` for the rest of the underlined length, clipped to the line.
    public static func caretLine(under text: String, column: Int, length: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for i in 0..<max(0, column - 1) {
            out.append(i < scalars.count && scalars[i] == "\t" ? "\t" : " ")
        }
        let available = max(1, scalars.count - (column - 1))
        out += "^" + String(repeating: "~", count: max(0, min(length, available) - 1))
        return out
    }
}

extension String {
    func replacingTrailingCarriageReturn() -> String {
        hasSuffix("\r") ? String(dropLast()) : self
    }
}
