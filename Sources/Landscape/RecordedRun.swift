import Models
import Optimizers
import Stepping

/// One optimizer's training run with the weights it passed through: before the first step, every
/// `recordEvery` iterations, at every epoch's end and after the last step.
public struct RecordedRun: Sendable {
    public var result: TrainingResult
    /// The iteration of each record (0: the start).
    public var iterations: [Int]
    /// The epoch each record ended (0 for the start; a record between epoch ends belongs to the
    /// epoch it is in).
    public var epochs: [Int]
    /// `iterations.count × parameterCount` values, record after record.
    public var weights: [Float]
    public var parameterCount: Int

    public var count: Int { iterations.count }

    /// Record `k`'s weights.
    public func record(_ k: Int) -> ArraySlice<Float> {
        weights[(k * parameterCount)..<((k + 1) * parameterCount)]
    }

    /// The last record's weights (where the run ended, or its last finite point if it diverged).
    public var final: [Float] { Array(record(count - 1)) }
}

/// Trains `model` with `optimizer` as `Models.train` does (same start, same batches as every other
/// optimizer of the run) and keeps the weights its recorder hands over with `recordEvery`: at
/// iteration 0, every `recordEvery` iterations, at every epoch's end and after the last step.
/// Weights that are no longer finite (a diverging run) are not kept.
///
/// - Complexity: the training's, plus O(parameterCount) per record.
public func trainRecording(_ optimizer: any Optimizer, label: String, name: String, schedule: Schedule?,
                           model: Model, train: LabeledData, test: LabeledData, config: TrainingConfig, recordEvery: Int,
                           progress: (TrainingProgress) -> Void = { _ in }) throws(ModelError) -> RecordedRun {
    precondition(recordEvery >= 1)
    var config = config
    config.recordEvery = recordEvery
    var iterations: [Int] = [], epochs: [Int] = [], weights: [Float] = []
    let result = try Models.train(optimizer, label: label, name: name, schedule: schedule, model: model, loss: SoftmaxCrossEntropy(),
                                  train: train, test: test, config: config, record: { record in
        guard record.parameters.allSatisfy(\.isFinite) else { return }
        iterations.append(record.iteration)
        epochs.append(record.epoch)
        weights.append(contentsOf: record.parameters)
    }, progress: progress)
    return RecordedRun(result: result, iterations: iterations, epochs: epochs, weights: weights, parameterCount: model.parameterCount)
}

/// How many records a run of `iterations` steps keeps with `recordEvery`: the start, every
/// multiple of `recordEvery` and of `perEpoch`, and the last step.
public func recordCount(iterations: Int, perEpoch: Int, recordEvery: Int) -> Int {
    precondition(iterations >= 0 && perEpoch >= 1 && recordEvery >= 1)
    var n = 1
    for i in stride(from: 1, through: iterations, by: 1) where i % recordEvery == 0 || i % perEpoch == 0 || i == iterations { n += 1 }
    return n
}
