import Optimizers
import Stepping
#if canImport(Glibc)
import Glibc
#endif

/// Records to learn from: `count` rows of `features` Floats, each with a class label.
public struct LabeledData: Sendable {
    public var count: Int
    public var features: Int
    /// `count × features` values, row-major.
    public var inputs: [Float]
    public var labels: [UInt8]

    public init(features: Int, inputs: [Float], labels: [UInt8]) {
        precondition(features > 0 && inputs.count == labels.count * features, "inputs must hold count × features values")
        self.features = features; self.inputs = inputs; self.labels = labels; self.count = labels.count
    }
}

/// What to train and how: the network's hidden layers and activation, and the schedule.
public struct TrainingConfig: Sendable, Hashable {
    /// Widths of the hidden layers: `[128]` is 784-128-10.
    public var hidden: [Int]
    public var activation: Activation
    public var epochs: Int
    public var batchSize: Int
    /// Seeds the initial weights and the shuffles; the same for every optimizer of a run.
    public var seed: UInt64
    /// Also measure test accuracy every this many iterations (it is always measured at every epoch's end).
    public var evalEvery: Int?
    /// Number of classes (the network's outputs).
    public var classes: Int
    /// When a learning-rate schedule steps: after every iteration (default) or every epoch.
    public var scheduleEvery: ScheduleInterval
    /// Gradient noise added to every parameter's gradient, or nil.
    public var noise: GradientNoise?

    public init(hidden: [Int] = [128], activation: Activation = .relu, epochs: Int = 10, batchSize: Int = 100,
                seed: UInt64 = 0, evalEvery: Int? = nil, classes: Int = 10, scheduleEvery: ScheduleInterval = .iteration,
                noise: GradientNoise? = nil) {
        self.hidden = hidden; self.activation = activation; self.epochs = epochs; self.batchSize = batchSize
        self.seed = seed; self.evalEvery = evalEvery; self.classes = classes
        self.scheduleEvery = scheduleEvery; self.noise = noise
    }

    /// Refuses settings that cannot run, naming the value.
    public func validate() throws(MLPError) {
        guard hidden.allSatisfy({ $0 > 0 }) else { throw .invalidHidden(hidden.map(String.init).joined(separator: ",")) }
        guard batchSize > 0 else { throw .invalidBatch(batchSize) }
        guard epochs > 0 else { throw .invalidEpochs(epochs) }
        if let k = evalEvery, k <= 0 { throw .invalidEvalEvery(k) }
    }

    /// The seed of the shuffles, apart from the weights' so the two streams do not overlap.
    var shuffleSeed: UInt64 { seed ^ 0x5368_7566_666c_6521 }

