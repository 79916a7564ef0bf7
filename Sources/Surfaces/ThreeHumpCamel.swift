/// The three-hump camel function: one global minimum between two shallower local minima.
///
///     f(x, y) = 2x² − 1.05 x⁴ + x⁶/6 + x y + y²
///     ∇f = (4x − 4.2 x³ + x⁵ + y,  x + 2y)
///
/// Global minimum f(0, 0) = 0; local minima at ±(1.74755…, −0.87378…) with value 0.29864….
///
/// Source: Jamil & Yang, IJMMNO 4(2), 2013; Surjanovic & Bingham, Virtual Library of Simulation
/// Experiments (sfu.ca/~ssurjano/camel3.html).
public struct ThreeHumpCamel: Surface {
    public init() {}
    public var name: String { "three-hump-camel" }
    public var title: String { "Three-hump camel" }
    public var formula: String { "2x² − 1.05 x⁴ + x⁶/6 + x y + y²" }
    public var citation: String { "Jamil & Yang, IJMMNO 4(2), 2013; Surjanovic & Bingham, VLSE" }
    public var domain: Domain { Domain(x: -2.5...2.5, y: -2.5...2.5) }
    public var minima: [Minimum] { [Minimum(0, 0, value: 0)] }
    /// Above the right-hand local minimum's basin: slow optimizers settle there, others cross.
    public var suggestedStart: Point { Point(2.2, 1.5) }
    public var levelScale: LevelScale { .log }
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.02, "momentum": 0.004, "nesterov": 0.004, "adagrad": 0.5, "rmsprop": 0.01,
         "adadelta": 1.0, "adam": 0.05, "amsgrad": 0.05, "adamw": 0.05, "adamax": 0.05,
         "nadam": 0.05, "radam": 0.01, "rprop": 0.01, "adabound": 0.05, "amsbound": 0.05,
         "lion": 0.01, "yogi": 0.05, "adabelief": 0.05]
    }

    // Torch: 2 * x ** 2 - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y ** 2
    public func value(_ x: Double, _ y: Double) -> Double {
        let quartic: Double = 2 * (x * x) - 1.05 * LibM.pow(x, 4)
        let sextic: Double = quartic + LibM.pow(x, 6) / 6
        return sextic + x * y + y * y
    }

    // Each term as autograd forms it (constant · (n · xⁿ⁻¹)), summed in its order.
    public func gradient(_ x: Double, _ y: Double) -> Point {
        let sixth = 1.0 / 6
        var gx: Double = y + sixth * (6 * LibM.pow(x, 5))
        gx += -1.05 * (4 * (x * x * x))
        gx += 2 * (2 * x)
        return Point(gx, 2 * y + x)
    }
}
