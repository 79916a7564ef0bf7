/// The Rastrigin function: a bowl covered with a regular grid of local minima.
///
///     f(x, y) = 20 + x² − 10 cos(2πx) + y² − 10 cos(2πy)
///     ∇f = (2x + 20π sin(2πx),  2y + 20π sin(2πy))
///
/// Global minimum f(0, 0) = 0; a local minimum near every integer point.
///
/// Source: L. A. Rastrigin, "Systems of extremal control", Nauka, Moscow, 1974; generalised by
/// H. Mühlenbein, D. Schomisch and J. Born, Parallel Computing 17, 1991.
public struct Rastrigin: Surface {
    public init() {}
    public var name: String { "rastrigin" }
    public var title: String { "Rastrigin" }
    public var formula: String { "20 + x² − 10 cos(2πx) + y² − 10 cos(2πy)" }
    public var citation: String { "Rastrigin, Systems of extremal control, 1974" }
    public var domain: Domain { Domain(x: -5.12...5.12, y: -5.12...5.12) }
    public var minima: [Minimum] { [Minimum(0, 0, value: 0)] }
    public var suggestedStart: Point { Point(-2.45, 2.55) }
    public var suggestedSteps: Int { 300 }
    public var levelScale: LevelScale { .linear }
    /// From just off a local maximum, rates at which plain and momentum descent stay in the
    /// nearest well while large adaptive steps hop to other wells (curvature up to 2 + 40π² ≈ 400).
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.003, "momentum": 0.003, "nesterov": 0.003, "adagrad": 0.5, "rmsprop": 0.3,
         "adadelta": 1.0, "adam": 1.0, "amsgrad": 0.3, "adamw": 0.3, "adamax": 1.0,
         "nadam": 0.3, "radam": 0.03, "rprop": 1.0, "adabound": 1.0, "amsbound": 1.0,
         "lion": 0.3, "yogi": 0.3, "adabelief": 0.3]
    }

    // Torch: 20 + x**2 - 10*cos(2*PI*x) + y**2 - 10*cos(2*PI*y)
    public func value(_ x: Double, _ y: Double) -> Double {
        let twoPi = 2 * Double.pi
        return (20 + x * x) - 10 * LibM.cos(twoPi * x) + y * y - 10 * LibM.cos(twoPi * y)
    }

    public func gradient(_ x: Double, _ y: Double) -> Point {
        let twoPi = 2 * Double.pi
        return Point((-10 * -LibM.sin(twoPi * x)) * twoPi + 2 * x,
                     (-10 * -LibM.sin(twoPi * y)) * twoPi + 2 * y)
    }
}