    /// How many times a schedule steps in a run of `trainCount` records: once per iteration, or
    /// once per epoch (OneCycleLR's default `total_steps`).
    public func scheduleSteps(trainCount: Int) -> Int {
        let batch = min(batchSize, max(1, trainCount))
        let perEpoch = (trainCount + batch - 1) / batch
        return scheduleEvery == .iteration ? perEpoch * epochs : epochs
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
    /// The batch loss of every iteration, in order (iteration i+1 is `losses[i]`).
    public var losses: [Float]
    /// The learning rate of every iteration's step (iteration i+1 is `lrs[i]`).
    public var lrs: [Double]
    /// The schedule's text, or nil for a constant rate.
    public var schedule: String?
    /// The epoch (1-based) of every iteration.
    public var epochs: [Int]
    /// Test accuracies: before training (iteration 0), at every epoch's end and every `evalEvery` iterations.
    public var accuracies: [AccuracyPoint]
    /// The mean batch loss of each completed epoch.
    public var epochMeanLosses: [Double]
    /// The iteration (1-based) whose loss or parameters stopped being finite; the run ends there.
    public var divergedAt: Int?
    /// Wall-clock seconds of the run, evaluations included.
    public var seconds: Double

    /// The mean batch loss of the last epoch (of the last iterations recorded, if it diverged).
    public var finalLoss: Double { epochMeanLosses.last ?? .nan }
    /// The last accuracy measured.
    public var finalAccuracy: Double { accuracies.last?.accuracy ?? .nan }
}

/// Trains a fresh network with `optimizer` and reports its curves.
///
/// Every run with the same `config` starts from the same weights (``Network/initialParameters(seed:)``)
/// and visits the records in the same order (one ``shuffledOrder(count:using:)`` per epoch, as torch's
/// `DataLoader(shuffle=True)` with a fixed generator), so curves differ only by the optimizer. Each epoch
/// covers every record once; the last batch is smaller when `batchSize` does not divide the count
/// (`drop_last=False`). All parameters sit in one flat buffer and the optimizer updates them in one
/// `step` call per iteration, at the rate (and cycled momentum) the schedule gives, as torch's
/// loop `loss.backward(); opt.step(); sched.step()` does; with `config.scheduleEvery == .epoch`
/// the schedule steps once after each epoch instead. Gradient noise (``TrainingConfig/noise``)
/// is added to every gradient before the step, σₜ annealed by the iteration (t = 0 first).
///
/// - Parameters:
///   - label: the spec as written, for progress and results.
///   - name: the optimizer's registry name.
///   - schedule: the learning-rate schedule, or nil for a constant rate.
///   - progress: called after every iteration.
///   - observe: called with the parameters before the first step (iteration 0) and after every
///     step (its 1-based iteration), before `progress`; the buffer is valid during the call only.
/// - Throws: ``MLPError`` for a setting that cannot run, or a schedule torch would refuse.
/// - Complexity: O(epochs · train.count · parameterCount).
public func train(_ optimizer: any Optimizer, label: String, name: String, schedule: Schedule? = nil,
                  train: LabeledData, test: LabeledData, config: TrainingConfig,
                  progress: (TrainingProgress) -> Void = { _ in },
                  observe: (_ iteration: Int, _ parameters: UnsafeBufferPointer<Float>) -> Void = { _, _ in }) throws(MLPError) -> TrainingResult {
    try config.validate()
    try BLAS.load()
    guard train.count > 0 else { throw .emptyData("training") }
    guard test.count > 0 else { throw .emptyData("test") }
    guard train.features == test.features else { throw .featureMismatch(network: train.features, data: test.features) }
    let network = try Network(inputs: train.features, hidden: config.hidden, outputs: config.classes, activation: config.activation)
    if let bad = (train.labels + test.labels).first(where: { Int($0) >= config.classes }) {
        throw .labelOutOfRange(label: Int(bad), classes: config.classes)
    }

    let start = monotonicSeconds()
    var parameters = network.initialParameters(seed: config.seed)
    var gradient = [Float](repeating: 0, count: network.parameterCount)
    var state = optimizer.makeState(count: network.parameterCount, as: Float.self)
    let batch = min(config.batchSize, train.count)
    let workspace = Workspace(network: network, capacity: batch)
    let evalWorkspace = Workspace(network: network, capacity: min(test.count, 1000))
    var batchInputs = [Float](repeating: 0, count: batch * train.features)
    var batchLabels = [UInt8](repeating: 0, count: batch)
    var generator = SplitMix64(seed: config.shuffleSeed)
    let perEpoch = (train.count + batch - 1) / batch
    let total = perEpoch * config.epochs

    var result = TrainingResult(label: label, optimizer: name, hyperparameters: optimizer.values,
                                losses: [], lrs: [], schedule: schedule?.text,
                                epochs: [], accuracies: [], epochMeanLosses: [], divergedAt: nil, seconds: 0)
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

    func accuracy() -> Double {
        let correct = parameters.withUnsafeBufferPointer { p in
            test.inputs.withUnsafeBufferPointer { x in
                test.labels.withUnsafeBufferPointer { y in
                    network.correctCount(parameters: p, inputs: x, labels: y, workspace: evalWorkspace)
                }
            }
        }
        return Double(correct) / Double(test.count)
    }

    // Iteration 0: the accuracy of the initial weights, where every curve starts.
    result.accuracies.append(AccuracyPoint(iteration: 0, epoch: 0, accuracy: accuracy()))
    var iteration = 0
    parameters.withUnsafeBufferPointer { observe(0, $0) }
    training: for epoch in 1...config.epochs {
        let order = shuffledOrder(count: train.count, using: &generator)
        var epochSum = 0.0, epochCount = 0
        var first = 0
        while first < train.count {
            let rows = min(batch, train.count - first)
            train.inputs.withUnsafeBufferPointer { src in
                batchInputs.withUnsafeMutableBufferPointer { dst in
                    for r in 0..<rows {
                        let from = src.baseAddress! + order[first + r] * train.features
                        (dst.baseAddress! + r * train.features).update(from: from, count: train.features)
                    }
                }
            }
            for r in 0..<rows { batchLabels[r] = train.labels[order[first + r]] }
            first += rows
            iteration += 1

            let loss = parameters.withUnsafeBufferPointer { p in
                batchInputs.withUnsafeBufferPointer { x in
                    batchLabels.withUnsafeBufferPointer { y in
                        gradient.withUnsafeMutableBufferPointer { g in
                            network.lossAndGradient(parameters: p, inputs: UnsafeBufferPointer(rebasing: x[0..<rows * train.features]),
                                                    labels: UnsafeBufferPointer(rebasing: y[0..<rows]), gradient: g, workspace: workspace)
                        }
                    }
                }
            }
            guard loss.isFinite else { result.divergedAt = iteration; break training }
            result.losses.append(loss); result.epochs.append(epoch)
            epochSum += Double(loss); epochCount += 1

            if let n = config.noise {
                gradient.withUnsafeMutableBufferPointer { g in noise!.perturb(g, sigma: n.sigma(at: iteration - 1)) }
            }
            let context = scheduleState?.context(baseLr: baseLr, step: iteration) ?? .constant(baseLr, step: iteration)
            result.lrs.append(context.lr)
            parameters.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in optimizer.step(p, gradient: g, state: &state, context: context) }
            }
            if config.scheduleEvery == .iteration {
                do { try scheduleState?.step(loss: Double(loss)) } catch { throw .schedule(error.message) }
            }
            parameters.withUnsafeBufferPointer { observe(iteration, $0) }

            var measured: Double? = nil
            if first >= train.count || (config.evalEvery.map { iteration % $0 == 0 } ?? false) {
                let a = accuracy()
                measured = a
                result.accuracies.append(AccuracyPoint(iteration: iteration, epoch: epoch, accuracy: a))
            }
            progress(TrainingProgress(label: label, iteration: iteration, totalIterations: total, epoch: epoch,
                                      epochs: config.epochs, loss: loss, testAccuracy: measured,
                                      elapsed: monotonicSeconds() - start))
        }
        result.epochMeanLosses.append(epochSum / Double(epochCount))
        if config.scheduleEvery == .epoch {
            do { try scheduleState?.step(loss: epochSum / Double(epochCount)) } catch { throw .schedule(error.message) }
        }
    }
    if result.divergedAt != nil, !result.losses.isEmpty, result.epochMeanLosses.count < result.epochs.last! {
        // Keep the partial epoch's mean so the summary shows the last losses before the divergence.
        let last = result.epochs.last!
        let partial = zip(result.losses, result.epochs).filter { $0.1 == last }.map { Double($0.0) }
        result.epochMeanLosses.append(partial.reduce(0, +) / Double(partial.count))
    }
    result.seconds = monotonicSeconds() - start
    return result
}

/// Seconds from a monotonic clock.
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
