/// The syntax tree of an expression, stored flat.
///
/// Nodes live in one array and refer to their operands by index; every node comes after its
/// operands (the parser creates operands first). So the array is already an evaluation order,
/// and nothing that walks the tree (compiling, freeing) needs recursion, however deep a long
/// chain like `x + x + ... + x` makes it.
public struct SyntaxTree: Sendable {
    public enum Node: Hashable, Sendable {
        /// A literal number, or the constant `pi` / `e` (`name` says which, for `e^u`).
        case number(Double, name: String?)
        case x, y
        case negate(Int)
        case add(Int, Int), subtract(Int, Int), multiply(Int, Int), divide(Int, Int)
        /// `a ^ b` (also written `a ** b`).
        case power(Int, Int)
        case call(MathFunction, Int)
        case call2(MathFunction, Int, Int)
    }

    public internal(set) var nodes: [Node] = []
    /// The scalar range of the source each node was parsed from.
    public internal(set) var ranges: [Range<Int>] = []

    /// The node the whole expression evaluates to: the last one.
    public var root: Int { nodes.count - 1 }

    mutating func append(_ node: Node, _ range: Range<Int>) -> Int {
        nodes.append(node)
        ranges.append(range)
        return nodes.count - 1
    }
}
