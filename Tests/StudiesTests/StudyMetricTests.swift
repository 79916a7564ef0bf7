import Optimizers
import Studies
import Surfaces
import Testing

/// `--metric final-loss|distance|steps-to TOL`, and what a run's outcome records.
@Suite struct StudyMetricTests {
    /// A made-up path on a surface whose minima are (0, 0) with f* = 1 and (4, 0).
    static let minima = [Minimum(0, 0, value: 1), Minimum(4, 0, value: 2)]

    static func path(_ points: [(Double, Double, Double)], diverged: Int? = nil) -> Trajectory {
        Trajectory(label: "t", optimizer: "sgd", hyperparameters: Hyperparameters(), steps: points.count - 1,
                   xs: points.map(\.0), ys: points.map(\.1), losses: points.map(\.2), divergedAt: diverged)
    }

    @Test func definitions() {
        let t = Self.path([(3, 4, 30), (1, 1, 5), (0.3, 0.4, 1.5), (0.03, 0.04, 1.01)])
        let o = RunOutcome(t, minima: Self.minima, tolerance: 0.5)
        #expect(o.end == Point(0.03, 0.04) && o.finalLoss == 1.01 && o.lastStep == 3)
        #expect(o.nearest == 0)
        #expect(abs(o.distance! - 0.05) < 1e-15)
        // f − f* ≤ 0.5 first at step 2 (1.5 − 1).
        #expect(o.stepsTo == 2)
        #expect(StudyMetric.finalLoss.value(of: o, minimumValue: 1) == .value(1.01 - 1))
        #expect(StudyMetric.distance.value(of: o, minimumValue: 1) == .value(o.distance!))
        #expect(StudyMetric.stepsTo(0.5).value(of: o, minimumValue: 1) == .value(2))
        // Not within 1e-3 before the last step.
        let strict = RunOutcome(t, minima: Self.minima, tolerance: 1e-3)
        #expect(StudyMetric.stepsTo(1e-3).value(of: strict, minimumValue: 1) == .notReached)
    }

    @Test func divergedRunsScoreDiverged() {
        let t = Self.path([(3, 4, 30), (1, 1, 1.2)], diverged: 2)
        let o = RunOutcome(t, minima: Self.minima, tolerance: 0.5)
        #expect(StudyMetric.finalLoss.value(of: o, minimumValue: 1) == .diverged)
        #expect(StudyMetric.distance.value(of: o, minimumValue: 1) == .diverged)
        // Reached the tolerance before diverging: that step counts.
        #expect(StudyMetric.stepsTo(0.5).value(of: o, minimumValue: 1) == .value(1))
        let strict = RunOutcome(t, minima: Self.minima, tolerance: 0.01)
        #expect(StudyMetric.stepsTo(0.01).value(of: strict, minimumValue: 1) == .diverged)
    }

    @Test func ordering() {
        #expect(MetricValue.value(1e9).isBetter(than: .notReached))
        #expect(MetricValue.notReached.isBetter(than: .diverged))
        #expect(!MetricValue.diverged.isBetter(than: .diverged))
        #expect(MetricValue.median([.value(3), .diverged, .value(1)]) == .value(3))
        #expect(MetricValue.median([.value(3), .value(1)]) == .value(2))
        #expect(MetricValue.median([.value(3), .diverged]) == .diverged)
    }

    @Test func parsing() throws {
        #expect(try StudyMetric.parse(["final-loss"]) == .finalLoss)
        #expect(try StudyMetric.parse(["steps-to", "1e-6"]) == .stepsTo(1e-6))
        #expect(try StudyMetric.parse(["steps-to=0.01"]) == .stepsTo(0.01))
        #expect(throws: StudyInputError("--metric steps-to needs a tolerance: e.g. --metric steps-to 1e-6 (steps until f − f* ≤ 1e-6)")) {
            try StudyMetric.parse(["steps-to"])
        }
        #expect(throws: StudyInputError("invalid --metric steps-to '-1'; expected a tolerance: a number >= 0, e.g. 1e-6")) {
            try StudyMetric.parse(["steps-to", "-1"])
        }
        #expect(throws: StudyInputError.self) { try StudyMetric.parse(["distanse"]) }
    }

    @Test func surfacesWithoutMinimaRefuseDistance() throws {
        try StudyMetric.distance.check(on: Surfaces.named("himmelblau")!)
        let saddle = Surfaces.named("saddle")!
        #expect(saddle.minima.isEmpty)
        try StudyMetric.finalLoss.check(on: saddle)
        #expect(throws: StudyInputError("--metric distance measures the distance to the nearest listed minimum; surface 'saddle' lists none (use final-loss, or list minima in the surface file)")) {
            try StudyMetric.distance.check(on: saddle)
        }
        #expect(throws: StudyInputError.self) { try StudyMetric.stepsTo(1).check(on: saddle) }
    }
}
