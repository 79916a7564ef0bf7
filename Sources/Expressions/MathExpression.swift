/// A formula in x and y, parsed once and evaluated with its exact gradient.
///
/// The language: numbers (`2`, `1.5`, `.5`, `1e-3`), the variables `x` and `y`, the constants
/// `pi` (or `π`) and `e`, the operators `+ - * /` and `^` (or `**`), unary `-` and `+`,
/// parentheses, and the functions of ``MathFunction`` (`sin(x)`, `atan2(y, x)`, ...).
/// `^` binds tighter than unary minus and groups to the right: `-x^2` is −(x²) and `2^3^2` is
/// 2⁹ = 512.
///
///     let f = try MathExpression("(1 - x)^2 + 100*(y - x^2)^2")
///     f.value(x: -1.5, y: 2)            // 12.5
///     f.gradient(x: 1, y: 1)            // (0, 0)
///
/// Gradients come from forward-mode dual numbers (``Dual``): exact to rounding, never finite
/// differences. Evaluation runs a flat instruction list (see `Program`), so it only ever does
/// arithmetic, and costs no recursion however the formula is nested.
///
/// - Complexity: parsing and compiling are O(n) in the length of the source; each evaluation is
///   O(number of operations).
public struct MathExpression: Sendable, Hashable, CustomStringConvertible {
    /// The text the expression was parsed from.
    public let source: String
    let program: Program

    /// How deeply parentheses, signs, exponents and calls may nest.
    public static let maximumDepth = 200

    /// The most operations an evaluation may run, after constants are folded and repeated
    /// subexpressions shared (``instructionCount``).
    ///
    /// A figure evaluates f at up to 400 × 400 points and every step of every path once more:
    /// at a few nanoseconds an operation, 5,000 operations draw in a second or two. Formulas
    /// people write are tens of operations (Müller–Brown is under 100); a file of ten thousand
    /// terms took minutes to draw, so it is refused at once, with its size, instead.
    public static let maximumOperations = 5_000

    /// Parses and compiles `source`.
    ///
    /// - Throws: ``ExpressionError`` with the line and column of the first mistake, or for an
    ///   expression of more than ``maximumOperations`` operations.
    public init(_ source: String) throws(ExpressionError) {
        let scalars = Array(source.unicodeScalars)
        let tree = try Parser.parse(scalars, maximumDepth: Self.maximumDepth)
        let program = Program(tree)
        guard program.count <= Self.maximumOperations else {
            throw ExpressionError("the expression needs \(program.count) operations (after folding constants and sharing repeated parts); "
                                  + "at most \(Self.maximumOperations), since a figure evaluates it at up to 160,000 points",
                                  in: scalars, at: 0, length: min(scalars.count, 20))
        }
        self.source = source
        self.program = program
    }

    /// The syntax tree of `source` (for tools that want to inspect a formula).
    public static func syntaxTree(of source: String) throws(ExpressionError) -> SyntaxTree {
        try Parser.parse(Array(source.unicodeScalars), maximumDepth: maximumDepth)
    }

    /// f(x, y).
    public func value(x: Double, y: Double) -> Double { program.value(x, y) }

    /// f(x, y) with both partial derivatives.
    public func evaluate(x: Double, y: Double) -> Dual { program.dual(x, y) }

    /// (∂f/∂x, ∂f/∂y).
    public func gradient(x: Double, y: Double) -> (dx: Double, dy: Double) {
        let d = program.dual(x, y)
        return (d.dx, d.dy)
    }

    /// How many instructions an evaluation runs.
    public var instructionCount: Int { program.count }

    public var description: String { source }

    /// The names an expression may use, for help and error messages.
    public static var acceptedNames: String { Parser.acceptedNames }
}
