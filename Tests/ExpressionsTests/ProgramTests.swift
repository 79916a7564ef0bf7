import Testing
import Expressions

/// The compiled instruction list: constant folding and the torch-like power rules.
@Suite struct ProgramTests {
    @Test func constantsAreFolded() throws {
        #expect(try MathExpression("2*pi*x").instructionCount == 3)     // 2π, x, product
        #expect(try MathExpression("(1 + 2) * 3 ^ 2").instructionCount == 1)
        #expect(try MathExpression("sin(pi/2) + x").instructionCount == 3)
        #expect(try MathExpression("(1 + 2) * 3 ^ 2").value(x: 0, y: 0) == 27)
    }

    /// Folding keeps the operation order: 2*pi*x is (2π)·x, as torch's `2 * PI * x`.
    @Test func foldingKeepsOrder() throws {
        let f = try MathExpression("2*pi*x")
        let x = 0.123456789
        #expect(f.value(x: x, y: 0) == (2 * Double.pi) * x)
    }

    @Test func rosenbrockSpelledOut() throws {
        let f = try MathExpression("(1 - x)^2 + 100*(y - x^2)^2")
        #expect(f.value(x: -1.5, y: 2) == 12.5)
        #expect(f.gradient(x: 1, y: 1) == (0, 0))
        let d = f.evaluate(x: -1.5, y: 2)
        #expect(d.dx == -2 * 2.5 - 400 * -1.5 * (2 - 2.25))
        #expect(d.dy == 200 * (2 - 2.25))
    }

    /// e^u is exp(u), to the bit.
    @Test func ePowerIsExp() throws {
        let f = try MathExpression("e^(-x^2)")
        let g = try MathExpression("exp(-x^2)")
        for x in [0.1, 0.77, 2.5] { #expect(f.evaluate(x: x, y: 0) == g.evaluate(x: x, y: 0)) }
    }

    /// Outside a function's domain the result is NaN (the optimizer then reports divergence);
    /// evaluation never traps.
    @Test func domainErrorsGiveNaN() throws {
        #expect(try MathExpression("log(x)").value(x: -1, y: 0).isNaN)
        #expect(try MathExpression("sqrt(x)").evaluate(x: -1, y: 0).dx.isNaN)
        #expect(try MathExpression("1/x").value(x: 0, y: 0) == .infinity)
    }
}
