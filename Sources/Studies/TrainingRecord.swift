import Optimizers
import Regression

/// A test-set accuracy of a training run: measured after `iteration` (0: before training), in `epoch`.
public struct TestAccuracy: Sendable, Hashable {
    public var iteration: Int
    public var epoch: Int
    /// Fraction correct, in [0, 1].
    public var accuracy: Double
    public init(iteration: Int, epoch: Int, accuracy: Double) {
        self.iteration = iteration; self.epoch = epoch; self.accuracy = accuracy
    }
}

/// One run of `trajviz mnist`: an optimizer spec trained at one rate, with every curve the CSV and
/// the figures show, so that `replay` draws and writes them again without training.
public struct TrainingRunRecord: Sendable, Hashable {
    /// The run's label: the spec as written (`adam:lr=0.01`), or with several `--lr` rates the
    /// spec and the rate (`adam lr=0.001`, `adam:weight_decay=0.01 lr=0.1`).
    public var label: String
    /// The spec as written (the row of a rate sweep's figure).
    public var spec: String
    /// The registry name.
    public var optimizer: String
    /// The swept `--lr` rate of this run; nil without a sweep.
    public var rate: Double?
    /// Every hyperparameter the rule was built with, defaults included, in the rule's order.
    public var hyperparameters: Hyperparameters
    public var schedule: String?
    /// The legend text of the one-rate figure (`adam lr=0.01`, a spec's `label=`, the divergence).
    public var legend: String
    /// A spec's `color=` (0xRRGGBB).
    public var color: UInt32?
    public var divergedAt: Int?
    /// Per iteration (iteration i+1 at index i): its epoch, the batch loss before its step, the
    /// batch's accuracy, the rate of its step.
    public var epochs: [Int]
    public var losses: [Float]
    public var batchAccuracies: [Double]
    public var lrs: [Double]
    public var accuracies: [TestAccuracy]
    /// The mean batch loss of each epoch.
    public var epochMeanLosses: [Double]

    public init(label: String, spec: String, optimizer: String, rate: Double?, hyperparameters: Hyperparameters,
                schedule: String?, legend: String, color: UInt32?, divergedAt: Int?, epochs: [Int], losses: [Float],
                batchAccuracies: [Double], lrs: [Double], accuracies: [TestAccuracy], epochMeanLosses: [Double]) {
        self.label = label; self.spec = spec; self.optimizer = optimizer; self.rate = rate
        self.hyperparameters = hyperparameters; self.schedule = schedule; self.legend = legend; self.color = color
        self.divergedAt = divergedAt; self.epochs = epochs; self.losses = losses; self.batchAccuracies = batchAccuracies
        self.lrs = lrs; self.accuracies = accuracies; self.epochMeanLosses = epochMeanLosses
    }

    /// The last test accuracy measured (NaN when none was).
    public var finalAccuracy: Double { accuracies.last?.accuracy ?? .nan }
    /// The mean batch loss of the last epoch (NaN when none).
    public var finalLoss: Double { epochMeanLosses.last ?? .nan }

    /// The label of the run of `spec` at the swept `rate`: `adam lr=0.001`.
    public static func label(spec: String, rate: Double) -> String { "\(spec) lr=\(formatNumber(rate))" }
}

/// The `--json` file of `trajviz mnist`: the setup as asked (every default filled in), the swept
/// rates, and every run's curves, so that `trajviz replay` draws the figure and writes the CSV
/// again without training. Numbers read back to the identical Float or Double; the same run gives
/// the same bytes (no timings are recorded).
///
///     {
///       "format": 1, "kind": "mnist", "trajviz_version": "0.1.0",
///       "title": "MLP 784-128-10 (relu) on the bundled MNIST subset, batch 100",
///       "setup": {"model": "mlp", "summary": "...", "data": null, "batch": 100, "seed": 0, ...},
///       "rates": [0.0001, 0.001] or null,            // --lr with several rates; null for one
///       "runs": [{"label": "adam lr=0.001", "spec": "adam", "optimizer": "adam", "rate": 0.001 or null,
///                 "hyperparameters": {"lr": 0.001, ...}, "schedule": null, "legend": "adam lr=0.001",
///                 "color": "#1f77b4" or null, "diverged_at": null,
///                 "epoch": [...], "loss": [...], "batch_accuracy": [...], "lr": [...],
///                 "test_accuracy": [[iteration, epoch, accuracy], ...], "epoch_mean_loss": [...]}]
///     }
///
/// A loss that is not finite (the iteration a run diverged) is written as the string `"nan"`,
/// `"inf"` or `"-inf"`.
public struct TrainingRecord: Sendable, Hashable {
    public static let format = 1
    /// The value of the `kind` member that tells an mnist manifest from the others.
    public static let kind = "mnist"

