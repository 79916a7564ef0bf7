/// One token of an expression, with the scalar range it came from.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        case name(String)
        case plus, minus, star, slash, caret, leftParen, rightParen, comma
        case end
    }

    var kind: Kind
    /// Scalar offsets [start, end) into the source.
    var start: Int
    var end: Int

    var length: Int { max(1, end - start) }

    /// How the token reads in an error message.
    var spelling: String {
        switch kind {
        case .number(let v): "number \(v)"
        case .name(let n): "'\(n)'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .caret: "'^'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .comma: "','"
        case .end: "the end of the expression"
        }
    }
}
