/// A recursive-descent parser (precedence climbing) for the expression language.
///
/// Grammar, loosest binding first:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary (("^" | "**") unary)?
///     primary    := number | "x" | "y" | "pi" | "e" | function "(" arguments ")" | "(" expression ")"
///
/// So `^` binds tighter than unary minus (`-x^2` is `-(x^2)`), is right-associative
/// (`2^3^2` is `2^9`), and takes a signed exponent (`2^-1`). `+ - * /` are left-associative
/// and parsed by loops, so long chains cost no stack.
///
/// Recursion happens only for a sign, an exponent, a parenthesis and a function call; each
/// counts one level of nesting, and more than ``MathExpression/maximumDepth`` levels is an
/// error, so a 100,000-deep expression cannot overflow the stack.
struct Parser {
    let source: [Unicode.Scalar]
    let tokens: [Token]
    var index = 0
    var depth = 0
    var tree = SyntaxTree()
    let maximumDepth: Int

    init(source: [Unicode.Scalar], maximumDepth: Int) throws(ExpressionError) {
        self.source = source
        self.tokens = try Tokenizer.tokens(of: source)
        self.maximumDepth = maximumDepth
    }

    /// Parses the whole source into a tree.
    static func parse(_ source: [Unicode.Scalar], maximumDepth: Int) throws(ExpressionError) -> SyntaxTree {
        var parser = try Parser(source: source, maximumDepth: maximumDepth)
        if case .end = parser.current.kind {
            throw parser.error("the expression is empty; write a formula in x and y, e.g. x^2 + y^2", at: parser.current)
        }
        _ = try parser.parseExpression()
        let last = parser.current
        switch last.kind {
        case .end:
            return parser.tree
        case .rightParen:
            throw parser.error("unbalanced ')': no '(' is open here", at: last)
        case .number, .name, .leftParen:
            throw parser.error(
                "expected an operator (+ - * / ^) before \(last.spelling); write 2*x for a product", at: last)
        default:
            throw parser.error("unexpected \(last.spelling)", at: last)
        }
    }

    // MARK: tokens

    var current: Token { tokens[index] }

    mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func error(_ message: String, at token: Token) -> ExpressionError {
        ExpressionError(message, in: source, at: token.start, length: token.length)
    }

    /// One more level of nesting at `token`, refused beyond the limit.
    mutating func enter(_ token: Token) throws(ExpressionError) {
        depth += 1
        if depth > maximumDepth {
            throw error("the expression is nested too deeply (more than \(maximumDepth) levels of parentheses, signs, exponents or calls)", at: token)
        }
    }

    // MARK: grammar

    mutating func parseExpression() throws(ExpressionError) -> Int {
        var lhs = try parseTerm()
        while true {
            let op = current
            switch op.kind {
            case .plus, .minus:
                _ = advance()
                let rhs = try parseTerm()
                let range = tree.ranges[lhs].lowerBound..<tree.ranges[rhs].upperBound
                lhs = tree.append(op.kind == .plus ? .add(lhs, rhs) : .subtract(lhs, rhs), range)
            default:
                return lhs
            }
        }
    }

    mutating func parseTerm() throws(ExpressionError) -> Int {
        var lhs = try parseUnary()
        while true {
            let op = current
            switch op.kind {
            case .star, .slash:
                _ = advance()
                let rhs = try parseUnary()
                let range = tree.ranges[lhs].lowerBound..<tree.ranges[rhs].upperBound
                lhs = tree.append(op.kind == .star ? .multiply(lhs, rhs) : .divide(lhs, rhs), range)
            default:
                return lhs
            }
        }
    }

    mutating func parseUnary() throws(ExpressionError) -> Int {
        let sign = current
        switch sign.kind {
        case .minus, .plus:
            _ = advance()
            try enter(sign)
            let operand = try parseUnary()
            depth -= 1
            guard sign.kind == .minus else { return operand }
            return tree.append(.negate(operand), sign.start..<tree.ranges[operand].upperBound)
        default:
            return try parsePower()
        }
    }

    mutating func parsePower() throws(ExpressionError) -> Int {
        let base = try parsePrimary()
        let op = current
        guard case .caret = op.kind else { return base }
        _ = advance()
        try enter(op)
        let exponent = try parseUnary()
        depth -= 1
        return tree.append(.power(base, exponent), tree.ranges[base].lowerBound..<tree.ranges[exponent].upperBound)
    }

    mutating func parsePrimary() throws(ExpressionError) -> Int {
        let token = advance()
        switch token.kind {
        case .number(let value):
            return tree.append(.number(value, name: nil), token.start..<token.end)
        case .leftParen:
            try enter(token)
            let inner = try parseExpression()
            depth -= 1
            let close = current
            guard case .rightParen = close.kind else {
                throw error("expected ')' to close the '(' at column \(column(of: token)), found \(close.spelling)", at: close)
            }
            _ = advance()
            tree.ranges[inner] = token.start..<close.end
            return inner
        case .name(let name):
            return try parseName(name, token)
        case .end:
            throw error("the expression ends where an operand (a number, x, y, a function or '(') is expected", at: token)
        default:
            throw error("expected an operand (a number, x, y, a function or '('), found \(token.spelling)", at: token)
        }
    }

    mutating func parseName(_ name: String, _ token: Token) throws(ExpressionError) -> Int {
        let range = token.start..<token.end
        let isCall: Bool
        if case .leftParen = current.kind { isCall = true } else { isCall = false }
        switch name {
        case "x", "y", "pi", "e":
            if isCall { throw error("'\(name)' is not a function; write \(name)*(...) for a product", at: token) }
            switch name {
            case "x": return tree.append(.x, range)
            case "y": return tree.append(.y, range)
            case "pi": return tree.append(.number(Double.pi, name: "pi"), range)
            default: return tree.append(.number(2.718281828459045, name: "e"), range)
            }
        default:
            guard let function = MathFunction(rawValue: name) else {
                throw error("unknown name '\(name)'; accepted: \(Self.acceptedNames)", at: token)
            }
            guard isCall else {
                throw error("the function '\(name)' needs its argument\(function.arity == 2 ? "s" : "") in parentheses: \(name)(\(function.arity == 2 ? "a, b" : "..."))", at: token)
            }
            let open = advance()
            try enter(open)
            var arguments = [try parseExpression()]
            while case .comma = current.kind {
                _ = advance()
                arguments.append(try parseExpression())
            }
            depth -= 1
            let close = current
            guard case .rightParen = close.kind else {
                throw error("expected ',' or ')' in the call of '\(name)', found \(close.spelling)", at: close)
            }
            _ = advance()
            guard arguments.count == function.arity else {
                throw error("'\(name)' takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), got \(arguments.count)", at: token)
            }
            let callRange = token.start..<close.end
            return arguments.count == 1
                ? tree.append(.call(function, arguments[0]), callRange)
                : tree.append(.call2(function, arguments[0], arguments[1]), callRange)
        }
    }

    func column(of token: Token) -> Int {
        ExpressionError("", in: source, at: token.start).column
    }

    static var acceptedNames: String {
        "the variables x, y; the constants pi, e; the functions " + MathFunction.names.joined(separator: ", ")
    }
}
