import Testing
import Expressions

/// Precedence and associativity, checked through the values they produce.
@Suite struct ParserTests {
    func value(_ s: String, x: Double = 0, y: Double = 0) throws -> Double {
        try MathExpression(s).value(x: x, y: y)
    }

    @Test func powerIsRightAssociative() throws {
        #expect(try value("2^3^2") == 512)
        #expect(try value("2**3**2") == 512)
        #expect(try value("(2^3)^2") == 64)
    }

    @Test func powerBindsTighterThanUnaryMinus() throws {
        #expect(try value("-x^2", x: 3) == -9)
        #expect(try value("(-x)^2", x: 3) == 9)
        #expect(try value("-2^2") == -4)
        #expect(try value("2^-1") == 0.5)
        #expect(try value("2^-x^2", x: 1) == 0.5)    // 2^(-(x^2))
        #expect(try value("e^-x", x: 0) == 1)
    }

    @Test func signsInProductsAndSums() throws {
        #expect(try value("2*-3") == -6)
        #expect(try value("2--3") == 5)
        #expect(try value("-+-2") == 2)
        #expect(try value("--x", x: 4) == 4)
        #expect(try value("+x", x: 4) == 4)
    }

    @Test func usualPrecedenceAndLeftAssociativity() throws {
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("(1 + 2) * 3") == 9)
        #expect(try value("8 / 4 / 2") == 1)
        #expect(try value("8 - 4 - 2") == 2)
        #expect(try value("2 * 3 ^ 2") == 18)
        #expect(try value("x * y - y / x", x: 2, y: 4) == 6)
    }

    @Test func numbersNamesAndConstants() throws {
        #expect(try value("1.5") == 1.5)
        #expect(try value(".5") == 0.5)
        #expect(try value("1e-3") == 1e-3)
        #expect(try value("2.5E+2") == 250)
        #expect(try value("3.") == 3)
        #expect(try value("pi") == Double.pi)
        #expect(try value("π") == Double.pi)
        #expect(try value("e") == 2.718281828459045)
        #expect(try value("x + 10*y", x: 1, y: 2) == 21)
        #expect(try value("  x\n +\ty ", x: 1, y: 2) == 3)
    }

    @Test func functionCalls() throws {
        #expect(try value("sqrt(16)") == 4)
        #expect(try value("abs(-2) + max(1, 3) + min(1, 3)") == 6)
        #expect(try value("atan2(1, 0)") == Double.pi / 2)
        #expect(try value("pow(2, 10)") == 1024)
        #expect(try value("sin(x)^2 + cos(x)^2", x: 0.3) == 1)
        #expect(try value("exp(log(x))", x: 5).isApproximatelyEqual(5))
    }

    /// The tree keeps each node's source range, for tools that point at subexpressions.
    @Test func syntaxTreeRanges() throws {
        let tree = try MathExpression.syntaxTree(of: "1 + (x*y)")
        #expect(tree.nodes[tree.root] == .add(0, 3))
        #expect(tree.ranges[tree.root] == 0..<9)
        #expect(tree.ranges[3] == 4..<9)    // the parentheses belong to the product
    }
}

extension Double {
    func isApproximatelyEqual(_ other: Double, relative: Double = 1e-14) -> Bool {
        abs(self - other) <= relative * Swift.max(1, abs(other))
    }
}
