/// The six-hump camel function: two symmetric global minima among four local ones.
///
///     f(x, y) = (4 − 2.1 x² + x⁴/3) x² + x y + (−4 + 4y²) y²
///     ∇f = (8x − 8.4 x³ + 2x⁵ + y,  x − 8y + 16y³)
///
/// Global minima f(±0.0898420…, ∓0.7126564…) = −1.0316284….
///
/// Source: L. C. W. Dixon and G. P. Szegő, "The global optimisation problem: an introduction",
/// Towards Global Optimisation 2, 1978; Surjanovic & Bingham, VLSE (sfu.ca/~ssurjano/camel6.html).
public struct SixHumpCamel: Surface {
    public init() {}
    public var name: String { "six-hump-camel" }
    public var title: String { "Six-hump camel" }
    public var formula: String { "(4 − 2.1 x² + x⁴/3) x² + x y + (−4 + 4y²) y²" }
    public var citation: String { "Dixon & Szegő, Towards Global Optimisation 2, 1978" }
    public var domain: Domain { Domain(x: -2...2, y: -1.1...1.1) }
    /// Located by a Newton iteration in 40-digit arithmetic.
    public var minima: [Minimum] {
        [Minimum(0.089842013100318062456, -0.7126564030207396334, value: -1.0316284534898773504),
         Minimum(-0.089842013100318062456, 0.7126564030207396334, value: -1.0316284534898773504)]
    }
    public var suggestedStart: Point { Point(-1.1, 0.2) }
    public var suggestedSteps: Int { 300 }
    public var levelScale: LevelScale { .linear }
    /// From the slope between a local minimum and a global one, small rates, so that the routes
    /// and speeds into the global minimum differ.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.01, "momentum": 0.003, "nesterov": 0.003, "adagrad": 0.03, "rmsprop": 0.003,
         "adadelta": 1.0, "adam": 0.003, "amsgrad": 0.003, "adamw": 0.003, "adamax": 0.003,
         "nadam": 0.003, "radam": 0.01, "rprop": 0.003, "adabound": 0.003, "amsbound": 0.003,
         "lion": 0.003, "yogi": 0.003, "adabelief": 0.003]
    }

    // Torch: (4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2 + x * y + (-4 + 4 * y ** 2) * y ** 2
    public func value(_ x: Double, _ y: Double) -> Double {
        let x2 = x * x
        let y2 = y * y
        let inner = (4 - 2.1 * x2) + LibM.pow(x, 4) / 3
        return inner * x2 + x * y + (4 * y2 + -4) * y2
    }

    // Each term as autograd forms it, summed in its order.
    public func gradient(_ x: Double, _ y: Double) -> Point {
        let x2 = x * x
        let y2 = y * y
        let inner = (4 - 2.1 * x2) + LibM.pow(x, 4) / 3
        let gx = y + inner * (2 * x) + (x2 / 3) * (4 * (x * x * x)) + (-x2 * 2.1) * (2 * x)
        let gy = (4 * y2 + -4) * (2 * y) + (y2 * 4) * (2 * y) + x
        return Point(gx, gy)
    }
}
