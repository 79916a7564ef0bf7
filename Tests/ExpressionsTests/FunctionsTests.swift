import Testing
import Expressions

/// Every function's derivative (through dual numbers) against central finite differences.
@Suite struct FunctionsTests {
    /// A point inside each function's domain, away from kinks.
    static let arguments: [MathFunction: [Double]] = [
        .sin: [-2, 0.3, 4], .cos: [-2, 0.3, 4], .tan: [-1.2, 0.3, 1],
        .asin: [-0.7, 0.1, 0.9], .acos: [-0.7, 0.1, 0.9], .atan: [-3, 0.2, 5],
        .sinh: [-2, 0.3, 3], .cosh: [-2, 0.3, 3], .tanh: [-2, 0.3, 3],
        .asinh: [-2, 0.3, 3], .acosh: [1.2, 2, 5], .atanh: [-0.7, 0.1, 0.9],
        .exp: [-2, 0.3, 3], .log: [0.2, 1.5, 30], .ln: [0.2, 1.5, 30], .log10: [0.2, 1.5, 30],
        .log2: [0.2, 1.5, 30], .log1p: [-0.5, 0.3, 8], .sqrt: [0.2, 1.5, 30], .cbrt: [-8, 0.2, 30],
        .abs: [-2, 0.3, 3],
    ]

    @Test(arguments: MathFunction.allCases.filter { $0.arity == 1 })
    func unaryDerivative(function: MathFunction) throws {
        let points = try #require(Self.arguments[function])
        // f(g) with g = x·y + 0.5·y so that both partial derivatives go through the chain rule.
        let f = try MathExpression("\(function.rawValue)(x*y + 0.5*y - 0.5)")
        for a in points {
            let x = 1.3, y = (a + 0.5) / (x + 0.5)
            try checkGradient(f, x: x, y: y, name: function.rawValue)
        }
    }

    @Test(arguments: MathFunction.allCases.filter { $0.arity == 2 })
    func binaryDerivative(function: MathFunction) throws {
        let f = try MathExpression("\(function.rawValue)(x*x + 0.5, 2*y - x)")
        for (x, y) in [(0.3, 0.9), (1.2, 0.4), (-0.7, 1.6), (1.1, 2.5)] {
            try checkGradient(f, x: x, y: y, name: function.rawValue)
        }
    }

    @Test func powerDerivatives() throws {
        for source in ["x^2", "x^3", "x^4", "x^-1", "x^0.5", "x^y", "2^x", "e^(x*y)", "x^(y^2)", "(x*y)^1.5", "x^0"] {
            let f = try MathExpression(source)
            for (x, y) in [(0.7, 1.3), (1.9, 0.4), (2.5, -0.8)] where source != "(x*y)^1.5" || y > 0 {
                try checkGradient(f, x: x, y: y, name: source)
            }
        }
    }

    /// A constant integer exponent is exact: x^2 is x·x and its derivative 2x, as in torch.
    @Test func integerPowersAreExact() throws {
        let square = try MathExpression("x^2"), cube = try MathExpression("y**3")
        for v in [0.1, 1.7, -3.3, 1e10] {
            #expect(square.value(x: v, y: 0) == v * v)
            #expect(square.gradient(x: v, y: 0) == (2 * v, 0))
            #expect(cube.value(x: 0, y: v) == v * v * v)
            #expect(cube.gradient(x: 0, y: v) == (0, 3 * (v * v)))
        }
        // A negative base with an integer exponent is fine (no log of a negative number).
        #expect(try MathExpression("x^4").gradient(x: -2, y: 0) == (-32, 0))
        #expect(try MathExpression("(x - 3)^5").value(x: 1, y: 0) == -32)
    }

    /// A linear formula has a constant gradient, exactly.
    @Test func linearGradientIsExact() throws {
        let f = try MathExpression("0.1*x - 0.2*y")
        for (x, y) in [(1.0, 2.0), (-7.5, 3.25), (1e6, -1e-6)] {
            #expect(f.gradient(x: x, y: y) == (0.1, -0.2))
        }
    }

    @Test func minMaxAbsPickABranch() throws {
        #expect(try MathExpression("min(x, y)").gradient(x: 1, y: 2) == (1, 0))
        #expect(try MathExpression("max(x, y)").gradient(x: 1, y: 2) == (0, 1))
        #expect(try MathExpression("abs(x)").gradient(x: -3, y: 0) == (-1, 0))
        #expect(try MathExpression("abs(x)").gradient(x: 0, y: 0) == (0, 0))
    }

    func checkGradient(_ f: MathExpression, x: Double, y: Double, name: String) throws {
        let d = f.evaluate(x: x, y: y)
        #expect(d.value == f.value(x: x, y: y), "\(name): value and dual value differ")
        let h = 1e-6
        let fx = (f.value(x: x + h, y: y) - f.value(x: x - h, y: y)) / (2 * h)
        let fy = (f.value(x: x, y: y + h) - f.value(x: x, y: y - h)) / (2 * h)
        #expect(abs(d.dx - fx) <= 1e-6 * max(1, abs(fx)), "\(name) ∂/∂x at (\(x), \(y)): \(d.dx) vs \(fx)")
        #expect(abs(d.dy - fy) <= 1e-6 * max(1, abs(fy)), "\(name) ∂/∂y at (\(x), \(y)): \(d.dy) vs \(fy)")
    }
}
