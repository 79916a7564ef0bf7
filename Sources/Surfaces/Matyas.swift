/// The Matyas function: a flat, diagonal, poorly conditioned bowl.
///
///     f(x, y) = 0.26 (x² + y²) − 0.48 x y
///     ∇f = (0.52 x − 0.48 y,  0.52 y − 0.48 x)
///
/// Global minimum f(0, 0) = 0. Hessian eigenvalues 1 (across the diagonal) and 0.04 (along it).
///
/// Source: J. Matyas, "Random optimization", Automation and Remote Control 26(2), 1965; as listed by
/// Jamil & Yang, IJMMNO 4(2), 2013.
public struct Matyas: Surface {
    public init() {}
    public var name: String { "matyas" }
    public var title: String { "Matyas" }
    public var formula: String { "0.26 (x² + y²) − 0.48 x y" }
    public var citation: String { "Matyas, Automation and Remote Control 26(2), 1965" }
    public var domain: Domain { Domain(x: -10...10, y: -10...10) }
    public var minima: [Minimum] { [Minimum(0, 0, value: 0)] }
    public var suggestedStart: Point { Point(-8, 4) }
    public var levelScale: LevelScale { .log }
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 1.5, "momentum": 0.3, "nesterov": 0.3, "adagrad": 2.0, "rmsprop": 0.05,
         "adadelta": 1.0, "adam": 0.3, "amsgrad": 0.3, "adamw": 0.3, "adamax": 0.3,
         "nadam": 0.3, "radam": 0.3, "rprop": 0.05, "adabound": 0.3, "amsbound": 0.3,
         "lion": 0.05, "yogi": 0.3, "adabelief": 0.3]
    }

    // Torch: 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y
    public func value(_ x: Double, _ y: Double) -> Double {
        0.26 * (x * x + y * y) - (0.48 * x) * y
    }

    public func gradient(_ x: Double, _ y: Double) -> Point {
        Point(-y * 0.48 + 0.26 * (2 * x), -(0.48 * x) + 0.26 * (2 * y))
    }
}
