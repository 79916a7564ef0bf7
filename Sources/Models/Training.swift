import Optimizers
import Stepping
#if canImport(Glibc)
import Glibc
#endif

/// How long a run lasts.
public enum TrainingLength: Sendable, Hashable {
    /// Passes over the training data.
    case epochs(Int)
    /// Optimizer steps, whatever the epochs (the last epoch may be cut short).
    case iterations(Int)
}

/// How each iteration's batch is drawn.
public enum Sampling: String, Sendable, Hashable, CaseIterable {
    /// Each epoch visits every record once, in a new order (torch's `DataLoader(shuffle=True)`);
    /// the epoch's last batch is smaller when the batch size does not divide the count.
    case shuffle
    /// Each batch is `batchSize` records drawn uniformly with replacement
    /// (`np.random.choice(count, batch)`, the textbook's loop); an epoch is ⌈count / batch⌉ batches.
    case replacement
}

/// How to train: length, batches, initial weights, evaluation, schedule stepping, noise, recording.
public struct TrainingConfig: Sendable, Hashable {
    public var length: TrainingLength
    public var batchSize: Int
    /// Seeds the initial weights and the batches; the same for every optimizer of a run.
    public var seed: UInt64
    /// How fresh weights are drawn (unless the run is given its initial parameters).
    public var initialization: Initialization
    public var sampling: Sampling
    /// Also measure test accuracy every this many iterations (it is always measured at every
    /// epoch's end and after the last iteration).
    public var evalEvery: Int?
    /// When a learning-rate schedule steps: after every iteration (default) or every epoch.
    public var scheduleEvery: ScheduleInterval
    /// Gradient noise added to every parameter's gradient, or nil.
    public var noise: GradientNoise?
    /// Also hand the parameters to the recorder every this many iterations (they are always
    /// handed over before the first step, at every epoch's end and after the last iteration).
    public var recordEvery: Int?

    public init(length: TrainingLength = .epochs(10), batchSize: Int = 100, seed: UInt64 = 0,
                initialization: Initialization = .torch, sampling: Sampling = .shuffle, evalEvery: Int? = nil,
                scheduleEvery: ScheduleInterval = .iteration, noise: GradientNoise? = nil, recordEvery: Int? = nil) {
        self.length = length; self.batchSize = batchSize; self.seed = seed; self.initialization = initialization
        self.sampling = sampling; self.evalEvery = evalEvery; self.scheduleEvery = scheduleEvery
        self.noise = noise; self.recordEvery = recordEvery
    }

    /// `length: .epochs(epochs)`.
    public init(epochs: Int, batchSize: Int = 100, seed: UInt64 = 0, evalEvery: Int? = nil,
                scheduleEvery: ScheduleInterval = .iteration, noise: GradientNoise? = nil) {
        self.init(length: .epochs(epochs), batchSize: batchSize, seed: seed, evalEvery: evalEvery,
                  scheduleEvery: scheduleEvery, noise: noise)
    }

    /// Refuses settings that cannot run, naming the value.
    public func validate() throws(ModelError) {
        guard batchSize > 0 else { throw .invalidBatch(batchSize) }
        switch length {
        case .epochs(let e): guard e > 0 else { throw .invalidEpochs(e) }
        case .iterations(let n): guard n > 0 else { throw .invalidIterations(n) }
        }
        if let k = evalEvery, k <= 0 { throw .invalidEvalEvery(k) }
        if let k = recordEvery, k <= 0 { throw .invalidRecordEvery(k) }
        if case .normal(let std) = initialization, !(std >= 0 && std.isFinite) { throw .invalidInitialization("normal:std=\(std)") }
    }

    /// The seed of the batches, apart from the weights' so the two streams do not overlap.
    var shuffleSeed: UInt64 { seed ^ 0x5368_7566_666c_6521 }

