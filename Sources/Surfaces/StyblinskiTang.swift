/// The Styblinski–Tang function in two dimensions: four wells of different depth.
///
///     f(x, y) = ½ ((x⁴ − 16x² + 5x) + (y⁴ − 16y² + 5y))
///     ∇f = (2x³ − 16x + 2.5,  2y³ − 16y + 2.5)
///
/// Global minimum f(−2.9035340…, −2.9035340…) = −78.3323314…; local minima where either
/// coordinate is 2.7468028… instead.
///
/// Source: M. A. Styblinski and T.-S. Tang, "Experiments in nonconvex optimization: stochastic
/// approximation with function smoothing and simulated annealing", Neural Networks 3(4), 1990.
public struct StyblinskiTang: Surface {
    public init() {}
    public var name: String { "styblinski-tang" }
    public var title: String { "Styblinski–Tang" }
    public var formula: String { "½ ((x⁴ − 16x² + 5x) + (y⁴ − 16y² + 5y))" }
    public var citation: String { "Styblinski & Tang, Neural Networks 3(4), 1990" }
    public var domain: Domain { Domain(x: -5...5, y: -5...5) }
    /// Located by a Newton iteration in 40-digit arithmetic.
    public var minima: [Minimum] {
        [Minimum(-2.9035340277711770951, -2.9035340277711770951, value: -78.332331407542830928)]
    }
    /// On the ridge x ≈ 0.16 between two wells: a small push decides which well an optimizer takes.
    public var suggestedStart: Point { Point(0.5, 4.5) }
    public var levelScale: LevelScale { .linear }
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.01, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.5, "rmsprop": 0.02,
         "adadelta": 1.0, "adam": 0.1, "amsgrad": 0.1, "adamw": 0.1, "adamax": 0.1,
         "nadam": 0.1, "radam": 0.01, "rprop": 0.02, "adabound": 0.1, "amsbound": 0.1,
         "lion": 0.02, "yogi": 0.1, "adabelief": 0.1]
    }

    // Torch: 0.5 * ((x**4 - 16*x**2 + 5*x) + (y**4 - 16*y**2 + 5*y))
    public func value(_ x: Double, _ y: Double) -> Double {
        0.5 * ((LibM.pow(x, 4) - 16 * (x * x) + 5 * x) + (LibM.pow(y, 4) - 16 * (y * y) + 5 * y))
    }

    // Autograd's terms are 0.5·5, (−0.5·16)·(2x) and 0.5·(4x³); the factors of two are exact.
    public func gradient(_ x: Double, _ y: Double) -> Point {
        Point((2.5 + -16 * x) + 2 * (x * x * x), (2.5 + -16 * y) + 2 * (y * y * y))
    }
}
