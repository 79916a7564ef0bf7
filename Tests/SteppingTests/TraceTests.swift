import Optimizers
import Stepping
import Testing

/// Every reference path, step for step, within 1e-9 · max(1, |reference|) in x, y and the loss.
@Suite struct TraceTests {
    static let publicCases = (try? ReferenceCase.load("torch-trajectories")) ?? []
    static let extraCases = (try? ReferenceCase.load("torch-extra")) ?? []

    @Test func fixturesLoad() {
        #expect(Self.publicCases.count == 42)
        #expect(Self.extraCases.count > 100)
    }

    @Test(arguments: publicCases) func publicReference(_ c: ReferenceCase) throws { try check(c) }

    @Test(arguments: extraCases) func extraReference(_ c: ReferenceCase) throws { try check(c) }

    func check(_ c: ReferenceCase) throws {
        let kind = try #require(OptimizerRegistry.named(c.optimizer))
        let f = try #require(objective(c.surface), "no surface \(c.surface)")
        let optimizer = try kind.make(Hyperparameters(c.params.map { (name: $0.0, value: $0.1) }))
        let path = try trace(optimizer, label: c.optimizer, name: c.optimizer, start: c.start, steps: c.steps, objective: f)
        #expect(path.xs.count == c.xs.count, "\(c): \(path.xs.count) points, reference \(c.xs.count)")
        if let expected = c.divergedAt { #expect(path.divergedAt == expected, "\(c)") }
        else { #expect(path.divergedAt == nil, "\(c)") }
        for k in 0..<min(path.xs.count, c.xs.count) {
            let ok = closeToReference(path.xs[k], c.xs[k]) && closeToReference(path.ys[k], c.ys[k])
                && closeToReference(path.losses[k], c.losses[k])
            if !ok {
                Issue.record("\(c): step \(k) is (\(path.xs[k]), \(path.ys[k]), \(path.losses[k])), reference (\(c.xs[k]), \(c.ys[k]), \(c.losses[k]))")
                return
            }
        }
    }

    @Test func divergenceStopsAtTheFirstNonFinitePoint() throws {
        // SGD with a large step on Rosenbrock overflows within a few steps.
        let sgd = try SGD(lr: 0.01)
        let path = try trace(sgd, label: "sgd", name: "sgd", start: (-1.5, 2), steps: 50) { x, y in
            let a = 1 - x, b = y - x * x
            return (a * a + 100 * (b * b), -2 * a - 400 * x * b, 200 * b)
        }
        let at = try #require(path.divergedAt)
        #expect(path.xs.count == at)
        #expect(path.xs.allSatisfy(\.isFinite) && path.ys.allSatisfy(\.isFinite) && path.losses.allSatisfy(\.isFinite))
    }

    @Test func aNonFiniteGradientEndsThePathAfterItsPoint() throws {
        let adam = try Adam(lr: 0.1)
        let path = try trace(adam, label: "adam", name: "adam", start: (1, 1), steps: 10) { x, y in
            (x * x + y * y, x > 0.75 ? 2 * x : .nan, 2 * y)
        }
        #expect(path.divergedAt == path.xs.count - 1)
        #expect(path.xs.count > 1 && path.xs.count < 11)
    }
}

extension ReferenceCase: CustomTestStringConvertible {
    var testDescription: String { description }
}