    /// Records per batch for `trainCount` records: with shuffling at most the count.
    public func batch(trainCount: Int) -> Int {
        sampling == .shuffle ? min(batchSize, max(1, trainCount)) : batchSize
    }

    /// Iterations in one epoch: ⌈count / batch⌉.
    public func iterationsPerEpoch(trainCount: Int) -> Int {
        let b = batch(trainCount: trainCount)
        return (max(1, trainCount) + b - 1) / b
    }

    /// Optimizer steps in the run.
    public func totalIterations(trainCount: Int) -> Int {
        switch length {
        case .epochs(let e): e * iterationsPerEpoch(trainCount: trainCount)
        case .iterations(let n): n
        }
    }

    /// Epochs begun in the run (the last one may be partial with ``TrainingLength/iterations(_:)``).
    public func epochCount(trainCount: Int) -> Int {
        let per = iterationsPerEpoch(trainCount: trainCount)
        return (totalIterations(trainCount: trainCount) + per - 1) / per
    }

    /// How many times a schedule steps in a run of `trainCount` records: once per iteration, or
    /// once per completed epoch (OneCycleLR's default `total_steps`).
    public func scheduleSteps(trainCount: Int) -> Int {
        scheduleEvery == .iteration ? totalIterations(trainCount: trainCount)
            : totalIterations(trainCount: trainCount) / iterationsPerEpoch(trainCount: trainCount)
    }
}

/// When the MLP's learning-rate schedule steps, as a torch loop calls `sched.step()`.
public enum ScheduleInterval: String, Sendable, Hashable, CaseIterable {
    /// After every optimizer step (plateau: with the batch's loss).
    case iteration
    /// After the last iteration of each epoch (plateau: with the epoch's mean batch loss).
    case epoch
}

/// Where a run is, reported after every iteration.
public struct TrainingProgress: Sendable {
    public var label: String
    /// 1-based, over the whole run.
    public var iteration: Int
    public var totalIterations: Int
    /// 1-based.
    public var epoch: Int
    public var epochs: Int
    /// This iteration's batch loss.
    public var loss: Float
    /// Measured after this iteration, if it was.
    public var testAccuracy: Double?
    /// Seconds since the run started.
    public var elapsed: Double
}

/// The parameters at one moment of a run, as handed to a recorder.
public struct ParameterRecord {
    /// Optimizer steps taken so far: 0 before the first.
    public var iteration: Int
    /// The epoch the last step belonged to (0 before the first step).
    public var epoch: Int
    /// Whether `iteration` completed an epoch.
    public var isEpochEnd: Bool
    /// The model's whole flat buffer; valid during the call only (copy what you keep).
    public var parameters: UnsafeBufferPointer<Float>
}

/// A test-set accuracy measured after `iteration` (1-based; 0 is before training, in epoch 0), during `epoch`.
public struct AccuracyPoint: Sendable, Hashable {
    public var iteration: Int
    public var epoch: Int
    /// Fraction correct, in [0, 1].
    public var accuracy: Double
}

/// The curves of one optimizer's run.
public struct TrainingResult: Sendable {
    public var label: String
    /// The registry name.
    public var optimizer: String
    public var hyperparameters: Hyperparameters
    /// The batch loss of every iteration, in order (iteration i+1 is `losses[i]`), measured before
    /// that iteration's step, as `loss = loss_fn(model(x), y); loss.backward(); opt.step()`.
    public var losses: [Float]
    /// The fraction of each iteration's batch classified correctly (before its step), for class
    /// targets; empty otherwise.
    public var batchAccuracies: [Double]
    /// The learning rate of every iteration's step (iteration i+1 is `lrs[i]`).
    public var lrs: [Double]
    /// The schedule's text, or nil for a constant rate.
    public var schedule: String?
    /// The epoch (1-based) of every iteration.
    public var epochs: [Int]
    /// Test accuracies: before training (iteration 0), at every epoch's end, every `evalEvery`
    /// iterations and after the last one.
    public var accuracies: [AccuracyPoint]
    /// The mean batch loss of each epoch (the last one possibly partial).
    public var epochMeanLosses: [Double]
    /// The iteration (1-based) whose loss or parameters stopped being finite; the run ends there.
    public var divergedAt: Int?
    /// The parameters after the last step (before the step that diverged, if one did).
    public var finalParameters: [Float]
    /// Wall-clock seconds of the run, evaluations included.
    public var seconds: Double

