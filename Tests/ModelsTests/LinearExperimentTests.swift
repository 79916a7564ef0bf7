import Foundation
import Optimizers
import Testing
@testable import Models

/// Tests/ModelsTests/Fixtures/linear-torch.json, written by scripts/models/gen_fixtures.py with torch (float32):
/// the linear experiment's draws for seed 0 and, for seeds 0...3, the 41 losses (before each of 40 steps and
/// after the last) of the four default optimizers under MSELoss and L1Loss.
struct LinearFixture: Decodable {
    struct Draws: Decodable { var x: [Float]; var w: Float; var y: [Float]; var weight: [Float] }
    struct Case: Decodable { var seed: UInt64; var loss: String; var curves: [String: [Double]] }
    var draws_seed0: Draws
    var cases: [Case]

    static func load() throws -> LinearFixture {
        guard let url = Bundle.module.url(forResource: "Fixtures/linear-torch", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(LinearFixture.self, from: Data(contentsOf: url))
    }
}

/// The 41 losses of one optimizer's run of the experiment, as `trajviz linear` computes them: the
/// training loop's loss before every step, then the loss after the last.
func linearCurve<L: Loss>(_ name: String, loss: L, seed: UInt64, steps: Int = 40) throws -> [Double] where L.Target == TargetValues {
    let experiment = LinearExperiment(seed: seed)
    var overrides = Hyperparameters()
    for (key, value) in LinearExperiment.settings[name] ?? [] { overrides[key] = .number(value) }
    let optimizer = try OptimizerRegistry.named(name)!.make(overrides)
    let model = experiment.model
    let r = try train(optimizer, label: name, name: name, model: model, loss: loss, train: experiment.data,
                      config: TrainingConfig(length: .iterations(steps), batchSize: 1, seed: seed))
    let last = r.finalParameters.withUnsafeBufferPointer {
        model.evaluate(parameters: $0, data: experiment.data, loss: loss, workspace: Workspace(model: model, capacity: 1, training: false)).loss
    }
    return r.losses.map(Double.init) + [last]
}

/// x, w, y and the initial weights are the generator's (the same draws torch was given).
@Test func linearDrawsEqualTheGeneratorScripts() throws {
    let d = try LinearFixture.load().draws_seed0
    let e = LinearExperiment(seed: 0)
    #expect(e.x == d.x && e.w == d.w && e.y == d.y)
    #expect(e.model.initialParameters(seed: 0) == d.weight)
}

/// The 40-step loss curves of sgd, momentum, adam and rmsprop under MSE and L1 for four seeds equal
/// torch's within 1e-5 relative. Below 1e-3 the comparison is against 1e-3: the outputs are near
/// y ≈ 2, so float32 rounds each residual by about 1e-7 and a smaller loss carries more than 1e-5
/// of relative noise in torch's own float32 run (its MSE curves fall to 1e-14).
@Test func linearCurvesMatchTorch() throws {
    let fixture = try LinearFixture.load()
    #expect(fixture.cases.count == 8)
    for c in fixture.cases {
        #expect(Set(c.curves.keys) == Set(LinearExperiment.defaultOptimizers))
        for (name, torch) in c.curves.sorted(by: { $0.key < $1.key }) {
            let ours = c.loss == "mse" ? try linearCurve(name, loss: MeanSquaredError(), seed: c.seed)
                                       : try linearCurve(name, loss: MeanAbsoluteError(), seed: c.seed)
            #expect(ours.count == 41 && torch.count == 41)
            let errors = zip(ours, torch).map { abs($0 - $1) / max(abs($1), 1e-3) }
            let worst = errors.indices.max { errors[$0] < errors[$1] }!
            #expect(errors[worst] <= 1e-5, "seed \(c.seed) \(c.loss) \(name): step \(worst) \(ours[worst]) vs torch \(torch[worst]) (\(errors[worst]))")
        }
    }
}

/// The check on the default seed: under L1 every optimizer stays above 1e-3 after 40 steps,
/// under MSE at least one falls below 1e-6.
@Test func l1KeepsEveryOptimizerAwayFromZeroWhileMSEReachesIt() throws {
    var mse: [Double] = [], l1: [Double] = []
    for name in LinearExperiment.defaultOptimizers {
        mse.append(try linearCurve(name, loss: MeanSquaredError(), seed: 0).last!)
        l1.append(try linearCurve(name, loss: MeanAbsoluteError(), seed: 0).last!)
    }
    #expect(l1.allSatisfy { $0 > 1e-3 }, "\(l1)")
    #expect(mse.contains { $0 < 1e-6 }, "\(mse)")
}
