import Foundation
import Optimizers
import Studies
import Surfaces
import Testing

@Suite struct TunerTests {
    static let lr = SearchDimension(name: "lr", lower: 1e-5, upper: 10, log: true)

    /// Runs a tuner to the end on `score`.
    static func run(_ t: inout Tuner, _ score: ([Double]) -> MetricValue) {
        while case let batch = t.proposals(), !batch.isEmpty { t.report(batch.map(score)) }
    }

    @Test func spendsExactlyTheBudgetAndFindsTheMinimum() {
        // A bowl in log10(lr) with its bottom at lr = 0.02.
        let score: ([Double]) -> MetricValue = { v in .value(pow(log10(v[0]) - log10(0.02), 2)) }
        for budget in [1, 7, 16, 64] {
            var t = Tuner(dimensions: [Self.lr], budget: budget, seed: 0, baseline: [0.001])
            Self.run(&t, score)
            #expect(t.evaluations.count == budget, "budget \(budget)")
            #expect(t.evaluations[0].phase == .baseline && t.evaluations[0].values == [0.001])
            #expect(Set(t.evaluations.map(\.values)).count == budget, "no value evaluated twice")
            #expect(t.evaluations.allSatisfy { Self.lr.contains($0.values[0]) })
        }
        var t = Tuner(dimensions: [Self.lr], budget: 64, seed: 0, baseline: [0.001])
        Self.run(&t, score)
        #expect(abs(t.best!.values[0] / 0.02 - 1) < 0.01, "\(t.best!)")
    }

    @Test func deterministicAndSeeded() {
        let beta1 = SearchDimension(name: "beta1", lower: 0.5, upper: 0.99, log: false)
        let score: ([Double]) -> MetricValue = { v in v[0] > 1 ? .diverged : .value(abs(log10(v[0]) + 2) + abs(v[1] - 0.8)) }
        func trial(seed: UInt64) -> [Evaluation] {
            var t = Tuner(dimensions: [Self.lr, beta1], budget: 40, seed: seed, baseline: nil)
            Self.run(&t, score)
            return t.evaluations
        }
        #expect(trial(seed: 3) == trial(seed: 3))
        #expect(trial(seed: 3) != trial(seed: 4))
        #expect(trial(seed: 3).count == 40)
    }

    @Test func valuesAreRoundedToTheResolution() {
        #expect(Self.lr.rounded(0.0123456) == 0.0123)
        let beta1 = SearchDimension(name: "beta1", lower: 0.5, upper: 0.99, log: false)
        #expect(beta1.rounded(0.87012) == 0.87)
        #expect(beta1.value(at: 1) == 0.99 && beta1.value(at: 0) == 0.5)
    }

    @Test func spaceParsing() throws {
        let adam = OptimizerRegistry.named("adam")!, sgd = OptimizerRegistry.named("sgd")!
        let s = try SearchSpace.parse(["beta1=0.5:0.99"], kinds: [adam, sgd])
        #expect(s.dimensions.map(\.name) == ["lr", "beta1"])
        #expect(s.dimensions[0] == Self.lr && !s.dimensions[1].log)
        #expect(try SearchSpace.parse(["lr=1e-4:1"], kinds: [adam]).dimensions == [SearchDimension(name: "lr", lower: 1e-4, upper: 1, log: true)])
        #expect(throws: StudyInputError.self) { try SearchSpace.parse(["beta1=0.5:1.2"], kinds: [adam]) }
        #expect(throws: StudyInputError.self) { try SearchSpace.parse(["amsgrad=0:1"], kinds: [adam]) }
        #expect(throws: StudyInputError.self) { try SearchSpace.parse(["nope=0:1"], kinds: [adam]) }
    }
}
