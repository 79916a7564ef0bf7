import Optimizers
import Surfaces
@testable import Plot

/// f = x² + y² on [−2, 2]², minimum 0 at the origin, log levels.
struct Bowl: Surface {
    var name: String { "bowl" }
    var title: String { "Bowl" }
    var formula: String { "x² + y²" }
    var citation: String { "test" }
    var domain: Domain { Domain(x: -2...2, y: -2...2) }
    var minima: [Minimum] { [Minimum(0, 0, value: 0)] }
    var suggestedStart: Point { Point(1.5, 1.5) }
    var levelScale: LevelScale { .log }
    func value(_ x: Double, _ y: Double) -> Double { x * x + y * y }
    func gradient(_ x: Double, _ y: Double) -> Point { Point(2 * x, 2 * y) }
}

/// f = x² + y² − 3: a negative minimum, linear levels.
struct SunkenBowl: Surface {
    var name: String { "sunken" }
    var title: String { "Sunken" }
    var formula: String { "x² + y² − 3" }
    var citation: String { "test" }
    var domain: Domain { Domain(x: -2...2, y: -1...1) }
    var minima: [Minimum] { [Minimum(0, 0, value: -3)] }
    var suggestedStart: Point { Point(1.5, 0.5) }
    var levelScale: LevelScale { .linear }
    func value(_ x: Double, _ y: Double) -> Double { x * x + y * y - 3 }
    func gradient(_ x: Double, _ y: Double) -> Point { Point(2 * x, 2 * y) }
}

/// Gradient descent by hand, so that these tests do not depend on the optimizer registry.
func descend(_ s: some Surface, from start: Point, lr: Double, steps: Int, optimizer: String = "sgd",
             divergeAt: Int? = nil) -> Trajectory {
    var xs = [start.x], ys = [start.y], losses = [s.value(start.x, start.y)]
    for k in 1...steps {
        if let divergeAt, k >= divergeAt { break }
        let g = s.gradient(xs[k - 1], ys[k - 1])
        xs.append(xs[k - 1] - lr * g.x); ys.append(ys[k - 1] - lr * g.y)
        losses.append(s.value(xs[k], ys[k]))
    }
    return Trajectory(label: optimizer, optimizer: optimizer,
                      hyperparameters: Hyperparameters([("lr", .number(lr)), ("momentum", .number(0))]),
                      steps: steps, xs: xs, ys: ys, losses: losses, divergedAt: divergeAt)
}

/// Signed area of a closed ring (shoelace), positive when counter-clockwise with y up.
func signedArea(_ ring: [Point]) -> Double {
    var a = 0.0
    for (p, q) in zip(ring, ring.dropFirst() + ring.prefix(1)) { a += p.x * q.y - q.x * p.y }
    return a / 2
}

func area(_ rings: [[Point]]) -> Double { rings.map(signedArea).reduce(0, +) }

/// Non-zero winding number of `p` in `rings`.
func winding(_ p: Point, _ rings: [[Point]]) -> Int {
    var w = 0
    for ring in rings {
        for (a, b) in zip(ring, ring.dropFirst() + ring.prefix(1)) {
            let side = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)
            if a.y <= p.y { if b.y > p.y && side > 0 { w += 1 } } else if b.y <= p.y && side < 0 { w -= 1 }
        }
    }
    return w
}

/// f = x² − y² on [−1, 1]²: no minimum, falls without bound along y.
struct TestSaddle: Surface {
    var name: String { "saddle" }
    var title: String { "Saddle" }
    var formula: String { "x² − y²" }
    var citation: String { "test" }
    var domain: Domain { Domain(x: -1...1, y: -1...1) }
    var minima: [Minimum] { [] }
    var suggestedStart: Point { Point(-1, 0.001) }
    var levelScale: LevelScale { .linear }
    func value(_ x: Double, _ y: Double) -> Double { x * x - y * y }
    func gradient(_ x: Double, _ y: Double) -> Point { Point(2 * x, -2 * y) }
}
