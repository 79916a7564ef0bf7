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
    public var suggestedStart: Point { Point(-4.3, 3.7) }
    public var levelScale: LevelScale { .linear }
    /// Curvature up to 2 + 40π² ≈ 400 in the local wells.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 1e-3, "momentum": 2e-4, "nesterov": 2e-4, "adagrad": 0.5, "rmsprop": 0.02,
         "adadelta": 1.0, "adam": 0.1, "amsgrad": 0.1, "adamw": 0.1, "adamax": 0.1,
         "nadam": 0.1, "radam": 0.01, "rprop": 0.02, "adabound": 0.1, "amsbound": 0.1,
         "lion": 0.02, "yogi": 0.1, "adabelief": 0.1]
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
