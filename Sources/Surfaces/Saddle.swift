/// The plain saddle: a minimum along x, a maximum along y.
///
///     f(x, y) = x² − y²,   ∇f = (2x, −2y)
///
/// No minimum. A start just off the ridge (y ≈ 0) shows how long each optimizer lingers near
/// the saddle point before escaping along y.
///
/// Source: the textbook saddle, e.g. Dauphin et al., "Identifying and attacking the saddle point
/// problem in high-dimensional non-convex optimization", NeurIPS 2014.
public struct Saddle: Surface {
    public init() {}
    public var name: String { "saddle" }
    public var title: String { "Saddle" }
    public var formula: String { "x² − y²" }
    public var citation: String { "Dauphin et al., NeurIPS 2014 (saddle points)" }
    public var domain: Domain { Domain(x: -1.5...1.5, y: -1.5...1.5) }
    public var minima: [Minimum] { [] }
    public var suggestedStart: Point { Point(-1, 1e-3) }
    /// About when most paths leave the plot (after that they only fall).
    public var suggestedSteps: Int { 150 }
    public var levelScale: LevelScale { .linear }
    /// Curvature 2: plain SGD at 0.05 contracts x by 0.9 and grows y by 1.1 per step.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.05, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.1, "rmsprop": 0.005,
         "adadelta": 1.0, "adam": 0.01, "amsgrad": 0.01, "adamw": 0.01, "adamax": 0.01,
         "nadam": 0.01, "radam": 0.01, "rprop": 0.002, "adabound": 0.01, "amsbound": 0.01,
         "lion": 0.005, "yogi": 0.01, "adabelief": 0.01]
    }

    // Torch: x ** 2 - y ** 2
    public func value(_ x: Double, _ y: Double) -> Double { x * x - y * y }

    public func gradient(_ x: Double, _ y: Double) -> Point { Point(2 * x, -(2 * y)) }
}
