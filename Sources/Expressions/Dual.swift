/// A value with its two partial derivatives: forward-mode automatic differentiation in (x, y).
///
/// Arithmetic on duals applies the chain rule exactly, so the gradient is exact up to the
/// rounding of each operation (no finite differences):
///
///     (a, a′) + (b, b′) = (a + b, a′ + b′)
///     (a, a′) · (b, b′) = (a b, a′ b + a b′)
///     (a, a′) / (b, b′) = (a / b, (a′ − (a/b) b′) / b)
///     f((a, a′)) = (f(a), f′(a) a′)
public struct Dual: Hashable, Sendable {
    public var value: Double
    /// ∂/∂x
    public var dx: Double
    /// ∂/∂y
    public var dy: Double

    @inlinable public init(_ value: Double, dx: Double = 0, dy: Double = 0) {
        self.value = value
        self.dx = dx
        self.dy = dy
    }

    @inlinable static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, dx: a.dx + b.dx, dy: a.dy + b.dy) }
    @inlinable static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, dx: a.dx - b.dx, dy: a.dy - b.dy) }
    @inlinable static prefix func - (a: Dual) -> Dual { Dual(-a.value, dx: -a.dx, dy: -a.dy) }
    @inlinable static func * (a: Dual, b: Dual) -> Dual {
        Dual(a.value * b.value, dx: a.dx * b.value + a.value * b.dx, dy: a.dy * b.value + a.value * b.dy)
    }
    @inlinable static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(q, dx: (a.dx - q * b.dx) / b.value, dy: (a.dy - q * b.dy) / b.value)
    }
    /// (v, d·a′): the chain rule for a function with value v and derivative d at a.
    @inlinable func chain(_ v: Double, _ d: Double) -> Dual { Dual(v, dx: d * dx, dy: d * dy) }

    /// Whether the derivative part is zero, i.e. the value does not vary here.
    @inlinable var isConstant: Bool { dx == 0 && dy == 0 }
}
