import Optimizers
import Stepping
import Surfaces
@testable import Regression

/// Rosenbrock's valley, defined here so that these tests do not depend on the built-in list.
struct TestValley: Surface {
    var name: String { "test-valley" }
    var title: String { "Test valley" }
    var formula: String { "(1 − x)² + 100 (y − x²)²" }
    var citation: String { "Rosenbrock (1960)" }
    var domain: Domain { Domain(x: -2...2, y: -1...3) }
    var minima: [Minimum] { [Minimum(1, 1, value: 0)] }
    var suggestedStart: Point { Point(-1.5, 2) }
    var levelScale: LevelScale { .log }
    func value(_ x: Double, _ y: Double) -> Double { (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) }
    func gradient(_ x: Double, _ y: Double) -> Point {
        Point(-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))
    }
}

/// f = x⁴ + y²: SGD with lr 1 from (10, 0) overshoots further each step until x⁴ overflows
/// (step 4), a path that diverges.
struct TestQuartic: Surface {
    var name: String { "test-quartic" }
    var title: String { "Test quartic" }
    var formula: String { "x⁴ + y²" }
    var citation: String { "" }
    var domain: Domain { Domain(x: -1...1, y: -1...1) }
    var minima: [Minimum] { [Minimum(0, 0, value: 0)] }
    var suggestedStart: Point { Point(10, 0) }
    var levelScale: LevelScale { .linear }
    func value(_ x: Double, _ y: Double) -> Double { x * x * x * x + y * y }
    func gradient(_ x: Double, _ y: Double) -> Point { Point(4 * x * x * x, 2 * y) }
}

/// A path of `name` (a registry name) with `overrides`, traced on `surface`.
func tracePath(_ label: String, _ name: String, _ overrides: Hyperparameters = Hyperparameters(),
               on surface: any Surface = TestValley(), from start: Point = Point(-1.5, 2), steps: Int = 50) throws -> Trajectory {
    let kind = try #require(OptimizerRegistry.named(name))
    return try trace(try kind.make(overrides), label: label, name: name, start: (start.x, start.y), steps: steps,
                 objective: objective(of: surface))
}

/// True when both arrays hold the same Doubles bit for bit (−0 and 0 differ).
func identical(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}

func identical(_ a: Trajectory, _ b: Trajectory) -> Bool {
    a.label == b.label && a.optimizer == b.optimizer && a.hyperparameters == b.hyperparameters && a.steps == b.steps
        && a.divergedAt == b.divergedAt && identical(a.xs, b.xs) && identical(a.ys, b.ys) && identical(a.losses, b.losses)
        && identical(a.lrs, b.lrs) && a.schedule == b.schedule && a.run == b.run
}

import Testing