    /// The mean batch loss of the last epoch (of the last iterations recorded, if it diverged).
    public var finalLoss: Double { epochMeanLosses.last ?? .nan }
    /// The last accuracy measured.
    public var finalAccuracy: Double { accuracies.last?.accuracy ?? .nan }
}

/// At most this many bytes for the workspace that measures test accuracy: its chunks of records
/// are as large as fit (at most 1,000; a CNN's activations take much more room a record than an MLP's).
let evaluationBudget = 64 << 20

/// Trains a fresh model with `optimizer` and reports its curves.
///
/// Every run with the same `config` starts from the same weights (``Model/initialParameters(seed:initialization:)``,
/// or `initialParameters`) and draws the same batches (one ``shuffledOrder(count:using:)`` per epoch, as
/// torch's `DataLoader(shuffle=True)` with a fixed generator, or uniform draws with replacement), so curves
/// differ only by the optimizer. All parameters sit in one flat buffer and the optimizer updates them in
/// one `step` call per iteration, at the rate (and cycled momentum) the schedule gives, as torch's loop
/// `loss.backward(); opt.step(); sched.step()` does; with `config.scheduleEvery == .epoch` the schedule
/// steps once after each completed epoch instead. Gradient noise (``TrainingConfig/noise``) is added to
/// every gradient before the step, σₜ annealed by the iteration (t = 0 first).
///
/// - Parameters:
///   - label: the spec as written, for progress and results.
///   - name: the optimizer's registry name.
///   - schedule: the learning-rate schedule, or nil for a constant rate.
///   - test: records whose accuracy (for class targets) is measured during the run, or nil.
///   - initialParameters: the start (``Model/parameterCount`` values), instead of fresh weights.
///   - record: receives the parameters before the first step, every ``TrainingConfig/recordEvery``
///     iterations, at every epoch's end and after the last step (once per iteration).
///   - progress: called after every iteration.
/// - Throws: ``ModelError`` for a setting that cannot run, or a schedule torch would refuse.
/// - Complexity: O(iterations · batch · the model's work per record).
public func train<L: Loss>(_ optimizer: any Optimizer, label: String, name: String, schedule: Schedule? = nil,
                           model: Model, loss: L, train: Dataset<L.Target>, test: Dataset<L.Target>? = nil,
                           config: TrainingConfig, initialParameters: [Float]? = nil,
                           record: ((ParameterRecord) -> Void)? = nil,
                           progress: (TrainingProgress) -> Void = { _ in }) throws(ModelError) -> TrainingResult {
    try config.validate()
    try BLAS.load()
    guard train.count > 0 else { throw .emptyData("training") }
    if let test, test.count == 0 { throw .emptyData("test") }
    for data in [train] + (test.map { [$0] } ?? []) {
        guard data.features == model.inputCount else { throw .featureMismatch(model: model.inputCount, data: data.features) }
    }
    let width = train.targets.width
    try train.targets.check(outputs: model.outputCount)
    try test?.targets.check(outputs: model.outputCount)
    if let initialParameters {
        precondition(initialParameters.count == model.parameterCount, "initial parameters of another model")
    }

    let start = monotonicSeconds()
    var parameters = initialParameters ?? model.initialParameters(seed: config.seed, initialization: config.initialization)
    var gradient = [Float](repeating: 0, count: model.parameterCount)
    var state = optimizer.makeState(count: model.parameterCount, as: Float.self)
    let batch = config.batch(trainCount: train.count)
    let workspace = Workspace(model: model, capacity: batch)
    let evalWorkspace = test.map { test in
        let perRecord = Workspace.bytes(model: model, capacity: 1, training: false)
        return Workspace(model: model, capacity: max(1, min(test.count, 1000, evaluationBudget / max(1, perRecord))), training: false)
    }
    // Batches of a convolutional model are split over OpenBLAS's threads, each GEMM then on one
    // thread (DataParallel.swift says why) until the run ends. The split depends on the count asked
    // for (BLAS.threads), not on what runs at the same time: the same numbers whatever the schedule.
    let lanes = DataParallel<L>.lanes(model: model, batch: batch)
    let parallel = lanes > 1
        ? DataParallel(model: model, loss: loss, lanes: lanes, batch: batch, test: test,
                       evaluationCapacity: evalWorkspace?.capacity ?? 1)
        : nil
    if parallel != nil { BLAS.beginOneThreadPerCall() }
    defer { if parallel != nil { BLAS.endOneThreadPerCall() } }
    var batchInputs = [Float](repeating: 0, count: batch * train.features)
    var batchTargets = [L.Target.Element](); batchTargets.reserveCapacity(batch * width)
    var generator = SplitMix64(seed: config.shuffleSeed)
    let perEpoch = config.iterationsPerEpoch(trainCount: train.count)
    let total = config.totalIterations(trainCount: train.count)
    let epochCount = config.epochCount(trainCount: train.count)

    var result = TrainingResult(label: label, optimizer: name, hyperparameters: optimizer.values,
                                losses: [], batchAccuracies: [], lrs: [], schedule: schedule?.text,
                                epochs: [], accuracies: [], epochMeanLosses: [], divergedAt: nil,
                                finalParameters: [], seconds: 0)
    result.losses.reserveCapacity(total); result.epochs.reserveCapacity(total); result.lrs.reserveCapacity(total)
    let baseLr = optimizer.learningRate
    var scheduleState: ScheduleState?
    do {
        scheduleState = try schedule?.start(lr: baseLr, cycledMomentum: type(of: optimizer).cycledMomentum,
                                            steps: config.scheduleSteps(trainCount: train.count))
    } catch {
        throw .schedule(error.message)
    }
    var noise = config.noise.map { $0.stream(run: 1) }

    func accuracy(_ test: Dataset<L.Target>, _ w: Workspace) -> Double? {
        parameters.withUnsafeBufferPointer { p in
            (parallel?.evaluate(parameters: p) ?? model.evaluate(parameters: p, data: test, loss: loss, workspace: w)).accuracy
        }
    }
    func hand(iteration: Int, epoch: Int, epochEnd: Bool) {
        guard let record else { return }
        parameters.withUnsafeBufferPointer { p in
            record(ParameterRecord(iteration: iteration, epoch: epoch, isEpochEnd: epochEnd, parameters: p))
        }
    }
    hand(iteration: 0, epoch: 0, epochEnd: false)
    // Iteration 0: the accuracy of the initial weights, where every curve starts.
    if let test, let evalWorkspace, let a = accuracy(test, evalWorkspace) {
        result.accuracies.append(AccuracyPoint(iteration: 0, epoch: 0, accuracy: a))
    }

    var iteration = 0
    training: for epoch in 1...epochCount {
        let order = config.sampling == .shuffle ? shuffledOrder(count: train.count, using: &generator) : []
        var epochSum = 0.0, epochIterations = 0
        var first = 0
        for k in 0..<min(perEpoch, total - iteration) {
            let rows = config.sampling == .shuffle ? min(batch, train.count - first) : batch
            let indices: ArraySlice<Int> = config.sampling == .shuffle
                ? order[first ..< first + rows]
                : ArraySlice((0..<rows).map { _ in generator.nextIndex(below: train.count) })
            train.inputs.withUnsafeBufferPointer { src in
                batchInputs.withUnsafeMutableBufferPointer { dst in
                    for (r, i) in indices.enumerated() {
                        (dst.baseAddress! + r * train.features).update(from: src.baseAddress! + i * train.features, count: train.features)
                    }
                }
            }
            batchTargets.removeAll(keepingCapacity: true)
            for i in indices { batchTargets += train.targets.values[i * width ..< (i + 1) * width] }
            first += rows
            iteration += 1
            let epochEnd = k == perEpoch - 1

            var correct: Int? = nil
            let value = parameters.withUnsafeBufferPointer { p in
                batchInputs.withUnsafeBufferPointer { x in
                    batchTargets.withUnsafeBufferPointer { y in
                        gradient.withUnsafeMutableBufferPointer { g in
                            if let parallel {
                                let (v, c) = parallel.lossAndGradient(parameters: p, inputs: x.baseAddress!, targets: y.baseAddress!,
                                                                      width: width, rows: rows, gradient: g)
                                correct = c
                                return v
                            }
                            let v = model.lossAndGradient(parameters: p, inputs: UnsafeBufferPointer(rebasing: x[0..<rows * train.features]),
                                                          targets: y, loss: loss, gradient: g, workspace: workspace)
                            correct = L.Target.correctCount(outputs: workspace.lastOutputs, width: model.outputCount,
                                                            targets: y.baseAddress!, rows: rows)
                            return v
                        }
                    }
                }
            }
            guard value.isFinite else { result.divergedAt = iteration; break training }
            result.losses.append(value); result.epochs.append(epoch)
            if let correct { result.batchAccuracies.append(Double(correct) / Double(rows)) }
            epochSum += Double(value); epochIterations += 1

            if let n = config.noise {
                gradient.withUnsafeMutableBufferPointer { g in noise!.perturb(g, sigma: n.sigma(at: iteration - 1)) }
            }
            let context = scheduleState?.context(baseLr: baseLr, step: iteration) ?? .constant(baseLr, step: iteration)
            result.lrs.append(context.lr)
            parameters.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in optimizer.step(p, gradient: g, state: &state, context: context) }
            }
            if config.scheduleEvery == .iteration {
                do { try scheduleState?.step(loss: Double(value)) } catch { throw .schedule(error.message) }
            }

            let last = iteration == total
            var measured: Double? = nil
            if let test, let evalWorkspace, epochEnd || last || (config.evalEvery.map { iteration % $0 == 0 } ?? false),
               let a = accuracy(test, evalWorkspace) {
                measured = a
                result.accuracies.append(AccuracyPoint(iteration: iteration, epoch: epoch, accuracy: a))
            }
            if epochEnd || last || (config.recordEvery.map { iteration % $0 == 0 } ?? false) {
                hand(iteration: iteration, epoch: epoch, epochEnd: epochEnd)
            }
            progress(TrainingProgress(label: label, iteration: iteration, totalIterations: total, epoch: epoch,
                                      epochs: epochCount, loss: value, testAccuracy: measured,
                                      elapsed: monotonicSeconds() - start))
            if epochEnd, config.scheduleEvery == .epoch {
                do { try scheduleState?.step(loss: epochSum / Double(epochIterations)) } catch { throw .schedule(error.message) }
            }
        }
        result.epochMeanLosses.append(epochSum / Double(epochIterations))
    }
    if result.divergedAt != nil, !result.losses.isEmpty, result.epochMeanLosses.count < result.epochs.last! {
        // Keep the partial epoch's mean so the summary shows the last losses before the divergence.
        let last = result.epochs.last!
        let partial = zip(result.losses, result.epochs).filter { $0.1 == last }.map { Double($0.0) }
        result.epochMeanLosses.append(partial.reduce(0, +) / Double(partial.count))
    }
    result.finalParameters = parameters
    result.seconds = monotonicSeconds() - start
    return result
}

/// Seconds from a monotonic clock.
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
