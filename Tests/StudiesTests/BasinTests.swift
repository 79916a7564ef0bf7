import Optimizers
import Regression
import Stepping
import Studies
import Surfaces
import Testing

/// Basin assignment on Himmelblau's four minima, from starts near each, through the real stepping.
@Suite struct BasinTests {
    @Test func himmelblauStartsNearEachMinimumReachIt() throws {
        let surface = Surfaces.named("himmelblau")!
        let minima = surface.minima
        #expect(minima.count == 4)
        let rule = BasinRule(minima: minima, window: surface.domain)
        // A quarter of the closest pair's distance, at most 2.5 % of the diagonal (0.354 here).
        #expect(abs(rule.radius - 0.025 * (200.0).squareRoot()) < 1e-12)
        var runs: [StudyRun] = []
        for (k, m) in minima.enumerated() {
            for (dx, dy) in [(0.4, 0.3), (-0.3, 0.4), (0.2, -0.5)] {
                runs.append(StudyRun(label: "adam \(k) \(dx)", name: "adam", optimizer: try Adam(lr: 0.05),
                                     schedule: nil, start: Point(m.point.x + dx, m.point.y + dy), run: nil))
            }
        }
        let outcomes = stepRuns(runs, on: surface, steps: 400, noise: nil) { RunOutcome($0, minima: minima) }
        for (i, r) in outcomes.enumerated() {
            let o = try r.get()
            #expect(rule.category(of: o) == .minimum(i / 3), "\(runs[i].label): \(o)")
        }
    }

    @Test func categoriesBesideTheMinima() {
        let minima = [Minimum(0, 0, value: 0), Minimum(4, 0, value: 0)]
        let rule = BasinRule(minima: minima, window: Domain(x: -50...50, y: -50...50))
        #expect(rule.radius == 1)  // a quarter of 4, under 2.5 % of the diagonal (3.5)
        func outcome(_ end: Point?, diverged: Int? = nil) -> RunOutcome {
            let path = Trajectory(label: "t", optimizer: "sgd", hyperparameters: Hyperparameters(), steps: 1,
                                  xs: end.map { [$0.x] } ?? [], ys: end.map { [$0.y] } ?? [], losses: end.map { _ in [1] } ?? [],
                                  divergedAt: diverged)
            return RunOutcome(path, minima: minima)
        }
        #expect(rule.category(of: outcome(Point(3.2, 0.1))) == .minimum(1))
        #expect(rule.category(of: outcome(Point(2, 0))) == .elsewhere)
        #expect(rule.category(of: outcome(Point(60, 0))) == .left)
        #expect(rule.category(of: outcome(Point(0, 0), diverged: 5)) == .diverged)
        #expect(rule.category(of: outcome(nil)) == .undefined)
        #expect(BasinCategory(text: "2", minima: 2) == .minimum(1))
        #expect(BasinCategory(text: "3", minima: 2) == nil)
        for c in [BasinCategory.minimum(0), .elsewhere, .left, .diverged, .undefined] {
            #expect(BasinCategory(text: c.text, minima: 2) == c)
        }
    }
}
