/// Beale's function: flat plateaus, steep walls and a narrow curved valley to the minimum.
///
///     f(x, y) = (1.5 − x + x y)² + (2.25 − x + x y²)² + (2.625 − x + x y³)²
///     ∂f/∂x = Σᵢ 2 uᵢ (yⁱ − 1),  ∂f/∂y = Σᵢ 2 uᵢ · i x yⁱ⁻¹   (uᵢ the three brackets)
///
/// Global minimum f(3, 0.5) = 0.
///
/// Source: E. M. L. Beale, "On an iterative method for finding a local minimum of a function of
/// more than one variable", Technical Report 25, Statistical Techniques Research Group,
/// Princeton University, 1958.
public struct Beale: Surface {
    public init() {}
    public var name: String { "beale" }
    public var title: String { "Beale" }
    public var formula: String { "(1.5 − x + x y)² + (2.25 − x + x y²)² + (2.625 − x + x y³)²" }
    public var citation: String { "Beale, Princeton Statistical Techniques Research Group TR 25, 1958" }
    /// Frames the path from the suggested start (1, 1.5) down to the minimum (3, 0.5).
    public var domain: Domain { Domain(x: -1...4, y: -1.5...2) }
    public var minima: [Minimum] { [Minimum(3, 0.5, value: 0)] }
    public var suggestedStart: Point { Point(1, 1.5) }
    public var levelScale: LevelScale { .log }
    /// The learning rates of the torch reference paths (`gen_reference.py`).
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 1e-3, "momentum": 1e-3, "nesterov": 1e-3, "adagrad": 0.5, "rmsprop": 0.01,
         "adadelta": 1.0, "adam": 0.05, "amsgrad": 0.05, "adamw": 0.05, "adamax": 0.05,
         "nadam": 0.05, "radam": 0.01, "rprop": 0.01, "adabound": 0.05, "amsbound": 0.05,
         "lion": 0.01, "yogi": 0.05, "adabelief": 0.05]
    }

    // Torch: (1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2
    public func value(_ x: Double, _ y: Double) -> Double {
        let u1 = (1.5 - x) + x * y
        let u2 = (2.25 - x) + x * (y * y)
        let u3 = (2.625 - x) + x * (y * y * y)
        return (u1 * u1 + u2 * u2) + u3 * u3
    }

    // Terms are summed in the order autograd accumulates them (last bracket first), so the
    // gradient equals torch's bit for bit.
    public func gradient(_ x: Double, _ y: Double) -> Point {
        let y2 = y * y
        let y3 = y * y * y
        let g1 = 2 * ((1.5 - x) + x * y)
        let g2 = 2 * ((2.25 - x) + x * y2)
        let g3 = 2 * ((2.625 - x) + x * y3)
        let gx = g3 * y3 + (-g3) + g2 * y2 + (-g2) + g1 * y + (-g1)
        let gy = (g3 * x) * (3 * y2) + (g2 * x) * (2 * y) + g1 * x
        return Point(gx, gy)
    }
}
