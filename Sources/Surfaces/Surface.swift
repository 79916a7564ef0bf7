/// A two-dimensional loss surface: a scalar function of (x, y) with its exact gradient,
/// and what a figure needs to show it well.
///
/// Built-in surfaces live one per file in this module and are listed in ``Surfaces/builtIn``;
/// surfaces read from files (the `SurfaceFiles` module) conform too, so everything downstream
/// (optimizer paths, figures, manifests) treats both the same way.
///
/// Gradients are exact: derived by hand for the built-ins, by dual numbers for file surfaces.
/// Where it is cheap, evaluation follows the operation order of the PyTorch expressions in
/// `gen_reference.py`, so that paths agree with torch's to rounding.
public protocol Surface: Sendable {
    /// The name used on the command line, e.g. `rosenbrock`.
    var name: String { get }
    /// A human-readable title, e.g. `Rosenbrock`.
    var title: String { get }
    /// The formula in plain Unicode math, e.g. `(1 − x)² + 100 (y − x²)²`.
    var formula: String { get }
    /// Where the formula comes from (paper or book), one line.
    var citation: String { get }
    /// The region a figure shows by default.
    var domain: Domain { get }
    /// Global minima inside the domain (location and value). May be empty (saddles).
    var minima: [Minimum] { get }
    /// A start that gives an instructive path.
    var suggestedStart: Point { get }
    /// Steps that let the optimizers' differences show from ``suggestedStart`` at the suggested
    /// rates (the surface command's default for `--steps`).
    var suggestedSteps: Int { get }
    /// Whether contour levels read best log-spaced or linearly spaced.
    var levelScale: LevelScale { get }
    /// Learning rates that give a readable path on this surface, by optimizer name
    /// (`adam`, `sgd`, ...). Optimizers not listed use their own default.
    var suggestedLearningRates: [String: Double] { get }

    /// f(x, y).
    func value(_ x: Double, _ y: Double) -> Double
    /// ∇f(x, y) = (∂f/∂x, ∂f/∂y).
    func gradient(_ x: Double, _ y: Double) -> Point
}

extension Surface {
    public var suggestedLearningRates: [String: Double] { [:] }
    public var suggestedSteps: Int { 500 }

    /// The value and gradient together (one call per optimizer step).
    @inlinable
    public func evaluate(_ p: Point) -> (value: Double, gradient: Point) {
        (value(p.x, p.y), gradient(p.x, p.y))
    }

    /// The smallest value the surface takes: the value at its listed minima, when there are any.
    public var minimumValue: Double? { minima.map(\.value).min() }
}

/// A point in the plane.
public struct Point: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    @inlinable public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    @inlinable public init(x: Double, y: Double) { self.x = x; self.y = y }
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// The rectangle [x.lowerBound, x.upperBound] × [y.lowerBound, y.upperBound].
public struct Domain: Hashable, Sendable {
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) { self.x = x; self.y = y }
}

/// A global minimum: where, and the value there.
public struct Minimum: Hashable, Sendable {
    public var point: Point
    public var value: Double
    public init(_ x: Double, _ y: Double, value: Double) { self.point = Point(x, y); self.value = value }
}

/// How contour levels are spaced.
public enum LevelScale: String, Sendable, CaseIterable, Codable {
    case log, linear
}
