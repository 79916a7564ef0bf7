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
    /// Beside the local minimum (1.2, 0.8): which optimizers escape to the global one?
    public var suggestedStart: Point { Point(1, 1) }
    public var levelScale: LevelScale { .log }
    /// Gradients reach 10⁴ near the start (10⁶ at the corners): plain SGD needs a tiny rate.
    /// AdaBound and AMSBound leave the figure whatever the rate: their bounds tend to the
    /// fixed final_lr = 0.1 (times lr/initial lr), far too large for these gradients.
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 1e-5, "momentum": 2e-6, "nesterov": 2e-6, "adagrad": 0.1, "rmsprop": 0.002,
         "adadelta": 1.0, "adam": 0.02, "amsgrad": 0.02, "adamw": 0.02, "adamax": 0.02,
         "nadam": 0.02, "radam": 2e-5, "rprop": 0.005, "adabound": 0.02, "amsbound": 0.02,
         "lion": 0.005, "yogi": 0.02, "adabelief": 0.02]
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
