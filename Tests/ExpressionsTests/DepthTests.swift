import Testing
import Expressions

/// Nesting is bounded: 100,000-deep expressions are errors, not stack overflows.
@Suite struct DepthTests {
    static let n = 100_000

    @Test(arguments: [
        String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n),
        String(repeating: "-", count: n) + "x",
        String(repeating: "+-", count: n) + "x",
        Array(repeating: "x", count: n).joined(separator: "^"),
        Array(repeating: "x", count: n).joined(separator: "**"),
        String(repeating: "sin(", count: n) + "x" + String(repeating: ")", count: n),
        String(repeating: "-(", count: n) + "x" + String(repeating: ")", count: n),
        String(repeating: "max(x, ", count: n) + "x" + String(repeating: ")", count: n),
        String(repeating: "2^-", count: n) + "x",
        String(repeating: "(", count: n),
    ])
    func deepNestingIsAnError(source: String) throws {
        #expect {
            _ = try MathExpression(source)
        } throws: { error in
            guard let e = error as? ExpressionError else { return false }
            return e.message.hasPrefix("the expression is nested too deeply (more than 200 levels")
                && e.line == 1 && e.column <= 2 * 200 * 7 + 1
        }
    }

    /// Long flat chains are not nesting: they parse and evaluate (with no recursion). Past
    /// ``MathExpression/maximumOperations`` they are refused for their size, not their depth.
    @Test func longChainsAreFine() throws {
        let sum = try MathExpression(Array(repeating: "x", count: 4_000).joined(separator: " + "))
        #expect(sum.value(x: 1, y: 0) == 4_000)
        #expect(sum.gradient(x: 1, y: 0) == (4_000, 0))
        #expect {
            _ = try MathExpression(Array(repeating: "x", count: Self.n).joined(separator: " + "))
        } throws: { error in
            (error as? ExpressionError)?.message.hasPrefix("the expression needs \(Self.n) operations") ?? false
        }
        let product = try MathExpression(Array(repeating: "y", count: 1000).joined(separator: "*"))
        #expect(product.value(x: 0, y: 1) == 1)
        #expect(product.gradient(x: 0, y: 1) == (0, 1000))
    }

    /// Nesting right at the limit is accepted, one more level is not.
    @Test func limitIsExact() throws {
        let d = MathExpression.maximumDepth
        let ok = String(repeating: "(", count: d) + "x" + String(repeating: ")", count: d)
        #expect(try MathExpression(ok).value(x: 2, y: 0) == 2)
        let over = String(repeating: "(", count: d + 1) + "x" + String(repeating: ")", count: d + 1)
        #expect(throws: ExpressionError.self) { try MathExpression(over) }
        let signs = String(repeating: "-", count: d) + "x"
        #expect(try MathExpression(signs).value(x: 2, y: 0) == 2)
    }
}
