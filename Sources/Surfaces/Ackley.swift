/// The Ackley function: a nearly flat outer region full of ripples around a deep central funnel.
///
///     f(x, y) = −20 exp(−0.2 √(0.5 (x² + y²))) − exp(0.5 (cos 2πx + cos 2πy)) + e + 20
///     ∂f/∂x = 2 x exp(−0.2 r) / r + π sin(2πx) exp(0.5 (cos 2πx + cos 2πy)),  r = √(0.5 (x² + y²))
///
/// Global minimum f(0, 0) = 0, at the tip of a cone: the gradient does not exist there, and this
/// surface returns the cone's subgradient 0 for the first term at the origin (torch gives NaN).
///
/// Source: D. H. Ackley, "A connectionist machine for genetic hillclimbing", Kluwer, 1987.
public struct Ackley: Surface {
    public init() {}
    public var name: String { "ackley" }
    public var title: String { "Ackley" }
    public var formula: String { "−20 exp(−0.2 √(0.5 (x² + y²))) − exp(0.5 (cos 2πx + cos 2πy)) + e + 20" }
    public var citation: String { "Ackley, A connectionist machine for genetic hillclimbing, 1987" }
    public var domain: Domain { Domain(x: -5...5, y: -5...5) }
    public var minima: [Minimum] { [Minimum(0, 0, value: 0)] }
    public var suggestedStart: Point { Point(-4.2, 3.3) }
    public var suggestedSteps: Int { 300 }
    public var levelScale: LevelScale { .linear }
    /// Rates at which most optimizers stop in the first ripple, some hop a ripple or two and
    /// Adam, Adamax and Rprop roll over the ripples into the central funnel.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.01, "momentum": 0.03, "nesterov": 0.03, "adagrad": 1.0, "rmsprop": 0.1,
         "adadelta": 1.0, "adam": 1.0, "amsgrad": 0.3, "adamw": 0.3, "adamax": 1.0,
         "nadam": 0.3, "radam": 0.3, "rprop": 1.0, "adabound": 0.3, "amsbound": 0.3,
         "lion": 0.1, "yogi": 0.3, "adabelief": 0.3]
    }

    // Torch: -20*exp(-0.2*sqrt(0.5*(x**2 + y**2))) - exp(0.5*(cos(2*PI*x) + cos(2*PI*y))) + e + 20
    public func value(_ x: Double, _ y: Double) -> Double {
        let twoPi = 2 * Double.pi
        let r = (0.5 * (x * x + y * y)).squareRoot()
        let e1 = LibM.exp(-0.2 * r)
        let e2 = LibM.exp(0.5 * (LibM.cos(twoPi * x) + LibM.cos(twoPi * y)))
        return -20 * e1 - e2 + 2.718281828459045 + 20
    }

    // Autograd's chain, factor by factor: exp, ·(−0.2), sqrt′ = 1/(2r), ·0.5, (x²)′ = 2x.
    public func gradient(_ x: Double, _ y: Double) -> Point {
        let twoPi = 2 * Double.pi
        let r = (0.5 * (x * x + y * y)).squareRoot()
        let e2 = LibM.exp(0.5 * (LibM.cos(twoPi * x) + LibM.cos(twoPi * y)))
        let ge2 = -e2 * 0.5
        let gx2 = (ge2 * -LibM.sin(twoPi * x)) * twoPi
        let gy2 = (ge2 * -LibM.sin(twoPi * y)) * twoPi
        guard r > 0 else { return Point(gx2, gy2) }
        let gs = ((-20 * LibM.exp(-0.2 * r)) * -0.2 / (2 * r)) * 0.5
        return Point(gx2 + gs * (2 * x), gy2 + gs * (2 * y))
    }
}
