import Expressions

/// The expression language: ``MathExpression/init(_:)`` (tokenize, parse, compile), then the value
/// and the dual-number gradient at ordinary and extreme points; a refused formula also renders
/// its error with the caret line. NaN and infinite results are fine; traps are not.
public enum ExpressionFuzz {
    public static let target = FuzzTarget(
        name: "expression", summary: "MathExpression parse, compile, value and gradient",
        seeds: ["(1 - x)^2 + 100*(y - x^2)^2", "x^2 + y^2", "-x^2", "2^3^2", "atan2(y, x) + hypot(x, y)",
                "pow(x, -0.5) * log(y)", "e^x + pi*π", "x**3 - 3*x*y^2", "sin(x)*cos(y)/tan(x*y)", "1e-3*x",
                "min(x, y) + max(x, 1)", "sqrt(abs(x)) + cbrt(y)", "((x))", "x +", "sin x", "foo(x)", "2x",
                "1e", "x ^ -y", "acosh(x) + atanh(y) + log1p(x)", "0^0 + 0/0", ""],
        dictionary: MathFunction.names.map { $0 + "(" } + ["x", "y", "pi", "π", "e", "+", "-", "−", "*", "/", "^", "**",
                                                           "(", ")", ",", " ", "\n", "\t", "1e", ".5"],
        generate: { rng in Array(expression(&rng, depth: rng.int(0...6)).utf8) }, run: run)

    static let numbers = ["0", "1", "2", "3", "0.5", ".5", "1e-3", "2.5E+4", "1e308", "5e-324", "100", "1e-320",
                          "0.1", "10", "0.999999", "12345678901234567890"]

    /// A random expression of at most `depth` levels, sometimes malformed.
    static func expression(_ rng: inout FuzzRandom, depth: Int) -> String {
        if rng.below(200) == 0 {
            // Nesting at and around the limit, where the parser must refuse rather than recurse on.
            let levels = rng.pick([MathExpression.maximumDepth - 1, MathExpression.maximumDepth,
                                   MathExpression.maximumDepth + 1, 5_000])
            let (open, close) = rng.pick([("(", ")"), ("-", ""), ("sin(", ")"), ("2^", ""), ("x^(", ")")])
            return String(repeating: open, count: levels) + "x" + String(repeating: close, count: levels)
        }
        if depth <= 0 || rng.below(4) == 0 { return leaf(&rng) }
        let sub = depth - 1
        let space = rng.below(4) == 0 ? " " : ""
        switch rng.below(8) {
        case 0: return rng.pick(["-", "+", "−"]) + expression(&rng, depth: sub)
        case 1: return "(" + expression(&rng, depth: sub) + ")"
        case 2:
            let f = rng.pick(MathFunction.allCases)
            let arity = rng.below(12) == 0 ? rng.int(0...3) : f.arity
            let args = (0..<arity).map { _ in expression(&rng, depth: sub) }
            return f.rawValue + "(" + args.joined(separator: ", ") + ")"
        case 3: return expression(&rng, depth: sub) + space + rng.pick(["^", "**"]) + space + expression(&rng, depth: sub)
        case 4:
            // A long chain: the loops of `+ - * /`, not recursion.
            let count = rng.pick([2, 3, 10, 1_000])
            return (0..<count).map { _ in leaf(&rng) }.joined(separator: space + rng.pick(["+", "-", "*", "/"]) + space)
        case 5 where rng.below(5) == 0:
            return malformed(expression(&rng, depth: sub), &rng)
        default:
            return expression(&rng, depth: sub) + space + rng.pick(["+", "-", "*", "/"]) + space + expression(&rng, depth: sub)
        }
    }

    static func leaf(_ rng: inout FuzzRandom) -> String {
        switch rng.below(6) {
        case 0, 1: return rng.pick(["x", "y", "x", "y", "pi", "π", "e"])
        case 2: return rng.pick(numbers)
        case 3: return String(Double(rng.below(100_000)) / Double(rng.int(1...1000)))
        case 4: return rng.pick(Mutator.boundaryNumbers)
        default: return String(rng.below(10))
        }
    }

    /// `text` with one mistake: a missing or extra parenthesis, an unknown name, a stray character.
    static func malformed(_ text: String, _ rng: inout FuzzRandom) -> String {
        switch rng.below(5) {
        case 0: return "(" + text
        case 1: return text + ")"
        case 2: return text + rng.pick([" foo", " 2x", " ,", "$", "@", "x(", "\u{0}", "\u{7F}", "é", "😀"])
        case 3: return rng.pick(["sin", "pow", "e", "x"]) + " " + text
        default: return text + rng.pick(["+", "*", "^", "e+", "1e-"])
        }
    }

    /// Points where the arithmetic gets interesting: zero of both signs, huge, tiny, infinite, NaN.
    static let points: [(Double, Double)] = [
        (0, 0), (-0.0, 1), (1, -1), (1.5, 2), (-2, 0.5), (1e308, -1e308), (5e-324, -5e-324), (.infinity, 1), (1, .nan),
    ]

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let text = String(decoding: bytes, as: UTF8.self)
        let f: MathExpression
        do { f = try MathExpression(text) } catch {
            _ = error.render(source: text)
            return .refused
        }
        for (x, y) in points {
            _ = f.value(x: x, y: y)
            _ = f.gradient(x: x, y: y)
        }
        _ = f.instructionCount
        return .accepted
    }
}
