import Models
import MNIST
import Optimizers
#if canImport(Glibc)
import Glibc
#endif

/// `trajviz-bench mnist [--model mlp|cnn] [--epochs N] [--batch B] [--hidden H] [--opt SPEC] [--lr LR] [--threads T] [--seed S]`
///
/// Trains the MLP (or the CNN) on the bundled subset as scripts/bench/torch_mnist.py does (same network, data,
/// batch, epochs, optimizer; test accuracy at every epoch's end) and prints, per optimizer, one line
/// of `key=value` fields: `epoch_seconds` is the median time of the epochs after the first (the
/// steady state, without first-touch costs), `epoch_cpu_seconds` the median CPU time (all threads) of those epochs, `train_seconds` the whole training, `load_seconds` the
/// data loading. scripts/bench-mnist.sh compares them with torch's.
func runMNISTBenchmark(_ arguments: [String]) {
    var epochs = 5, batch = 100, hidden = [128], threads = 1, seed: UInt64 = 0
    var specs: [String] = [], lr: Double? = nil, modelName = "mlp"
    var i = 0
    func value() -> String {
        i += 1
        guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
        return arguments[i]
    }
    while i < arguments.count {
        switch arguments[i] {
        case "--model": modelName = value()
        case "--epochs": epochs = Int(value()) ?? 0
        case "--batch": batch = Int(value()) ?? 0
        case "--hidden": hidden = value().split(separator: ",").map { Int($0) ?? 0 }
        case "--threads": threads = Int(value()) ?? 0
        case "--seed": seed = UInt64(value()) ?? 0
        case "--opt": specs.append(value())
        case "--lr": lr = Double(value())
        default: fail("unknown argument \(arguments[i])")
        }
        i += 1
    }
    guard epochs > 1, batch > 0, threads > 0, hidden.allSatisfy({ $0 > 0 }) else { fail("bad numbers") }
    if specs.isEmpty { specs = ["adam:lr=0.001"] }
    let blas: BLASInfo
    do { blas = try BLAS.load(threads: threads) } catch { fail(error.description) }

    let loadStart = now()
    let data: MNISTDataset
    do { data = try MNISTDataset.bundled() } catch { fail(error.description) }
    let train = LabeledData(features: data.train.features, inputs: data.train.images, labels: data.train.labels)
    let test = LabeledData(features: data.test.features, inputs: data.test.images, labels: data.test.labels)
    let loadSeconds = now() - loadStart
    let config = TrainingConfig(epochs: epochs, batchSize: batch, seed: seed)
    let model: Model
    switch modelName {
    case "mlp": do { model = try .mlp(inputs: 784, hidden: hidden, outputs: 10, activation: .relu) } catch { fail(error.description) }
    case "cnn": model = .cnn()
    default: fail("unknown model \(modelName)")
    }

    do {
        for text in specs {
            for spec in try OptimizerSpec.parseList(text) {
                var overrides = spec.overrides
                if let lr, overrides["lr"] == nil { overrides["lr"] = .number(lr) }
                let optimizer = try spec.kind.make(overrides)
                var epochEnds: [Double] = [], epochCPUEnds: [Double] = []
                let result = try Models.train(optimizer, label: spec.label, name: spec.name, model: model, loss: SoftmaxCrossEntropy(),
                                              train: train, test: test, config: config, progress: { p in
                    if p.testAccuracy != nil, p.iteration % ((train.count + batch - 1) / batch) == 0 {
                        epochEnds.append(p.elapsed); epochCPUEnds.append(cpuSeconds())
                    }
                })
                let durations = zip(epochEnds.dropFirst(), epochEnds).map { $0 - $1 }.sorted()
                let median = durations.isEmpty ? .nan : durations[durations.count / 2]
                let cpu = zip(epochCPUEnds.dropFirst(), epochCPUEnds).map { $0 - $1 }.sorted()
                let cpuMedian = cpu.isEmpty ? .nan : cpu[cpu.count / 2]
                print("model=\(modelName) optimizer=\(spec.label) threads=\(threads) kernels=\(blas.kernels) epoch_seconds=\(median) epoch_cpu_seconds=\(cpuMedian) train_seconds=\(result.seconds) "
                      + "load_seconds=\(loadSeconds) final_loss=\(result.finalLoss) accuracy=\(result.finalAccuracy) "
                      + "epoch_losses=\(result.epochMeanLosses.map { String(format4($0)) }.joined(separator: ","))")
            }
        }
    } catch let error as SpecError {
        fail(error.description)
    } catch {
        fail("\(error)")
    }
}

private func format4(_ v: Double) -> String { String(Double(Int((v * 10_000).rounded())) / 10_000) }

/// CPU seconds of the whole process (every thread), to compare work on a machine others share.
private func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private func fail(_ message: String) -> Never {
    FileHandleStandardError.write("trajviz-bench mnist: \(message)\n")
    exit(2)
}

/// Writes to file descriptor 2 (the `stderr` global is not concurrency-safe in Swift 6 mode).
private enum FileHandleStandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
}
