/// Lévi function N.13: ripples in both directions over a shallow bowl.
///
///     f(x, y) = sin²(3πx) + (x − 1)² (1 + sin²(3πy)) + (y − 1)² (1 + sin²(2πy))
///     ∂f/∂x = 6π sin(3πx) cos(3πx) + 2 (x − 1)(1 + sin²(3πy))
///     ∂f/∂y = 6π (x − 1)² sin(3πy) cos(3πy) + 2 (y − 1)(1 + sin²(2πy)) + 4π (y − 1)² sin(2πy) cos(2πy)
///
/// Global minimum f(1, 1) = 0.
///
/// Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments
/// (sfu.ca/~ssurjano/levy13.html); Jamil & Yang, IJMMNO 4(2), 2013.
public struct Levi13: Surface {
    public init() {}
    public var name: String { "levi13" }
    public var title: String { "Lévi N.13" }
    public var formula: String { "sin²(3πx) + (x − 1)² (1 + sin²(3πy)) + (y − 1)² (1 + sin²(2πy))" }
    public var citation: String { "Surjanovic & Bingham, VLSE (levy13); Jamil & Yang, IJMMNO 4(2), 2013" }
    public var domain: Domain { Domain(x: -4...6, y: -4...6) }
    public var minima: [Minimum] { [Minimum(1, 1, value: 0)] }
    public var suggestedStart: Point { Point(-3, -2.5) }
    public var levelScale: LevelScale { .linear }
    public var suggestedLearningRates: [String: Double] {
        ["sgd": 0.003, "momentum": 6e-4, "nesterov": 6e-4, "adagrad": 0.5, "rmsprop": 0.02,
         "adadelta": 5.0, "adam": 0.1, "amsgrad": 0.1, "adamw": 0.1, "adamax": 0.1,
         "nadam": 0.1, "radam": 0.01, "rprop": 0.02, "adabound": 0.1, "amsbound": 0.1,
         "lion": 0.02, "yogi": 0.1, "adabelief": 0.1]
    }

    // Torch: sin(3*PI*x)**2 + (x - 1)**2 * (1 + sin(3*PI*y)**2) + (y - 1)**2 * (1 + sin(2*PI*y)**2)
    public func value(_ x: Double, _ y: Double) -> Double {
        let threePi = 3 * Double.pi, twoPi = 2 * Double.pi
        let s1 = LibM.sin(threePi * x), s2 = LibM.sin(threePi * y), s3 = LibM.sin(twoPi * y)
        let x1 = x - 1, y1 = y - 1
        return s1 * s1 + (x1 * x1) * (1 + s2 * s2) + (y1 * y1) * (1 + s3 * s3)
    }

    // Each chain as autograd forms it; y's three terms summed in its order (last term first).
    public func gradient(_ x: Double, _ y: Double) -> Point {
        let threePi = 3 * Double.pi, twoPi = 2 * Double.pi
        let s1 = LibM.sin(threePi * x), s2 = LibM.sin(threePi * y), s3 = LibM.sin(twoPi * y)
        let x1 = x - 1, y1 = y - 1
        let x1sq = x1 * x1, y1sq = y1 * y1
        let gx = (1 + s2 * s2) * (2 * x1) + ((2 * s1) * LibM.cos(threePi * x)) * threePi
        var gy = ((y1sq * (2 * s3)) * LibM.cos(twoPi * y)) * twoPi
        gy += (1 + s3 * s3) * (2 * y1)
        gy += ((x1sq * (2 * s2)) * LibM.cos(threePi * y)) * threePi
        return Point(gx, gy)
    }
}
