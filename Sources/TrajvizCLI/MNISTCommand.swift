import ArgumentParser
import CairoRender
import Foundation
import Models
import MNIST
import Numbers
import Optimizers
import Plot
import Regression
import Stepping
import Studies

/// `trajviz mnist --opt SPEC ...`: trains the same small model (an MLP or a CNN) on MNIST once per
/// optimizer, with the very update rules that draw the 2D paths, and draws the loss and accuracy curves.
public struct MNISTCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mnist",
        abstract: "Train an MLP or a CNN on MNIST with each optimizer and plot loss and accuracy curves.",
        usage: """
        trajviz mnist --opt SPEC[@SCHEDULE] [--opt ...] [--lr LR|LR,LR,...|START:END:COUNT] [--schedule SCHEDULE]
                      [--schedule-every iteration|epoch]
                      [--noise SIGMA [--noise-decay GAMMA]] [--model mlp|cnn] [--hidden H] [--activation A]
                      [--init torch|normal:std=S] [--normalize none|standard|mean=M,std=S]
                      [--epochs N | --iterations N] [--batch B]
                      [--sampling shuffle|replacement] [--seed S] [--data DIR] [--eval-every K]
                      [--init-from FILE] [--save-weights FILE] [--output FILE] [--csv FILE] [--json FILE] [--verbose]
        """,
        discussion: """
        Models: --model mlp (default) is 784-H-10 with --hidden and --activation (128 and relu by \
        default); --model cnn is Conv2d(1,32,3), ReLU, MaxPool2d(2), Conv2d(32,64,3), ReLU, \
        MaxPool2d(2), Linear(1600,128), ReLU, Linear(128,10). Every optimizer starts from the same \
        weights, drawn from --seed (--init torch: each layer's torch default; normal:std=S: weights \
        from N(0, S^2), biases 0) and sees the same batches: each epoch a new shuffled order \
        (--sampling shuffle), or batches drawn with replacement (--sampling replacement). The loss \
        is softmax cross-entropy, the mean over each batch. Test accuracy is measured at the end of \
        every epoch, after the last iteration, and every K iterations with --eval-every K; the \
        training batch's accuracy at every iteration.

        Inputs: a pixel byte b becomes b/255 (--normalize none, the MLP's default), or \
        (b/255 - mean)/std: --normalize standard (the CNN's default) takes the mean and standard \
        deviation of the training images' pixels (about 0.131 and 0.308; the test images are \
        scaled with the same values), --normalize mean=M,std=S takes given values, as \
        torchvision's Normalize((0.1307,), (0.3081,)). The manifest records which.

        Learning-rate sensitivity: --lr with several rates (a list, 1e-4,1e-3,1e-2, or \
        START:END:COUNT, COUNT log-spaced rates with both ends, as trajviz sweep) trains every \
        spec at every rate, from the same weights on the same batches; each run is labelled with \
        its spec and rate (adam lr=0.001) in the CSV, the manifest and the summary. The figure has \
        one row per spec, its test accuracy and training loss with one curve per rate (a rate has \
        one colour throughout), and the final test accuracy against the rate (log axis), one line \
        per spec. A spec then may not set lr= itself.

        Schedules are those of the surface command (SPEC@SCHEDULE, --schedule, 'trajviz list \
        schedules'). They step after every iteration, or after every epoch with --schedule-every \
        epoch, as torch's sched.step() in the same place; onecycle's total_steps defaults to that \
        number of steps, and plateau steps with the batch loss (per epoch: the epoch's mean batch \
        loss). --noise adds seeded Gaussian noise to every gradient, drawn from --seed.

        The data is the bundled 5,000-digit subset of MNIST (4,000 train, 1,000 test) unless \
        --data names a folder with the four standard files, raw or gzipped \
        (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, \
        t10k-labels-idx1-ubyte): the full MNIST, or Fashion-MNIST from /usr/share/datasets/fashion-mnist.

        Without --output the figure goes to output/mnist.png; with only --csv or --json no figure \
        is drawn. --json writes a manifest with every run's curves: 'trajviz replay FILE.json' \
        draws the figure and writes the CSV again without training. FILE may be '-' for standard \
        output.

        Examples:
          trajviz mnist --opt sgd,adagrad,adadelta,rmsprop,adam,adamw --lr 0.01 --epochs 3
          trajviz mnist --opt adam:lr=0.001 --epochs 5
          trajviz mnist --model cnn --opt sgd,adagrad,adadelta,rmsprop,adam,adamw --lr 0.01 --epochs 3
          trajviz mnist --hidden 40,20 --activation sigmoid --init normal:std=0.01
                        --iterations 1000 --sampling replacement --eval-every 10 --opt adam:lr=0.01
          trajviz mnist --opt adam:lr=0.01@linear:start_factor=0.01,total_iters=40
                        --opt radam:lr=0.01
          trajviz mnist --opt sgd:lr=0.1,momentum=0.9 --schedule step:step_size=2
                        --schedule-every epoch
          trajviz mnist --opt adam,radam --lr 1e-4,1e-3,1e-2,1e-1 --epochs 3 --json lr.json
          trajviz mnist --opt adam:weight_decay=0.01,adamw:weight_decay=0.01 --lr 1e-4:1e-1:4
        """)

    @Option(name: .long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An optimizer spec, e.g. adam:lr=0.001 (repeatable; a list such as sgd,adam; 'all' for every optimizer). Default: sgd,adagrad,adadelta,rmsprop,adam,adamw.", valueName: "SPEC"))
    var opt: [String] = []

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Learning rate for every optimizer whose spec sets none (default: each optimizer's own); several rates (1e-4,1e-3,1e-2 or START:END:COUNT, log-spaced) train every spec at each.", valueName: "LR"))
    var lr: String?

    @Option(name: .long, help: ArgumentHelp("A learning-rate schedule for every spec without its own '@SCHEDULE' (see trajviz list schedules).", valueName: "SCHEDULE"))
    var schedule: String?

    @Option(name: .customLong("schedule-every"), help: ArgumentHelp("When schedules step: after every iteration or every epoch.", valueName: "iteration|epoch"))
    var scheduleEvery: String = "iteration"

    @OptionGroup(title: "Gradient noise")
    var noiseOptions: NoiseOptions

    @Option(name: .long, help: ArgumentHelp("The model: mlp (784-H-10, see --hidden and --activation) or cnn (two convolutions, two dense layers).", valueName: "mlp|cnn"))
    var model: String = "mlp"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Passes over the training data (1...\(MNISTLimits.maxEpochs); default 10).", valueName: "N"))
    var epochs: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Optimizer steps instead of epochs (1...\(MNISTLimits.maxIterations)).", valueName: "N"))
    var iterations: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Records per iteration (1...\(MNISTLimits.maxBatch)).", valueName: "B"))
    var batch: String = "100"

    @Option(name: .long, help: ArgumentHelp("How batches are drawn: shuffle (every record once per epoch) or replacement (independent draws).", valueName: "shuffle|replacement"))
    var sampling: String = "shuffle"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Hidden layer widths of the MLP, comma-separated: 128 is 784-128-10, 40,20 is 784-40-20-10 (default 128).", valueName: "H"))
    var hidden: String?

    @Option(name: .long, help: ArgumentHelp("The MLP's activation between layers: \(Activation.allCases.map(\.rawValue).joined(separator: ", ")) (default relu).", valueName: "A"))
    var activation: String?

    @Option(name: .long, help: ArgumentHelp("Initial weights: torch (each layer's torch default) or normal:std=S (weights from N(0, S^2), biases 0).", valueName: "INIT"))
    var `init`: String = "torch"

    @Option(name: .long, help: ArgumentHelp("How pixels become inputs: none (b/255), standard ((b/255 - mean)/std with the training images' mean and std) or mean=M,std=S (default: standard for the CNN, none for the MLP).", valueName: "none|standard|mean=M,std=S"))
    var normalize: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the initial weights and of the shuffles.", valueName: "S"))
    var seed: String = "0"

    @Option(name: .long, help: ArgumentHelp("A folder with the four standard MNIST files, raw or .gz (default: the bundled subset).", valueName: "DIR"))
    var data: String?

    @Option(name: .customLong("eval-every"), parsing: .unconditional, help: ArgumentHelp("Also measure test accuracy every K iterations.", valueName: "K"))
    var evalEvery: String?

    @OptionGroup(title: "Weights")
    var weights: WeightsOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure; the format follows the extension: .png, .svg or .pdf.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Write the curves as CSV (label,optimizer,epoch,iteration,train_loss,train_accuracy,test_accuracy,lr).", valueName: "FILE"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write a manifest of every run's curves; trajviz replay redraws it without training.", valueName: "FILE"))
    var json: String?

    @Flag(name: .long, help: "Also say on stderr which BLAS, kernel set and thread count train the network (OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS override trajviz's choices).")
    var verbose = false

    public init() {}

    public mutating func run() throws {
        try execute()
    }

    private func execute() throws(CLIError) {
        // Every argument is checked before the data is read or a network trained.
        let (optimizers, rates) = try buildOptimizers()
        let config = try trainingConfig()
        let architecture = try self.architecture()
        let scaling = try InputScalingOption.parse(normalize, model: self.model)

        let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }
        let jsonFile = json.map { OutputFile(path: $0, option: "--json") }
        let weightFiles = try weights.outputs(runs: optimizers.map { ($0.choice.spec.label, $0.choice.spec.name) })
        let outputs = try OutputPlan(output: output, data: [csvFile, jsonFile].compactMap { $0 } + weightFiles, defaultFigure: "output/mnist.png",
                                     inputs: dataInputs() + weights.inputs())
        let stillFormat = try outputs.stillFigureFormat(
            refusal: "trajviz mnist draws training curves, not paths to animate; name a .png, .svg or .pdf --output")

        let loaded: MNISTDataset
        do throws(MNISTError) {
            if let data { loaded = try MNISTDataset.load(folder: data) } else { loaded = try MNISTDataset.bundled() }
        } catch {
            throw .failure(error.description)
        }
        // The training images' deviation is checked before any pixel is divided by it.
        let statistics = scaling.statistics(for: loaded.train)
        if let s = statistics, !(s.std > 0 && s.std.isFinite) {
            throw .failure("--normalize standard cannot scale the training images: every pixel has the value \(s.mean) (std 0); use --normalize none or mean=M,std=S")
        }
        let dataset = statistics.map(loaded.standardized) ?? loaded
        let model = try architecture.model(features: dataset.train.features, batch: config.batchSize)
        let start = try weights.initialParameters(for: model)
        let train = LabeledData(features: dataset.train.features, inputs: dataset.train.images, labels: dataset.train.labels)
        let test = LabeledData(features: dataset.test.features, inputs: dataset.test.images, labels: dataset.test.labels)
        // The number of schedule steps depends on the data's size: checked now, before any training.
        try OptimizerChoice.check(optimizers.map(\.choice), steps: config.scheduleSteps(trainCount: train.count))

        // The model's own thread count (one for the MLP's small GEMMs, two halves of each batch for
        // the CNN), unless the user set OPENBLAS_NUM_THREADS. OpenBLAS is loaded here, by the one
        // command that needs it.
        let blas: BLASInfo
        do { blas = try BLAS.load(threads: BLAS.threadsSetByUser ? nil : model.preferredThreads) } catch { throw .failure(error.description) }
        if verbose {
            Terminal.err(blas.description + "\n")
            if let s = statistics, let source = scaling.source { Terminal.err("inputs: (b/255 - \(s.mean))/\(s.std) (--normalize \(source))\n") }
        }
        let progress = ProgressBar(enabled: Terminal.stderrIsTerminal, runs: optimizers.count)
        var results: [TrainingResult] = []
        for (index, run) in optimizers.enumerated() {
            let choice = run.choice
            let result: TrainingResult
            do {
                result = try Models.train(choice.optimizer, label: choice.spec.label, name: choice.spec.name, schedule: choice.schedule,
                                          model: model, loss: SoftmaxCrossEntropy(), train: train, test: test, config: config,
                                          initialParameters: start, progress: { progress.update(run: index, $0) })
            } catch {
                // The command line was checked; what is left is the data (e.g. no records).
                progress.clear()
                throw .failure(error.description)
            }
            results.append(result)
        }
        progress.clear()
        for r in results {
            if let i = r.divergedAt { Terminal.err("\(r.label) diverged at iteration \(i)\n") }
        }

        let title = "\(model.summary) on \(data.map { "'\(($0 as NSString).lastPathComponent)'" } ?? "the bundled MNIST subset"), batch \(config.batchSize)"
        let record = TrainingRecord(title: title, setup: setup(model: model, config: config, inputs: InputScalingOption.record(scaling, statistics: statistics)),
                                    rates: rates.count > 1 ? rates : [],
                                    runs: zip(results, optimizers).map { MNISTStudy.record($0, spec: $1.choice.spec, row: $1.spec, rate: $1.rate) })
        // Render before writing anything, so a drawing failure leaves no CSV behind either.
        let figureBytes = try stillFormat.map { format throws(CLIError) in try MNISTStudy.render(record, format: format) }
        var files: [[UInt8]] = csvFile == nil ? [] : [Array(MNISTExport.csv(record.runs).utf8)]
        if jsonFile != nil { files.append(record.encode()) }
        if !weightFiles.isEmpty { files += WeightsOptions.contents(model: model, results: results, iterations: nil) }
        try outputs.write(figure: figureBytes, data: files, summary: MNISTExport.summary(results))
    }

    /// The setup the manifest records: what was trained, on what, how (every default filled in).
    private func setup(model: Model, config: TrainingConfig, inputs: JSONValue) -> JSONValue {
        let length: (String, JSONValue)
        switch config.length {
        case .epochs(let n): length = ("epochs", .number(Double(n)))
        case .iterations(let n): length = ("iterations", .number(Double(n)))
        }
        let initialization: String
        switch config.initialization {
        case .torch: initialization = "torch"
        case .normal(let std): initialization = "normal:std=\(formatNumber(std))"
        }
        return .object([
            ("model", .string(self.model)), ("summary", .string(model.summary)), ("parameters", .number(Double(model.parameterCount))),
            ("data", data.map(JSONValue.string) ?? .null), length, ("batch", .number(Double(config.batchSize))),
            ("sampling", .string(config.sampling.rawValue)), ("seed", .number(Double(config.seed))), ("init", .string(initialization)), ("normalize", inputs),
            ("init_from", weights.initFrom.map(JSONValue.string) ?? .null),
            ("eval_every", config.evalEvery.map { .number(Double($0)) } ?? .null), ("schedule_every", .string(config.scheduleEvery.rawValue)),
            ("noise", config.noise.map { n in .object([("sigma", .number(n.sigma)), ("decay", .number(n.decay)), ("seed", .number(Double(n.seed)))]) } ?? .null),
        ])
    }

    /// The runs in order, each optimizer with its swept rate (nil without a sweep), and the swept
    /// rates: with one `--lr` (or none) one run per spec, `--lr` filled in where a spec sets no
    /// rate; with several, every spec at every rate, spec by spec, labelled `SPEC lr=RATE`. Their
    /// schedules are checked against the run's length once the data is read.
    private func buildOptimizers() throws(CLIError) -> (runs: [(choice: OptimizerChoice.Choice, rate: Double?, spec: String)], rates: [Double]) {
        let specs = try OptimizerChoice.parse(opt.isEmpty ? ["sgd,adagrad,adadelta,rmsprop,adam,adamw"] : opt)
        let schedule = try OptimizerChoice.parseSchedule(self.schedule)
        guard let text = self.lr, text.contains(",") || text.contains(":") else {
            let lr = try self.lr.map { text throws(CLIError) in
                try ValueParsing.number(text, option: "--lr", example: "0.01")
            }
            return (try OptimizerChoice.build(specs, learningRate: lr, schedule: schedule, scheduleSteps: nil).map { ($0, nil, $0.spec.label) }, [])
        }
        let rates: [Double]
        do { rates = try SweepValues.parse(text, option: "--lr") } catch { throw .usage(error.message) }
        if let own = specs.first(where: { $0.overrides["lr"] != nil }) {
            throw .usage("'\(own.label)' sets its own lr, but --lr \(text) trains every spec at each of its rates; drop lr= from the spec")
        }
        // Every spec built once first, so that a spec given twice is refused as without a sweep.
        _ = try OptimizerChoice.build(specs, learningRate: rates[0], schedule: schedule, scheduleSteps: nil)
        var runs: [(choice: OptimizerChoice.Choice, rate: Double?, spec: String)] = []
        for spec in specs {
            for rate in rates {
                var choice = try OptimizerChoice.build([spec], learningRate: rate, schedule: schedule, scheduleSteps: nil)[0]
                choice.spec.label = TrainingRunRecord.label(spec: spec.label, rate: rate)
                runs.append((choice, rate, spec.label))
            }
        }
        return (runs, rates)
    }

    /// The files `--data` names (raw and gzipped), which no output may replace.
    private func dataInputs() -> [InputFile] {
        guard let data else { return [] }
        let n = MNISTDataset.standardNames
        return [n.trainImages, n.trainLabels, n.testImages, n.testLabels].flatMap { name in
            [name, name + ".gz"].map { InputFile(path: data + "/" + $0, role: "the data file") }
        }
    }

    private func trainingConfig() throws(CLIError) -> TrainingConfig {
        let length: TrainingLength
        switch (epochs, iterations) {
        case (.some, .some):
            throw .usage("--epochs and --iterations both set the run's length; give one of them")
        case (_, .some(let n)):
            length = .iterations(try ValueParsing.integer(n, option: "--iterations", range: 1...MNISTLimits.maxIterations))
        case (let e, nil):
            length = .epochs(try ValueParsing.integer(e ?? "10", option: "--epochs", range: 1...MNISTLimits.maxEpochs))
        }
        let batch = try ValueParsing.integer(self.batch, option: "--batch", range: 1...MNISTLimits.maxBatch)
        let seed = try NoiseOptions.seed(self.seed)
        let evalEvery = try self.evalEvery.map { text throws(CLIError) in
            guard case .success(let k) = DecimalNumber.integer(text.trimmingCharacters(in: " ")), k >= 1 else {
                throw .usage("invalid --eval-every \(text); expected a positive number of iterations, e.g. --eval-every 10")
            }
            return k
        }
        guard let sampling = Sampling(rawValue: sampling) else {
            throw .usage("invalid --sampling '\(sampling)'\(suggestion(for: sampling, among: Sampling.allCases.map(\.rawValue))); accepted: "
                         + Sampling.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let interval = ScheduleInterval(rawValue: scheduleEvery) else {
            throw .usage("invalid --schedule-every '\(scheduleEvery)'\(suggestion(for: scheduleEvery, among: ScheduleInterval.allCases.map(\.rawValue))); accepted: "
                         + ScheduleInterval.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let noise = try noiseOptions.resolve(seed: seed, runs: nil)
        return TrainingConfig(length: length, batchSize: batch, seed: seed, initialization: try InitializationOption.parse(`init`),
                              sampling: sampling, evalEvery: evalEvery, scheduleEvery: interval, noise: noise)
    }

    /// The model named by --model, --hidden and --activation, checked before the data is read.
    private func architecture() throws(CLIError) -> Architecture {
        let batch = try ValueParsing.integer(self.batch, option: "--batch", range: 1...MNISTLimits.maxBatch)
        switch model {
        case "mlp":
            let hidden = self.hidden ?? "128"
            let widths = hidden.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int? in
                guard case .success(let w) = DecimalNumber.integer(part.trimmingCharacters(in: " ")) else { return nil }
                return w
            }
            guard !widths.isEmpty, widths.allSatisfy({ $0 != nil && (1...MNISTLimits.maxWidth).contains($0!) }) else {
                throw .usage("invalid --hidden '\(hidden)'; expected widths from 1 to \(MNISTLimits.maxWidth) separated by commas, e.g. 128 or 40,20")
            }
            let activation: Activation
            do { activation = try Activation(parsing: self.activation ?? "relu") } catch {
                throw .usage("invalid --activation: \(error.description)")
            }
            // MNIST and Fashion-MNIST images have 28 × 28 features; checked again once the data is read.
            try MNISTLimits.check(features: 784, hidden: widths.map { $0! }, batch: batch)
            return .mlp(hidden: widths.map { $0! }, activation: activation)
        case "cnn":
            if hidden != nil || activation != nil {
                throw .usage("\(hidden != nil ? "--hidden" : "--activation") shapes the MLP; --model cnn has a fixed architecture (see trajviz mnist --help)")
            }
            try MNISTLimits.checkCNN(batch: batch)
            return .cnn
        default:
            throw .usage("invalid --model '\(model)'\(suggestion(for: model, among: ["mlp", "cnn"])); accepted: mlp, cnn")
        }
    }
}

/// The models `trajviz mnist` trains.
enum Architecture {
    case mlp(hidden: [Int], activation: Activation)
    case cnn

    /// The model for records of `features` values, within the limits for a batch of `batch`.
    func model(features: Int, batch: Int) throws(CLIError) -> Model {
        switch self {
        case .mlp(let hidden, let activation):
            try MNISTLimits.check(features: features, hidden: hidden, batch: batch)
            do { return try Model.mlp(inputs: features, hidden: hidden, outputs: 10, activation: activation) } catch {
                throw .usage(error.description)
            }
        case .cnn:
            let side = Int(Double(features).squareRoot())
            guard side * side == features, side >= 10 else {
                throw .failure("--model cnn takes square images of at least 10 × 10 pixels; the data has \(features) features per record")
            }
            return .cnn(side: side)
        }
    }
}

/// `--init torch|normal:std=S`.
enum InitializationOption {
    static func parse(_ text: String) throws(CLIError) -> Initialization {
        if text == "torch" { return .torch }
        let accepted = "accepted: torch, normal:std=S (S a number >= 0, e.g. normal:std=0.01)"
        guard text.hasPrefix("normal") else {
            throw .usage("invalid --init '\(text)'\(suggestion(for: text, among: ["torch", "normal"])); \(accepted)")
        }
        let rest = text.dropFirst("normal".count)
        guard rest.hasPrefix(":std="), case .success(let std) = DecimalNumber.parse(String(rest.dropFirst(":std=".count))), std >= 0 else {
            throw .usage("invalid --init '\(text)'; \(accepted)")
        }
        return .normal(std: std)
    }
}

/// The documented maxima of `trajviz mnist`: beyond these a run would allocate without bound or never end.
enum MNISTLimits {
    static let maxEpochs = 10_000
    static let maxIterations = 10_000_000
    static let maxBatch = 1_000_000
    static let maxWidth = 100_000
    static let maxLayers = 8
    /// Weights and biases: the optimizers keep up to four more buffers of this size.
    static let maxParameters = 10_000_000
    /// Batch × (hidden widths + outputs): the activations and their gradients held per iteration.
    static let maxActivations = 20_000_000
    /// The CNN holds about 48,000 values a record in training (activations, im2col columns):
    /// batches of up to 10,000 records (about 2 GB).
    static let maxCNNBatch = 10_000

    /// Refuses a network or batch that would need gigabytes, naming the limit that was passed.
    static func check(features: Int, hidden: [Int], batch: Int) throws(CLIError) {
        guard hidden.count <= maxLayers else {
            throw .usage("invalid --hidden: \(hidden.count) hidden layers; at most \(maxLayers)")
        }
        let sizes = [features] + hidden + [10]
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
        guard parameters <= maxParameters else {
            throw .usage("invalid --hidden \(hidden.map(String.init).joined(separator: ",")): the network would have \(parameters) parameters; at most \(maxParameters)")
        }
        let activations = batch * (hidden.reduce(0, +) + 10)
        guard activations <= maxActivations else {
            throw .usage("invalid --batch \(batch) with --hidden \(hidden.map(String.init).joined(separator: ",")): \(activations) activations per iteration; at most \(maxActivations) (use a smaller batch or narrower layers)")
        }
    }

    static func checkCNN(batch: Int) throws(CLIError) {
        guard batch <= maxCNNBatch else {
            throw .usage("invalid --batch \(batch) with --model cnn: at most \(maxCNNBatch) records per iteration (the CNN holds about 190 KB a record)")
        }
    }
}

/// The CSV and the summary table of a training run.
enum MNISTExport {
    /// `label,optimizer,epoch,iteration,train_loss,train_accuracy,test_accuracy,lr`, one row per
    /// iteration: the training batch's loss and accuracy before the iteration's step, the test
    /// accuracy where it was measured (after the step; empty elsewhere), and `lr`, the rate of the
    /// iteration's step. Numbers are the shortest decimals that read back to the same Float (loss)
    /// or Double (accuracies, lr).
    static func csv(_ results: [TrainingRunRecord]) -> String {
        var out = "label,optimizer,epoch,iteration,train_loss,train_accuracy,test_accuracy,lr\n"
        for r in results {
            var measured: [Int: Double] = [:]
            for a in r.accuracies { measured[a.iteration] = a.accuracy }
            let label = field(r.label), name = field(r.optimizer)
            for (i, loss) in r.losses.enumerated() {
                let iteration = i + 1
                let rate = i < r.lrs.count ? formatNumber(r.lrs[i]) : ""
                let batch = i < r.batchAccuracies.count ? "\(r.batchAccuracies[i])" : ""
                out += "\(label),\(name),\(r.epochs[i]),\(iteration),\(loss),\(batch),\(measured[iteration].map { "\($0)" } ?? ""),\(rate)\n"
            }
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma or a quote (a spec such as `adam:lr=0.01,beta1=0.8`).
    static func field(_ text: String) -> String {
        guard text.contains(",") || text.contains("\"") || text.contains("\n") else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line per optimizer: the last epoch's mean training loss, the last test accuracy, seconds.
    static func summary(_ results: [TrainingResult]) -> String {
        let width = max(9, results.map(\.label.count).max() ?? 0)
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        var out = pad("optimizer", width, left: true) + "  " + pad("final loss", 10) + "  " + pad("test accuracy", 13) + "  " + pad("seconds", 7) + "\n"
        for r in results {
            let loss = r.finalLoss.isFinite ? String(format: "%.4f", r.finalLoss) : "-"
            let accuracy = r.finalAccuracy.isFinite ? String(format: "%.1f%%", r.finalAccuracy * 100) : "-"
            let note = r.divergedAt.map { "  (diverged at iteration \($0))" } ?? ""
            out += pad(r.label, width, left: true) + "  " + pad(loss, 10) + "  " + pad(accuracy, 13) + "  "
                + pad(String(format: "%.2f", r.seconds), 7) + note + "\n"
        }
        return out
    }
}

/// A one-line progress bar on stderr, redrawn at most ten times a second; nothing at all when
/// stderr is not a terminal.
final class ProgressBar {
    let enabled: Bool
    let runs: Int
    private var lastDraw = 0.0
    private var drawn = false

    init(enabled: Bool, runs: Int) { self.enabled = enabled; self.runs = runs }

    func update(run: Int, _ p: TrainingProgress) {
        guard enabled else { return }
        let now = ProcessInfo.processInfo.systemUptime
        guard now - lastDraw >= 0.1 || p.iteration == p.totalIterations else { return }
        lastDraw = now
        let fraction = Double(p.iteration) / Double(p.totalIterations)
        let cells = 20, filled = Int(fraction * Double(cells))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled)
        // Time left: this run's remaining iterations at its pace, plus the runs still to come at the same pace.
        let perIteration = p.elapsed / Double(max(1, p.iteration))
        let left = perIteration * Double(p.totalIterations - p.iteration + (runs - run - 1) * p.totalIterations)
        let line = "[\(run + 1)/\(runs)] \(p.label) epoch \(p.epoch)/\(p.epochs) [\(bar)] loss \(String(format: "%.4f", p.loss)) "
            + "\(String(format: "%.0f", left.rounded(.up)))s left"
        Terminal.err("\r\u{1b}[2K" + line)
        drawn = true
    }

    func clear() {
        if enabled && drawn { Terminal.err("\r\u{1b}[2K") }
        drawn = false
    }
}
