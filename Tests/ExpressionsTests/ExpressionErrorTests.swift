import Testing
import Expressions

/// Mistakes are reported with their line, column and a caret under the place.
@Suite struct ExpressionErrorTests {
    func error(_ source: String) -> ExpressionError? {
        do {
            _ = try MathExpression(source)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownNameListsTheAcceptedOnes() throws {
        let e = try #require(error("x + foo(y)"))
        #expect(e.line == 1 && e.column == 5 && e.length == 3)
        #expect(e.message.hasPrefix("unknown name 'foo'; accepted: the variables x, y; the constants pi, e; the functions sin, cos, tan"))
        #expect(e.message.contains("tanh") && e.message.contains("sqrt") && e.message.contains("atan2"))
        #expect(e.render(source: "x + foo(y)") == """
            line 1, column 5: \(e.message)
            x + foo(y)
                ^~~
            """)
    }

    @Test func positionsOnLaterLines() throws {
        let source = "x^2 +\n  3 * $y"
        let e = try #require(error(source))
        #expect((e.line, e.column, e.offset) == (2, 7, 12))
        #expect(e.message.hasPrefix("unexpected character '$'"))
        #expect(e.render(source: source).hasSuffix("\n  3 * $y\n      ^"))
    }

    @Test func caretKeepsTabs() throws {
        let source = "\tx + @"
        let e = try #require(error(source))
        #expect(e.render(source: source).hasSuffix("\n\tx + @\n\t    ^"))
    }

    @Test(arguments: [
        ("", 1, 1, "the expression is empty"),
        ("x +", 1, 4, "the expression ends where an operand"),
        ("(x + y", 1, 7, "expected ')' to close the '(' at column 1"),
        ("x + y)", 1, 6, "unbalanced ')'"),
        ("2 x", 1, 3, "expected an operator (+ - * / ^) before 'x'; write 2*x"),
        ("x * * y", 1, 5, "expected an operand"),
        ("1e+", 1, 1, "malformed number '1e+'"),
        ("sin", 1, 1, "the function 'sin' needs its argument in parentheses"),
        ("sin(x, y)", 1, 1, "'sin' takes 1 argument, got 2"),
        ("atan2(y)", 1, 1, "'atan2' takes 2 arguments, got 1"),
        ("x(2)", 1, 1, "'x' is not a function"),
        ("sin(x", 1, 6, "expected ',' or ')' in the call of 'sin'"),
        ("X + y", 1, 1, "unknown name 'X'"),
        ("1e999", 1, 1, "number '1e999' is out of range"),
    ])
    func reports(source: String, line: Int, column: Int, start: String) throws {
        let e = try #require(error(source), "\(source) should not parse")
        #expect(e.line == line && e.column == column, "\(source): \(e)")
        #expect(e.message.hasPrefix(start), "\(source): \(e.message)")
        #expect(e.description == "line \(line), column \(column): \(e.message)")
    }
}
