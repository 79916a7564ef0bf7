/// The Rosenbrock function, a curved narrow valley whose floor is nearly flat.
///
///     f(x, y) = (1 − x)² + 100 (y − x²)²
///     ∇f = (−2 (1 − x) − 400 x (y − x²),  200 (y − x²))
///
/// Global minimum f(1, 1) = 0. Optimizers find the valley fast and then crawl along it.
///
/// Source: H. H. Rosenbrock, "An automatic method for finding the greatest or least value of a
/// function", The Computer Journal 3(3), 1960.
public struct Rosenbrock: Surface {
    public init() {}
    public var name: String { "rosenbrock" }
    public var title: String { "Rosenbrock" }
    public var formula: String { "(1 − x)² + 100 (y − x²)²" }
    public var citation: String { "Rosenbrock, The Computer Journal 3(3), 1960" }
    public var domain: Domain { Domain(x: -2...2, y: -1...3) }
    public var minima: [Minimum] { [Minimum(1, 1, value: 0)] }
    public var suggestedStart: Point { Point(-1.5, 2) }
    public var levelScale: LevelScale { .log }
    /// The learning rates of the torch reference paths (`gen_reference.py`).
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 1e-3, "momentum": 2e-4, "nesterov": 2e-4, "adagrad": 0.3, "rmsprop": 0.01,
         "adadelta": 1.0, "adam": 0.05, "amsgrad": 0.05, "adamw": 0.05, "adamax": 0.1,
         "nadam": 0.05, "radam": 2e-3, "rprop": 0.01, "adabound": 0.05, "amsbound": 0.05,
         "lion": 0.01, "yogi": 0.1, "adabelief": 0.05]
    }

    // Torch: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
    public func value(_ x: Double, _ y: Double) -> Double {
        let a = 1 - x
        let b = y - x * x
        return a * a + 100 * (b * b)
    }

    // The products are grouped as autograd groups them (100·(2b), then ·(2x)), so the
    // gradient equals torch's bit for bit.
    public func gradient(_ x: Double, _ y: Double) -> Point {
        let a = 1 - x
        let b = y - x * x
        let gb = 100 * (2 * b)
        return Point(-(2 * a) + (-gb) * (2 * x), gb)
    }
}
