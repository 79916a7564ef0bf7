import Foundation
import MNIST
import Optimizers
import Stepping
import Testing
@testable import Models

/// Tests/ModelsTests/Fixtures/mlp-schedules.json, written by scripts/reference/gen_mlp_schedules.py.
struct ScheduleFixture: Decodable {
    struct Rates: Decodable { var spec: String; var every: String; var epochs: Int; var iterationsPerEpoch: Int; var lrs: [Double] }
    struct Step: Decodable { var spec: String; var lrs: [Double]; var values: [Float] }
    struct Steps: Decodable { var network: String; var seed: UInt64; var count: Int; var indices: [Int]; var optimizers: [Step] }
    var rates: [Rates]
    var steps: Steps

    static func load() throws -> ScheduleFixture {
        guard let url = Bundle.module.url(forResource: "Fixtures/mlp-schedules", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(ScheduleFixture.self, from: Data(contentsOf: url))
    }
}

private func parse(_ text: String) throws -> (OptimizerSpec, any Optimizer, Schedule?) {
    let spec = try OptimizerSpec.parseList(text)[0]
    return (spec, try spec.kind.make(spec.overrides), try spec.schedule.map { try Schedule.parse($0) })
}

/// The MLP's rate at every iteration equals torch's loop with the same schedule, stepped every
/// iteration or every epoch (40 iterations an epoch on the bundled subset with batch 100).
@Test func trainingRatesMatchTorchsLoop() throws {
    let fixture = try ScheduleFixture.load()
    #expect(fixture.rates.count >= 10)
    let d = try MNISTDataset.bundled()
    let train = LabeledData(features: d.train.features, inputs: d.train.images, labels: d.train.labels)
    let test = LabeledData(features: d.test.features, inputs: Array(d.test.images.prefix(100 * d.test.features)),
                           labels: Array(d.test.labels.prefix(100)))
    for c in fixture.rates {
        let (spec, optimizer, schedule) = try parse(c.spec)
        let config = TrainingConfig(epochs: c.epochs, batchSize: 100, seed: 1, scheduleEvery: ScheduleInterval(rawValue: c.every)!)
        #expect(train.count / config.batchSize == c.iterationsPerEpoch)
        let r = try Models.train(optimizer, label: spec.label, name: spec.name, schedule: schedule,
                                 model: try .mlp(inputs: 784, hidden: [4], outputs: 10, activation: .relu), loss: SoftmaxCrossEntropy(),
                                 train: train, test: test, config: config)
        #expect(r.schedule == spec.schedule)
        #expect(r.lrs.count == c.lrs.count, "\(c.spec) every \(c.every)")
        let wrong = zip(r.lrs, c.lrs).enumerated().first { abs($0.element.0 - $0.element.1) > 1e-12 * abs($0.element.1) }
        #expect(wrong == nil, "\(c.spec) every \(c.every): iteration \((wrong?.offset ?? 0) + 1) has lr \(wrong?.element.0 ?? 0), torch \(wrong?.element.1 ?? 0)")
    }
}

/// Six scheduled steps on the MLP (Float, one flat buffer) equal torch's per-tensor optimizers
/// with the same schedule: cycled momentum and beta1, AdaBound's and Lion's initial rate.
///
/// Tolerance 2e-5 relative (against the same floor as OptimizerStepTests): after six steps torch's
/// own float32 run differs from its float64 run by up to 7e-6 here (RMSprop and Adam with cycled
/// momentum, measured with scripts/reference/gen_mlp_schedules.py's network), so two float32
/// implementations may differ by twice that.
@Test func scheduledStepsOnTheMLPMatchTorch() throws {
    let fixture = try ScheduleFixture.load()
    let torch = try TorchFixture.load()
    let c = try #require(torch.cases.first { $0.name == fixture.steps.network })
    let (x, y) = try torch.batchInputs()
    let net = try c.network()
    let ws = Workspace(model: net, capacity: 8)
    let initial = net.initialParameters(seed: fixture.steps.seed)
    let floor = 1e-2 * (initial.map(abs).max() ?? 1)
    for reference in fixture.steps.optimizers {
        let (_, optimizer, scheduleOrNil) = try parse(reference.spec)
        let schedule = try #require(scheduleOrNil)
        var running = try schedule.start(lr: optimizer.learningRate, cycledMomentum: type(of: optimizer).cycledMomentum,
                                           steps: fixture.steps.count)
        var p = initial
        var g = [Float](repeating: 0, count: net.parameterCount)
        var state = optimizer.makeState(count: net.parameterCount, as: Float.self)
        var lrs: [Double] = []
        for k in 0..<fixture.steps.count {
            let loss = net.crossEntropy(p, x, y, gradient: &g, ws)
            let context = running.context(baseLr: optimizer.learningRate, step: k + 1)
            lrs.append(context.lr)
            p.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { g in optimizer.step(p, gradient: g, state: &state, context: context) } }
            try running.step(loss: Double(loss))
        }
        #expect(lrs == reference.lrs, "\(reference.spec)")
        let mismatches = zip(fixture.steps.indices, reference.values).filter {
            !close(p[$0.0], $0.1, relative: 2e-5, floor: max(floor, abs($0.1 - initial[$0.0])))
        }
        #expect(mismatches.isEmpty, "\(reference.spec): \(mismatches.count) of \(fixture.steps.indices.count) differ, first p[\(mismatches.first?.0 ?? -1)] = \(mismatches.first.map { p[$0.0] } ?? 0), torch \(mismatches.first?.1 ?? 0)")
    }
}

/// Noise on the MLP: σ = 0 changes nothing, a seed fixes the run, another seed changes it.
@Test func gradientNoiseOnTheMLPIsSeeded() throws {
    let d = try MNISTDataset.bundled()
    let f = d.train.features
    let train = LabeledData(features: f, inputs: Array(d.train.images[0 ..< 500 * f]), labels: Array(d.train.labels[0 ..< 500]))
    let test = LabeledData(features: f, inputs: Array(d.test.images[0 ..< 100 * f]), labels: Array(d.test.labels[0 ..< 100]))
    func run(_ noise: GradientNoise?) throws -> [Float] {
        let (spec, optimizer, _) = try parse("adam:lr=0.01")
        return try Models.train(optimizer, label: spec.label, name: spec.name,
                                model: try .mlp(inputs: 784, hidden: [8], outputs: 10, activation: .relu), loss: SoftmaxCrossEntropy(),
                                train: train, test: test, config: TrainingConfig(epochs: 1, batchSize: 100, seed: 2, noise: noise)).losses
    }
    let clean = try run(nil)
    #expect(try run(GradientNoise(sigma: 0, seed: 4)) == clean)
    let noisy = try run(GradientNoise(sigma: 0.1, decay: 0.55, seed: 4))
    #expect(noisy[0] == clean[0] && noisy[1] != clean[1])   // the first loss comes before any step
    #expect(try run(GradientNoise(sigma: 0.1, decay: 0.55, seed: 4)) == noisy)
    #expect(try run(GradientNoise(sigma: 0.1, decay: 0.55, seed: 5)) != noisy)
}
