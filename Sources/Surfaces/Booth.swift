/// Booth's function: a tilted, elongated quadratic bowl.
///
///     f(x, y) = (x + 2y − 7)² + (2x + y − 5)²
///     ∇f = (2 (x + 2y − 7) + 4 (2x + y − 5),  4 (x + 2y − 7) + 2 (2x + y − 5))
///
/// Global minimum f(1, 3) = 0. Hessian eigenvalues 2 and 18 (condition number 9).
///
/// Source: M. Jamil and X.-S. Yang, "A literature survey of benchmark functions for global
/// optimization problems", Int. J. Math. Modelling and Numerical Optimisation 4(2), 2013.
public struct Booth: Surface {
    public init() {}
    public var name: String { "booth" }
    public var title: String { "Booth" }
    public var formula: String { "(x + 2y − 7)² + (2x + y − 5)²" }
    public var citation: String { "Jamil & Yang, benchmark function survey, IJMMNO 4(2), 2013" }
    public var domain: Domain { Domain(x: -5...5, y: -3...7) }
    public var minima: [Minimum] { [Minimum(1, 3, value: 0)] }
    public var suggestedStart: Point { Point(-4, -2) }
    public var levelScale: LevelScale { .log }
    /// Largest curvature 18: SGD is stable below 2/18.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.03, "momentum": 0.005, "nesterov": 0.005, "adagrad": 1.0, "rmsprop": 0.02,
         "adadelta": 1.0, "adam": 0.1, "amsgrad": 0.1, "adamw": 0.1, "adamax": 0.1,
         "nadam": 0.1, "radam": 0.02, "rprop": 0.02, "adabound": 0.1, "amsbound": 0.1,
         "lion": 0.02, "yogi": 0.1, "adabelief": 0.1]
    }

    // Torch: (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2
    public func value(_ x: Double, _ y: Double) -> Double {
        let u = (x + 2 * y) - 7
        let v = (2 * x + y) - 5
        return u * u + v * v
    }

    public func gradient(_ x: Double, _ y: Double) -> Point {
        let u2 = 2 * ((x + 2 * y) - 7)
        let v2 = 2 * ((2 * x + y) - 5)
        return Point(v2 * 2 + u2, v2 + u2 * 2)
    }
}