    public var version: String
    public var title: String
    /// What the command was asked, passed through (documentation; replay needs only the runs).
    public var setup: JSONValue
    /// The swept rates, increasing; empty without a sweep.
    public var rates: [Double]
    /// Runs in order: spec by spec, each at every rate in increasing order.
    public var runs: [TrainingRunRecord]

    public init(version: String = trajvizVersion, title: String, setup: JSONValue, rates: [Double], runs: [TrainingRunRecord]) {
        self.version = version; self.title = title; self.setup = setup; self.rates = rates; self.runs = runs
    }

    /// Whether a parsed JSON document is an mnist manifest (its `kind` member says so).
    public static func isTraining(_ json: JSONValue) -> Bool { json["kind"] == .string(kind) }

    /// The specs in order (the rows of a rate sweep), each with its runs in rate order.
    public var rows: [(spec: String, runs: [TrainingRunRecord])] {
        var out: [(spec: String, runs: [TrainingRunRecord])] = []
        for run in runs {
            if let k = out.firstIndex(where: { $0.spec == run.spec }) { out[k].runs.append(run) } else { out.append((run.spec, [run])) }
        }
        return out
    }

    public var json: JSONValue {
        func numbers(_ v: [Double]) -> JSONValue { .array(v.map(JSONValue.number)) }
        func integers(_ v: [Int]) -> JSONValue { .array(v.map { .number(Double($0)) }) }
        func loss(_ v: Float) -> JSONValue {
            v.isFinite ? .number(Double(v)) : .string(v.isNaN ? "nan" : v > 0 ? "inf" : "-inf")
        }
        return .object([
            ("format", .number(Double(Self.format))),
            ("kind", .string(Self.kind)),
            ("trajviz_version", .string(version)),
            ("title", .string(title)),
            ("setup", setup),
            ("rates", rates.isEmpty ? .null : numbers(rates)),
            ("runs", .array(runs.map { r in
                .object([
                    ("label", .string(r.label)), ("spec", .string(r.spec)), ("optimizer", .string(r.optimizer)),
                    ("rate", .optionalNumber(r.rate)),
                    ("hyperparameters", .hyperparameters(r.hyperparameters)),
                    ("schedule", r.schedule.map(JSONValue.string) ?? .null),
                    ("legend", .string(r.legend)),
                    ("color", r.color.map { .string(hexColor($0)) } ?? .null),
                    ("diverged_at", .optionalInt(r.divergedAt)),
                    ("epoch", integers(r.epochs)),
                    ("loss", .array(r.losses.map(loss))),
                    ("batch_accuracy", numbers(r.batchAccuracies)),
                    ("lr", numbers(r.lrs)),
                    ("test_accuracy", .array(r.accuracies.map { a in
                        .array([.number(Double(a.iteration)), .number(Double(a.epoch)), .number(a.accuracy)])
                    })),
                    ("epoch_mean_loss", numbers(r.epochMeanLosses)),
                ])
            })),
        ])
    }

    /// Pretty-printed UTF-8 JSON with a trailing newline.
    public func encode() -> [UInt8] { json.prettyBytes() }
}

/// `#1f77b4`.
func hexColor(_ c: UInt32) -> String {
    let digits = String(c & 0xFF_FFFF, radix: 16)
    return "#" + String(repeating: "0", count: 6 - digits.count) + digits
}

// MARK: - Reading

extension TrainingRecord {
    static let fields = ["format", "kind", "trajviz_version", "title", "setup", "rates", "runs"]
    static let runFields = ["label", "spec", "optimizer", "rate", "hyperparameters", "schedule", "legend", "color", "diverged_at",
                            "epoch", "loss", "batch_accuracy", "lr", "test_accuracy", "epoch_mean_loss"]

