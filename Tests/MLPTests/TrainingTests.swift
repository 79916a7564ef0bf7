import Testing
import MNIST
import Optimizers
@testable import MLP

private func data(trainCount: Int = 4000) throws -> (LabeledData, LabeledData) {
    let d = try MNISTDataset.bundled()
    let f = d.train.features
    return (LabeledData(features: f, inputs: Array(d.train.images[0 ..< trainCount * f]), labels: Array(d.train.labels[0 ..< trainCount])),
            LabeledData(features: f, inputs: d.test.images, labels: d.test.labels))
}

private func run(_ text: String, _ train: LabeledData, _ test: LabeledData, _ config: TrainingConfig) throws -> TrainingResult {
    let spec = try OptimizerSpec.parseList(text)[0]
    return try MLP.train(try spec.kind.make(spec.overrides), label: spec.label, name: spec.name, train: train, test: test, config: config)
}

/// The article's finding at a smaller scale (a 784-32-10 net, 2,000 digits, 2 epochs of batch 50):
/// at lr 0.01 Adagrad, Adam and AdamW end the last epoch with a lower mean training loss than SGD and Adadelta.
@Test func adaptiveMethodsLearnFasterThanSGDAndAdadelta() throws {
    let (train, test) = try data(trainCount: 2000)
    let config = TrainingConfig(hidden: [32], epochs: 2, batchSize: 50, seed: 0)
    var last: [String: Double] = [:]
    for name in ["sgd", "adagrad", "adadelta", "adam", "adamw"] {
        last[name] = try run(name + ":lr=0.01", train, test, config).finalLoss
    }
    for fast in ["adagrad", "adam", "adamw"] {
        for slow in ["sgd", "adadelta"] {
            #expect(last[fast]! < last[slow]!, "\(fast) \(last[fast]!) vs \(slow) \(last[slow]!)")
        }
    }
}

@Test func everyOptimizerStartsFromTheSameWeightsAndOrder() throws {
    let (train, test) = try data(trainCount: 300)
    let config = TrainingConfig(hidden: [16], epochs: 2, batchSize: 100, seed: 4, evalEvery: 2)
    let a = try run("sgd:lr=0.01", train, test, config)
    let b = try run("adam", train, test, config)
    // The first batch loss depends only on the initial weights and the first batch.
    #expect(a.losses[0] == b.losses[0])
    #expect(a.losses.count == 6 && a.epochs == [1, 1, 1, 2, 2, 2])
    // Accuracy before training, every 2 iterations and at every epoch's end (iterations 3 and 6), in order, once each.
    #expect(a.accuracies.map(\.iteration) == [0, 2, 3, 4, 6])
    #expect(a.epochMeanLosses.count == 2)
    let again = try run("sgd:lr=0.01", train, test, config)
    #expect(again.losses == a.losses && again.accuracies == a.accuracies)
    let otherSeed = try run("sgd:lr=0.01", train, test, TrainingConfig(hidden: [16], epochs: 2, batchSize: 100, seed: 5))
    #expect(otherSeed.losses[0] != a.losses[0])
}

@Test func aSmallerLastBatchIsKept() throws {
    let (train, test) = try data(trainCount: 250)
    let r = try run("sgd", train, test, TrainingConfig(hidden: [8], epochs: 1, batchSize: 100))
    #expect(r.losses.count == 3)
}

@Test func divergenceEndsTheRunWithoutTrapping() throws {
    let (train, test) = try data(trainCount: 500)
    let r = try run("sgd:lr=1e30", train, test, TrainingConfig(hidden: [8], epochs: 3, batchSize: 100))
    #expect(r.divergedAt != nil)
    #expect(r.losses.count == r.divergedAt! - 1)
    #expect(r.losses.allSatisfy { $0.isFinite })
}

@Test func unusableSettingsAreRefusedByName() throws {
    let (train, test) = try data(trainCount: 100)
    #expect(throws: MLPError.invalidBatch(0)) { try run("sgd", train, test, TrainingConfig(batchSize: 0)) }
    #expect(throws: MLPError.invalidHidden("0")) { try run("sgd", train, test, TrainingConfig(hidden: [0])) }
    #expect(throws: MLPError.invalidEpochs(0)) { try run("sgd", train, test, TrainingConfig(epochs: 0)) }
    #expect(throws: MLPError.invalidEvalEvery(0)) { try run("sgd", train, test, TrainingConfig(evalEvery: 0)) }
    #expect(throws: MLPError.unknownActivation("gelu")) { try Activation(parsing: "gelu") }
    #expect(MLPError.unknownActivation("gelu").description == "unknown activation 'gelu'; accepted: relu, sigmoid, tanh")
}

/// The parameter callback sees the start and every step, in order, with the weights the next
/// iteration's loss is measured at.
@Test func observeSeesTheStartAndEveryStep() throws {
    let (train, test) = try data(trainCount: 250)
    let config = TrainingConfig(hidden: [8], epochs: 2, batchSize: 100, seed: 3)
    let spec = try OptimizerSpec.parseList("adam")[0]
    var seen: [Int] = []
    var first: [Float] = []
    var last: [Float] = []
    let result = try MLP.train(try spec.kind.make(spec.overrides), label: "adam", name: "adam", train: train, test: test,
                               config: config, observe: { iteration, p in
        seen.append(iteration)
        if iteration == 0 { first = Array(p) }
        last = Array(p)
    })
    #expect(seen == Array(0...6))
    #expect(first == (try Network(inputs: 784, hidden: [8], outputs: 10, activation: .relu)).initialParameters(seed: 3))
    #expect(result.losses.count == 6 && last != first)
}
