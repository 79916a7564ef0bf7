import Testing
@testable import Expressions

/// The compiled instruction list: constant folding and the torch-like power rules.
@Suite struct ProgramTests {
    @Test func constantsAreFolded() throws {
        #expect(try MathExpression("2*pi*x").instructionCount == 2)     // x, x·2π (the constant inline)
        #expect(try MathExpression("(1 + 2) * 3 ^ 2").instructionCount == 1)
        #expect(try MathExpression("sin(pi/2) + x").instructionCount == 2)
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

    /// Repeated subexpressions are computed once, in either operand order.
    @Test func repeatedPartsAreShared() throws {
        #expect(try MathExpression("x^2 + 3*x^2").instructionCount == 4)          // x, x², 3x², sum
        #expect(try MathExpression("x*y + y*x").instructionCount == 4)           // x, y, xy, sum
        #expect(try MathExpression("sin(x) + sin(x) + sin(x)").instructionCount == 4)
        #expect(try MathExpression("(x - y) / (x - y)").instructionCount == 4)
    }

    /// A long sum needs a few registers, not one per term (liveness-based allocation).
    @Test func longSumsUseFewRegisters() throws {
        let terms = (1...1000).map { "\($0)*x^2 + y/\($0)" }.joined(separator: " + ")
        let f = try MathExpression(terms)
        #expect(f.program.registerCount <= 6, "\(f.program.registerCount) registers")
        var sum = 0.0
        for k in 1...1000 {
            let term: Double = Double(k) * 0.25
            sum += term + 0.25 / Double(k)
        }
        #expect(abs(f.value(x: 0.5, y: 0.25) - sum) <= 1e-9 * sum)
    }

    /// Formulas past ``MathExpression/maximumOperations`` are refused at once with their size.
    @Test func hugeFormulasAreRefused() throws {
        let terms = (1...6000).map { "\($0)*x" }.joined(separator: " + ")
        #expect(throws: ExpressionError.self) { try MathExpression(terms) }
        do { _ = try MathExpression(terms) } catch {
            #expect(error.message.hasPrefix("the expression needs 12000 operations"), "\(error.message)")
            #expect(error.message.contains("at most 5000"))
        }
    }

    // MARK: - The compiled program computes exactly what the syntax tree says

    /// Random formulas over every node kind, evaluated by the compiled program (shared parts,
    /// inline constants, reused registers) and by a plain walk of the syntax tree with each
    /// constant as a dual (c, 0, 0): values and both derivatives agree to the bit.
    @Test func programEqualsTheTreeToTheBit() throws {
        var rng = SplitMix(seed: 7)
        var checked = 0
        for _ in 0..<400 {
            let source = Self.randomFormula(&rng, depth: 5)
            guard let f = try? MathExpression(source) else { continue }
            let tree = try MathExpression.syntaxTree(of: source)
            for (x, y) in [(0.3, -1.7), (-0.0, 2.5), (1.0, 1.0), (-2.25, 0.125), (0.0, -0.0)] {
                let expected = Self.walk(tree, x, y)
                let got = f.evaluate(x: x, y: y)
                #expect(Self.same(got.value, expected.value) && Self.same(got.dx, expected.dx) && Self.same(got.dy, expected.dy),
                        "\(source) at (\(x), \(y)): \(got) vs \(expected)")
                #expect(Self.same(f.value(x: x, y: y), expected.value), "\(source) value at (\(x), \(y))")
            }
            checked += 1
        }
        #expect(checked > 300)
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// The tree evaluated node by node, folding constants as the compiler does and otherwise
    /// computing every node on its own (no sharing, constants as duals).
    static func walk(_ tree: SyntaxTree, _ x: Double, _ y: Double) -> Dual {
        enum V { case constant(Double), dual(Dual) }
        func dual(_ v: V) -> Dual { if case .dual(let d) = v { d } else if case .constant(let c) = v { Dual(c) } else { fatalError() } }
        func power(_ u: Dual, _ q: Double) -> Dual {
            switch q {
            case 2: u.chain(u.value * u.value, 2 * u.value)
            case 3: u.chain(u.value * u.value * u.value, 3 * (u.value * u.value))
            default: q == 0 ? Dual(1) : u.chain(LibM.pow(u.value, q), q * LibM.pow(u.value, q - 1))
            }
        }
        var values: [V] = []
        for node in tree.nodes {
            let v: V
            switch node {
            case .number(let c, _): v = .constant(c)
            case .x: v = .dual(Dual(x, dx: 1, dy: 0))
            case .y: v = .dual(Dual(y, dx: 0, dy: 1))
            case .negate(let a):
                if case .constant(let c) = values[a] { v = .constant(-c) } else { v = .dual(-dual(values[a])) }
            case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b):
                if case .constant(let p) = values[a], case .constant(let q) = values[b] {
                    switch node {
                    case .add: v = .constant(p + q)
                    case .subtract: v = .constant(p - q)
                    case .multiply: v = .constant(p * q)
                    default: v = .constant(p / q)
                    }
                } else {
                    let p = dual(values[a]), q = dual(values[b])
                    switch node {
                    case .add: v = .dual(p + q)
                    case .subtract: v = .dual(p - q)
                    case .multiply: v = .dual(p * q)
                    default: v = .dual(p / q)
                    }
                }
            case .power(let a, let b):
                switch (values[a], values[b]) {
                case (.constant(let p), .constant(let q)): v = .constant(Program.power(p, q))
                case (.dual(let u), .constant(let q)): v = q == 1 ? .dual(u) : .dual(power(u, q))
                case (.constant, .dual(let w)) where tree.nodes[a] == .number(2.718281828459045, name: "e"):
                    let (value, derivative) = MathFunction.exp.unary(w.value)
                    v = .dual(w.isConstant ? Dual(value) : w.chain(value, derivative))
                default:
                    let u = dual(values[a]), w = dual(values[b])
                    let p = MathFunction.pow.binary(u.value, w.value)
                    var d = u.chain(p.value, p.da)
                    if !w.isConstant { d.dx += p.db * w.dx; d.dy += p.db * w.dy }
                    v = .dual(d)
                }
            case .call(let f, let a):
                if case .constant(let c) = values[a] { v = .constant(f.unary(c).value) } else {
                    let u = dual(values[a])
                    let (value, derivative) = f.unary(u.value)
                    v = .dual(u.isConstant ? Dual(value) : u.chain(value, derivative))
                }
            case .call2(let f, let a, let b):
                if case .constant(let p) = values[a], case .constant(let q) = values[b] {
                    v = .constant(f == .pow ? Program.power(p, q) : f.binary(p, q).value)
                } else if f == .pow, case .constant(let q) = values[b] {
                    v = .dual(power(dual(values[a]), q))
                } else {
                    let u = dual(values[a]), w = dual(values[b])
                    let p = f.binary(u.value, w.value)
                    var d = u.isConstant ? Dual(p.value) : u.chain(p.value, p.da)
                    if !w.isConstant { d.dx += p.db * w.dx; d.dy += p.db * w.dy }
                    v = .dual(d)
                }
            }
            values.append(v)
        }
        // A result that is not the last computed value gets `+ 0`, as the compiler adds it.
        switch values.last! {
        case .constant(let c): return Dual(c)
        case .dual(let d):
            if case .power(_, let b) = tree.nodes.last!, case .constant(1) = values[b] { return d + Dual(0) }
            return d
        }
    }