    /// Reads a manifest written by ``encode()``.
    ///
    /// - Throws: ``StudyInputError`` naming the member that is missing or wrong (`runs[1].loss[3]`)
    ///   and what it should hold, or runs whose curves disagree in length.
    public init(json: JSONValue) throws(StudyInputError) {
        guard Self.isTraining(json) else { throw StudyInputError("not an mnist manifest (its \"kind\" is not \"mnist\")") }
        let root = try JSONField(path: "manifest", value: json).object(accepting: Self.fields)
        let format = try root.member("format").integer(in: 0...Int(Int32.max))
        guard format >= 1, format <= Self.format else {
            throw StudyInputError("format: \(format) is not an mnist manifest format this trajviz reads (1...\(Self.format)); upgrade trajviz")
        }
        version = try root.member("trajviz_version").string()
        title = try root.member("title").string()
        setup = try root.member("setup").value
        rates = try root.optional("rates")?.numbers() ?? []
        guard rates.allSatisfy({ $0 > 0 && $0.isFinite }), zip(rates, rates.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw StudyInputError("manifest.rates: expected positive rates in increasing order")
        }
        var runs: [TrainingRunRecord] = []
        for item in try root.member("runs").array() {
            runs.append(try Self.run(item))
        }
        guard !runs.isEmpty else { throw StudyInputError("manifest.runs: no runs") }
        if !rates.isEmpty {
            // A sweep: every spec ran at every rate, in order.
            for (spec, group) in TrainingRecord(title: "", setup: .null, rates: [], runs: runs).rows
            where group.map(\.rate) != rates.map(Optional.some) {
                throw StudyInputError("manifest.runs: the runs of '\(spec)' are not one at each of the manifest's rates, in order")
            }
        }
        self.runs = runs
    }

    private static func run(_ item: JSONField) throws(StudyInputError) -> TrainingRunRecord {
        let r = try item.object(accepting: runFields)
        let label = try r.member("label").string(), spec = try r.member("spec").string(), optimizer = try r.member("optimizer").string()
        let color: UInt32?
        if let c = r.optional("color") {
            let text = try c.string()
            guard text.count == 7, text.hasPrefix("#"), let v = UInt32(text.dropFirst(), radix: 16) else { throw c.wrong("a colour #rrggbb") }
            color = v
        } else {
            color = nil
        }
        var losses: [Float] = []
        for v in try r.member("loss").array() {
            switch v.value {
            case .number(let x): losses.append(Float(x))
            case .string("nan"): losses.append(.nan)
            case .string("inf"): losses.append(.infinity)
            case .string("-inf"): losses.append(-.infinity)
            default: throw v.wrong("a number, \"nan\", \"inf\" or \"-inf\"")
            }
        }
        var accuracies: [TestAccuracy] = []
        for a in try r.member("test_accuracy").array() {
            let v = try a.numbers()
            guard v.count == 3, v[0] == v[0].rounded(), v[0] >= 0, v[1] == v[1].rounded(), v[1] >= 0, v[0] < 1e15, v[1] < 1e15 else {
                throw StudyInputError("\(a.path): expected [iteration, epoch, accuracy]")
            }
            accuracies.append(TestAccuracy(iteration: Int(v[0]), epoch: Int(v[1]), accuracy: v[2]))
        }
        var epochs: [Int] = []
        for e in try r.member("epoch").array() { epochs.append(try e.integer(in: 0...Int(Int32.max))) }
        let run = TrainingRunRecord(
            label: label, spec: spec, optimizer: optimizer,
            rate: try r.optional("rate")?.number(), hyperparameters: try r.member("hyperparameters").hyperparameters(),
            schedule: try r.optional("schedule")?.string(), legend: try r.member("legend").string(), color: color,
            divergedAt: try r.optional("diverged_at")?.integer(in: 1...Int(Int32.max)),
            epochs: epochs, losses: losses, batchAccuracies: try r.member("batch_accuracy").numbers(),
            lrs: try r.member("lr").numbers(), accuracies: accuracies, epochMeanLosses: try r.member("epoch_mean_loss").numbers())
        guard run.epochs.count == run.losses.count, run.batchAccuracies.count <= run.losses.count, run.lrs.count <= run.losses.count else {
            throw StudyInputError("\(item.path): epoch, loss, batch_accuracy and lr hold one value per iteration; their lengths disagree")
        }
        return run
    }
}
