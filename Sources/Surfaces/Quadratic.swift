/// An axis-aligned, ill-conditioned quadratic bowl (condition number 10).
///
///     f(x, y) = ½ (x² + 10 y²),   ∇f = (x, 10 y)
///
/// Global minimum f(0, 0) = 0. The simplest picture of why plain gradient descent zig-zags:
/// a step size small enough for the steep y direction crawls along x.
///
/// Source: the model problem of gradient descent analysis, e.g. J. Nocedal and S. J. Wright,
/// "Numerical Optimization", 2nd ed., Springer, 2006, §3.3.
public struct Quadratic: Surface {
    public init() {}
    public var name: String { "quadratic" }
    public var title: String { "Quadratic bowl" }
    public var formula: String { "½ (x² + 10 y²)" }
    public var citation: String { "Nocedal & Wright, Numerical Optimization, 2006, §3.3" }
    public var domain: Domain { Domain(x: -4...4, y: -3...3) }
    public var minima: [Minimum] { [Minimum(0, 0, value: 0)] }
    public var suggestedStart: Point { Point(3, 2) }
    public var levelScale: LevelScale { .log }
    /// SGD at 0.15 contracts x by 0.985 per step and flips y by −0.5: a visible zig-zag.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.15, "momentum": 0.03, "nesterov": 0.03, "adagrad": 0.5, "rmsprop": 0.01,
         "adadelta": 1.0, "adam": 0.05, "amsgrad": 0.05, "adamw": 0.05, "adamax": 0.05,
         "nadam": 0.05, "radam": 0.05, "rprop": 0.01, "adabound": 0.05, "amsbound": 0.05,
         "lion": 0.01, "yogi": 0.05, "adabelief": 0.05]
    }

    // Torch: 0.5 * (x ** 2 + 10 * y ** 2)
    public func value(_ x: Double, _ y: Double) -> Double { 0.5 * (x * x + 10 * (y * y)) }

    // Autograd: 0.5·(2x) = x and (0.5·10)·(2y) = 10y, both exact.
    public func gradient(_ x: Double, _ y: Double) -> Point { Point(x, 5 * (2 * y)) }
}
