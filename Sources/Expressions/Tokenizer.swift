import Numbers

/// Splits an expression into tokens.
///
/// Numbers: digits with an optional fraction and exponent (`2`, `1.5`, `.5`, `1e-3`, `2.5E+4`).
/// Names: a letter or `_`, then letters, digits or `_`; `π` reads as `pi`. Operators:
/// `+ - * / ^ ( ) ,` and `**`, which means `^`. Spaces, tabs and line breaks separate tokens.
///
/// - Complexity: O(n) in the length of the source; no recursion.
enum Tokenizer {
    static func tokens(of source: [Unicode.Scalar]) throws(ExpressionError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = source.count
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        /// The text of a number or a name (ASCII by the rules above), built without the
        /// generic scalar-view machinery: a 1 MiB formula has 200,000 of them.
        func ascii(_ r: Range<Int>) -> String {
            String(unsafeUninitializedCapacity: r.count) { buffer in
                for (k, i) in r.enumerated() { buffer[k] = UInt8(truncatingIfNeeded: source[i].value) }
                return r.count
            }
        }
        func isNameStart(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
        }
        while i < n {
            let c = source[i]
            let start = i
            switch c {
            case " ", "\t", "\n", "\r":
                i += 1
                continue
            case "+": tokens.append(Token(kind: .plus, start: i, end: i + 1)); i += 1
            case "-", "−": tokens.append(Token(kind: .minus, start: i, end: i + 1)); i += 1
            case "/": tokens.append(Token(kind: .slash, start: i, end: i + 1)); i += 1
            case "^": tokens.append(Token(kind: .caret, start: i, end: i + 1)); i += 1
            case "(": tokens.append(Token(kind: .leftParen, start: i, end: i + 1)); i += 1
            case ")": tokens.append(Token(kind: .rightParen, start: i, end: i + 1)); i += 1
            case ",": tokens.append(Token(kind: .comma, start: i, end: i + 1)); i += 1
            case "*":
                if i + 1 < n, source[i + 1] == "*" {
                    tokens.append(Token(kind: .caret, start: i, end: i + 2)); i += 2
                } else {
                    tokens.append(Token(kind: .star, start: i, end: i + 1)); i += 1
                }
            case "π":
                tokens.append(Token(kind: .name("pi"), start: i, end: i + 1)); i += 1
            case _ where isDigit(c) || (c == "." && i + 1 < n && isDigit(source[i + 1])):
                while i < n, isDigit(source[i]) { i += 1 }
                if i < n, source[i] == "." {
                    i += 1
                    while i < n, isDigit(source[i]) { i += 1 }
                }
                if i < n, source[i] == "e" || source[i] == "E" {
                    // `2e` followed by a letter other than a digit/sign is a number times the
                    // name e in other notations; here it is always an exponent, so demand digits.
                    var j = i + 1
                    if j < n, source[j] == "+" || source[j] == "-" { j += 1 }
                    guard j < n, isDigit(source[j]) else {
                        throw ExpressionError(
                            "malformed number '\(String(String.UnicodeScalarView(source[start..<min(j, n)])))': the exponent needs digits, as in 1e-3",
                            in: source, at: start, length: j - start)
                    }
                    i = j
                    while i < n, isDigit(source[i]) { i += 1 }
                }
                let text = ascii(start..<i)
                let value: Double
                switch DecimalNumber.parse(text) {
                case .success(let v): value = v
                case .failure(.overflow):
                    throw ExpressionError("number '\(text)' is out of range", in: source, at: start, length: i - start)
                case .failure(let problem):
                    throw ExpressionError("number '\(text)': \(problem.reason)", in: source, at: start, length: i - start)
                }
                tokens.append(Token(kind: .number(value), start: start, end: i))
            case _ where isNameStart(c):
                while i < n, isNameStart(source[i]) || isDigit(source[i]) { i += 1 }
                tokens.append(Token(kind: .name(ascii(start..<i)), start: start, end: i))
            default:
                let shown = c.properties.isWhitespace || c.value < 0x20
                    ? "U+\(String(c.value, radix: 16, uppercase: true))" : String(c)
                throw ExpressionError(
                    "unexpected character '\(shown)'; an expression uses numbers, x, y, pi, e, + - * / ^ (or **), parentheses and functions",
                    in: source, at: i)
            }
        }
        tokens.append(Token(kind: .end, start: n, end: n))
        return tokens
    }
}
