/// The Goldstein–Price function: a product of two polynomials with a huge dynamic range
/// (from 3 to about 10⁶ in the figure) and several local minima.
///
///     f(x, y) = a · b
///     a = 1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)
///     b = 30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)
///     ∇f = b ∇a + a ∇b, with ∇a and ∇b by the product rule
///
/// Global minimum f(0, −1) = 3.
///
/// Source: A. A. Goldstein and J. F. Price, "On descent from local minima", Mathematics of
/// Computation 25(115), 1971.
public struct GoldsteinPrice: Surface {
    public init() {}
    public var name: String { "goldstein-price" }
    public var title: String { "Goldstein–Price" }
    public var formula: String {
        "[1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)] · [30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]"
    }
    public var citation: String { "Goldstein & Price, Mathematics of Computation 25(115), 1971" }
    public var domain: Domain { Domain(x: -2...2, y: -2...2) }
    public var minima: [Minimum] { [Minimum(0, -1, value: 3)] }
    /// Between the local minimum f(−0.6, −0.4) = 30 and the global one: which optimizers reach it?
    public var suggestedStart: Point { Point(-1.5, -0.4) }
    public var suggestedSteps: Int { 300 }
    public var levelScale: LevelScale { .log }
    /// From a start between the local minimum f(−0.6, −0.4) = 30 and the global one: plain
    /// descent stops in the first, momentum and some adaptive rules reach the second. Gradients
    /// reach 10⁶ (AdaBound's final SGD rate of 0.1 diverges here).
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 1e-5, "momentum": 1e-5, "nesterov": 1e-5, "adagrad": 0.1, "rmsprop": 0.01,
         "adadelta": 1.0, "adam": 0.1, "amsgrad": 0.1, "adamw": 0.1, "adamax": 0.1,
         "nadam": 0.1, "radam": 1e-5, "rprop": 0.01, "adabound": 0.02, "amsbound": 0.02,
         "lion": 0.1, "yogi": 0.1, "adabelief": 0.1]
    }

    // Torch:
    //   a = 1 + (x + y + 1)**2 * (19 - 14*x + 3*x**2 - 14*y + 6*x*y + 3*y**2)
    //   b = 30 + (2*x - 3*y)**2 * (18 - 32*x + 12*x**2 + 48*y - 36*x*y + 27*y**2)
    public func value(_ x: Double, _ y: Double) -> Double {
        let t = Terms(x, y)
        return t.a * t.b
    }

    // Autograd visits b's graph before a's, and inside each polynomial its last term first;
    // the sums below follow that order so that the gradient equals torch's bit for bit.
    public func gradient(_ x: Double, _ y: Double) -> Point {
        let t = Terms(x, y)
        let aR2 = t.a * t.r2, bP2 = t.b * t.p2
        let gR = (t.a * t.s) * (2 * t.r)
        let gP = (t.b * t.q) * (2 * t.p)
        var gx = (-aR2 * y) * 36
        gx += (aR2 * 12) * (2 * x)
        gx += -aR2 * 32
        gx += gR * 2
        gx += (bP2 * y) * 6
        gx += (bP2 * 3) * (2 * x)
        gx += -bP2 * 14
        gx += gP
        var gy = (aR2 * 27) * (2 * y)
        gy += -aR2 * (36 * x)
        gy += aR2 * 48
        gy += -gR * 3
        gy += (bP2 * 3) * (2 * y)
        gy += bP2 * (6 * x)
        gy += -bP2 * 14
        gy += gP
        return Point(gx, gy)
    }

    /// The intermediate values, in torch's operation order.
    private struct Terms {
        let p, p2, q, a, r, r2, s, b: Double
        init(_ x: Double, _ y: Double) {
            p = (x + y) + 1
            p2 = p * p
            q = ((((19 - 14 * x) + 3 * (x * x)) - 14 * y) + (6 * x) * y) + 3 * (y * y)
            a = 1 + p2 * q
            r = 2 * x - 3 * y
            r2 = r * r
            s = ((((18 - 32 * x) + 12 * (x * x)) + 48 * y) - (36 * x) * y) + 27 * (y * y)
            b = 30 + r2 * s
        }
    }
}
