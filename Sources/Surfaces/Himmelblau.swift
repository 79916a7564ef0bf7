/// Himmelblau's function: four global minima of equal depth around a central maximum.
///
///     f(x, y) = (x² + y − 11)² + (x + y² − 7)²
///     ∇f = (4x (x² + y − 11) + 2 (x + y² − 7),  2 (x² + y − 11) + 4y (x + y² − 7))
///
/// Global minima (value 0): (3, 2), (−2.805118…, 3.131312…), (−3.779310…, −3.283186…),
/// (3.584428…, −1.848126…). Which one an optimizer reaches depends on its path.
///
/// Source: D. M. Himmelblau, "Applied Nonlinear Programming", McGraw-Hill, 1972.
public struct Himmelblau: Surface {
    public init() {}
    public var name: String { "himmelblau" }
    public var title: String { "Himmelblau" }
    public var formula: String { "(x² + y − 11)² + (x + y² − 7)²" }
    public var citation: String { "Himmelblau, Applied Nonlinear Programming, 1972" }
    public var domain: Domain { Domain(x: -5...5, y: -5...5) }
    /// Located by a Newton iteration in 40-digit arithmetic.
    public var minima: [Minimum] {
        [Minimum(3, 2, value: 0),
         Minimum(-2.8051180869527448531, 3.1313125182505729658, value: 0),
         Minimum(-3.7793102533777468919, -3.2831859912861694123, value: 0),
         Minimum(3.5844283403304917449, -1.8481265269644035535, value: 0)]
    }
    /// Beside the central maximum (−0.27, −0.92): small changes send optimizers to different minima.
    public var suggestedStart: Point { Point(-0.5, -1.5) }
    public var levelScale: LevelScale { .log }
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.005, "momentum": 1e-3, "nesterov": 1e-3, "adagrad": 0.5, "rmsprop": 0.01,
         "adadelta": 1.0, "adam": 0.05, "amsgrad": 0.05, "adamw": 0.05, "adamax": 0.05,
         "nadam": 0.05, "radam": 0.01, "rprop": 0.01, "adabound": 0.05, "amsbound": 0.05,
         "lion": 0.01, "yogi": 0.05, "adabelief": 0.05]
    }

    // Torch: (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2
    public func value(_ x: Double, _ y: Double) -> Double {
        let u = (x * x + y) - 11
        let v = (x + y * y) - 7
        return u * u + v * v
    }

    public func gradient(_ x: Double, _ y: Double) -> Point {
        let u2 = 2 * ((x * x + y) - 11)
        let v2 = 2 * ((x + y * y) - 7)
        return Point(v2 + u2 * (2 * x), v2 * (2 * y) + u2)
    }
}