    /// A random formula over x, y, small and signed-zero constants, every operator and function.
    static func randomFormula(_ rng: inout SplitMix, depth: Int) -> String {
        let leaves = ["x", "y", "2", "3", "0.5", "-0", "1", "pi", "e", "1e-3", "0", "7.25"]
        if depth == 0 || rng.below(4) == 0 { return leaves[rng.below(leaves.count)] }
        let a = randomFormula(&rng, depth: depth - 1), b = randomFormula(&rng, depth: depth - 1)
        switch rng.below(10) {
        case 0: return "(\(a) + \(b))"
        case 1: return "(\(a) - \(b))"
        case 2: return "(\(a) * \(b))"
        case 3: return "(\(a) / \(b))"
        case 4: return "(\(a))^" + ["2", "3", "1", "0.5", "(\(b))", "-1"][rng.below(6)]
        case 5: return "-(\(a))"
        case 6:
            let f = MathFunction.allCases.filter { $0.arity == 1 }
            return "\(f[rng.below(f.count)].rawValue)(\(a))"
        case 7:
            let f = MathFunction.allCases.filter { $0.arity == 2 }
            return "\(f[rng.below(f.count)].rawValue)(\(a), \(b))"
        case 8: return "(\(a) + \(a))"        // a repeated part
        default: return "(\(a) * \(b) + \(b) * \(a))"
        }
    }
}

/// A small seeded generator for the random formulas.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
