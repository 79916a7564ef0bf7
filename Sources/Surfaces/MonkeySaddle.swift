/// The monkey saddle: three valleys and three ridges meet at a flat point (room for two legs
/// and a tail).
///
///     f(x, y) = x³ − 3 x y²,   ∇f = (3x² − 3y², −6 x y)
///
/// No minimum: the origin is a degenerate saddle where the gradient and the Hessian vanish.
///
/// Source: e.g. D. Hilbert and S. Cohn-Vossen, "Geometry and the Imagination", 1932 (Chelsea 1952).
public struct MonkeySaddle: Surface {
    public init() {}
    public var name: String { "monkey-saddle" }
    public var title: String { "Monkey saddle" }
    public var formula: String { "x³ − 3 x y²" }
    public var citation: String { "Hilbert & Cohn-Vossen, Geometry and the Imagination, 1932" }
    public var domain: Domain { Domain(x: -1.5...1.5, y: -1.5...1.5) }
    public var minima: [Minimum] { [] }
    /// Slides down the x-ridge toward the flat centre, then leaves through a valley.
    public var suggestedStart: Point { Point(1.2, 0.1) }
    /// About when most paths leave the plot (after that they only fall).
    public var suggestedSteps: Int { 250 }
    public var levelScale: LevelScale { .linear }
    /// Small rates: the surface falls away cubically, so a path that leaves the centre speeds up.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.01, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.05, "rmsprop": 0.002,
         "adadelta": 0.5, "adam": 0.005, "amsgrad": 0.005, "adamw": 0.005, "adamax": 0.005,
         "nadam": 0.005, "radam": 0.005, "rprop": 0.002, "adabound": 0.005, "amsbound": 0.005,
         "lion": 0.002, "yogi": 0.005, "adabelief": 0.005]
    }

    // Torch: x ** 3 - 3 * x * y ** 2
    public func value(_ x: Double, _ y: Double) -> Double {
        x * x * x - (3 * x) * (y * y)
    }

    public func gradient(_ x: Double, _ y: Double) -> Point {
        Point(-(y * y) * 3 + 3 * (x * x), -(3 * x) * (2 * y))
    }
}
