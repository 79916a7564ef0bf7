import ArgumentParser
import CairoRender
import Foundation
import Jobs
import Landscape
import Models
import MNIST
import Numbers
import Optimizers
import Plot
import Regression

/// `trajviz landscape`: trains the MNIST network once per optimizer from the same start, records
/// the weights along the way, and draws every path on one plane of the network's real loss
/// landscape (Li et al. 2018), with how far each point lies off the plane and the loss along each
/// start-to-end line (Goodfellow et al. 2015).
public struct LandscapeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "Draw every optimizer's path on one plane of the MNIST network's real loss landscape.",
        usage: """
        trajviz landscape [--opt SPEC ...] [--lr LR] [--epochs N] [--batch B] [--hidden H] [--activation A]
                          [--data DIR] [--seed S] [--plane pca|random] [--grid N] [--span S] [--records R]
                          [--record-every K] [--center NAME] [--output FILE] [--csv FILE] [--json FILE]
                          [--size WxH] [--theme T] [--colormap C] [--levels N] [--title T] ...
        """,
        discussion: """
        Every optimizer trains the network of 'trajviz mnist' from the same initial weights (drawn \
        from --seed) on the same batches. The weights are recorded before the first step, every K \
        iterations (--record-every) and at every epoch's end. Then:

        * The plane. --plane pca (default): through the shared start, spanned by the first two \
        principal components of every recorded displacement from it (uncentred, from the records' \
        Gram matrix); the axes are labelled with the fraction of the displacements each captures. \
        --plane random: two random directions drawn from --seed, each filter (a neuron's row of \
        weights) scaled to the norm of the same filter of the centre's weights, biases left out \
        (Li et al. 2018), through the last weights of the run named by --center (default: the first).
        * Every recorded point is projected onto the plane. A projection drops what lies off the \
        plane: the figure shows each point's distance from the plane, and beside each path's own \
        loss the loss the landscape shows under its projection. Where they part, the contours under \
        the path do not describe it.
        * The loss and accuracy over a --grid x --grid lattice of the plane, on the first --records \
        training records (the same records for every point). With pca the lattice covers every \
        projected point with a margin, scaled by --span; with random it spans -S..S in units of the \
        directions.
        * The loss along the straight line from the start (t = 0) through each optimizer's end \
        (t = 1), t from -0.5 to 1.5 (Goodfellow et al. 2015).

        --center NAME: 'start', or an optimizer's label (or its name, when one run has it).

        Without --output the figure goes to output/landscape.png; with only --csv or --json no \
        figure is drawn. The CSV holds the grid, the projected paths and the lines, one kind per \
        row: kind,label,optimizer,iteration,epoch,t,alpha,beta,distance,loss,accuracy,grid_loss. \
        The --json manifest holds everything the figure shows; 'trajviz replay FILE.json' draws \
        it again without training.

        Examples:
          trajviz landscape
          trajviz landscape --opt sgd,momentum,adam,rmsprop --lr 0.01 --epochs 5 --output fig.png
          trajviz landscape --plane random --center adam --span 0.5
          trajviz landscape --opt adam:lr=0.001,sgd:lr=0.1 --grid 81 --csv landscape.csv
        """)

    @Option(name: .long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An optimizer spec, e.g. adam:lr=0.001 (repeatable; a list such as sgd,adam). Default: \(LandscapeCommand.defaultOptimizers).", valueName: "SPEC"))
    var opt: [String] = []

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Learning rate for every optimizer whose spec sets none (default: 0.01).", valueName: "LR"))
    var lr: String = "0.01"

    @Option(name: .long, help: ArgumentHelp("A learning-rate schedule for every spec without its own '@SCHEDULE' (see trajviz list schedules).", valueName: "SCHEDULE"))
    var schedule: String?

    @Option(name: .customLong("schedule-every"), help: ArgumentHelp("When schedules step: after every iteration or every epoch.", valueName: "iteration|epoch"))
    var scheduleEvery: String = "iteration"

    @OptionGroup(title: "Gradient noise")
    var noiseOptions: NoiseOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Passes over the training data (1...\(MNISTLimits.maxEpochs)).", valueName: "N"))
    var epochs: String = "5"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Records per iteration (1...\(MNISTLimits.maxBatch)).", valueName: "B"))
    var batch: String = "100"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Hidden layer widths, comma-separated: 128 is 784-128-10.", valueName: "H"))
    var hidden: String = "128"

    @Option(name: .long, help: ArgumentHelp("The activation between layers: \(Activation.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "A"))
    var activation: String = "relu"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the initial weights, the shuffles and the random directions.", valueName: "S"))
    var seed: String = "0"

    @Option(name: .long, help: ArgumentHelp("A folder with the four standard MNIST files, raw or .gz (default: the bundled subset).", valueName: "DIR"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("The plane: pca (principal components of the paths, through the start) or random (filter-normalized directions through --center).", valueName: "pca|random"))
    var plane: String = "pca"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Lattice points per side (\(LandscapeLimits.grid.lowerBound)...\(LandscapeLimits.grid.upperBound)).", valueName: "N"))
    var grid: String = "51"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Scale of the lattice's window: pca, 1 frames every projected point with a margin; random, -S..S in units of the directions.", valueName: "S"))
    var span: String = "1"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Training records the landscape's loss is measured on: the first R (default 2000, at most the training set).", valueName: "R"))
    var records: String = "2000"

    @Option(name: .customLong("record-every"), parsing: .unconditional, help: ArgumentHelp("Record the weights every K iterations, besides every epoch's end (default: about 200 records a run).", valueName: "K"))
    var recordEvery: String?

    @Option(name: .long, help: ArgumentHelp("The plane's centre: 'start' or an optimizer's label (default: start for pca, the first optimizer's end for random).", valueName: "NAME"))
    var center: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure; the format follows the extension: .png, .svg or .pdf, or an animation of the paths growing over the landscape: .gif or .webp.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Write the grid, the projected paths and the lines as CSV.", valueName: "FILE"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write the manifest (everything the figure shows; trajviz replay draws it again).", valueName: "FILE"))
    var json: String?

    @OptionGroup(title: "3D view")
    var view: ViewOptions

    @OptionGroup(title: "Animation (.gif, .webp)")
    var animation: AnimationOptions

    @OptionGroup(title: "Figure options")
    var figure: FigureOptions

    @Flag(name: .long, help: "Also say on stderr which BLAS runs the GEMMs and how long each phase took.")
    var verbose = false

    static let defaultOptimizers = "sgd,momentum,adam,rmsprop"

    public init() {}

    public mutating func run() throws {
        try execute()
    }

    private func execute() throws(CLIError) {
        // Every argument is checked before the data is read or a network trained.
        let learningRate = try ValueParsing.number(lr, option: "--lr", example: "0.01")
        let specs = try OptimizerChoice.parse(opt.isEmpty ? [Self.defaultOptimizers] : opt)
        let optimizers = try OptimizerChoice.build(specs, learningRate: learningRate,
                                                   schedule: try OptimizerChoice.parseSchedule(schedule), scheduleSteps: nil)
        let (config, epochs, hidden, activation) = try trainingConfig()
        guard let planeKind = Plane.Kind(rawValue: plane) else {
            throw .usage("invalid --plane '\(plane)'\(suggestion(for: plane, among: Plane.Kind.allCases.map(\.rawValue))); accepted: "
                         + Plane.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let grid = try ValueParsing.integer(self.grid, option: "--grid", range: LandscapeLimits.grid)
        let spanValue = try ValueParsing.number(span, option: "--span", example: "1")
        guard spanValue > 0, spanValue <= LandscapeLimits.maxSpan else {
            throw .usage("invalid --span '\(span)'; expected a number above 0 and at most \(formatNumber(LandscapeLimits.maxSpan)), e.g. --span 0.5")
        }
        guard case .success(let records) = DecimalNumber.integer(self.records.trimmingCharacters(in: " ")), records >= 1 else {
            throw .usage("invalid --records \(self.records); expected a positive number of training records, e.g. --records 2000")
        }
        let recordEvery = try self.recordEvery.map { text throws(CLIError) in
            guard case .success(let k) = DecimalNumber.integer(text.trimmingCharacters(in: " ")), k >= 1 else {
                throw .usage("invalid --record-every \(text); expected a positive number of iterations, e.g. --record-every 5")
            }
            return k
        }
        let centre = try resolveCenter(optimizers.map(\.spec), plane: planeKind)
        let plotOptions = try LandscapeFigureOptions.resolve(figure)

        let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }
        let jsonFile = json.map { OutputFile(path: $0, option: "--json") }
        let outputs = try OutputPlan(output: output, data: [csvFile, jsonFile].compactMap { $0 }, defaultFigure: "output/landscape.png",
                                     inputs: dataInputs())
        let drawn = try LandscapeView.resolve(view: view, animation: animation, format: outputs.figureFormat, options: plotOptions)

        let dataset: MNISTDataset
        do throws(MNISTError) {
            if let data { dataset = try MNISTDataset.load(folder: data) } else { dataset = try MNISTDataset.bundled() }
        } catch {
            throw .failure(error.description)
        }
        try MNISTLimits.check(features: dataset.train.features, hidden: hidden, batch: config.batchSize)
        let train = LabeledData(features: dataset.train.features, inputs: dataset.train.images, labels: dataset.train.labels)
        let test = LabeledData(features: dataset.test.features, inputs: dataset.test.images, labels: dataset.test.labels)
        guard records <= train.count else {
            throw .usage("invalid --records \(records); the training set holds \(train.count) records")
        }
        try OptimizerChoice.check(optimizers, steps: config.scheduleSteps(trainCount: train.count))
        let network: Model
        do { network = try Model.mlp(inputs: train.features, hidden: hidden, outputs: 10, activation: activation) } catch {
            throw .usage(error.description)
        }
        let perEpoch = config.iterationsPerEpoch(trainCount: train.count)
        let iterations = config.totalIterations(trainCount: train.count)
        let every = recordEvery ?? max(1, (iterations + LandscapeLimits.defaultRecords - 1) / LandscapeLimits.defaultRecords)
        let perRun = recordCount(iterations: iterations, perEpoch: perEpoch, recordEvery: every)
        let floats = perRun * optimizers.count * network.parameterCount
        guard floats <= LandscapeLimits.maxRecordedValues else {
            // Records shrink about in proportion to K (epoch ends stay): a K this much larger fits.
            let suggested = every * ((floats + LandscapeLimits.maxRecordedValues - 1) / LandscapeLimits.maxRecordedValues) * 2
            throw .usage("recording \(perRun) weights of \(network.parameterCount) parameters for each of \(optimizers.count) optimizers "
                         + "would hold \(floats) values; at most \(LandscapeLimits.maxRecordedValues) (use a larger --record-every, e.g. \(suggested), or fewer epochs)")
        }

        // One OpenBLAS thread per job: the jobs (runs, grid rows) already use every core.
        let blas: BLASInfo
        do { blas = try BLAS.load(threads: BLAS.threadsSetByUser ? nil : 1) } catch { throw .failure(error.description) }
        if verbose { Terminal.err(blas.description + ", \(Jobs.workerCount) jobs at once\n") }
        let clock = PhaseClock(enabled: verbose)
        let bar = LandscapeProgress(enabled: Terminal.stderrIsTerminal, runs: optimizers.map(\.spec.label), iterations: iterations)

        // Each optimizer's training is an independent job: every core trains one.
        let choices = optimizers
        let outcomes = parallelMap(Array(choices.indices)) { index -> Result<RecordedRun, ModelError> in
            let choice = choices[index]
            return Result { () throws(ModelError) -> RecordedRun in
                try trainRecording(choice.optimizer, label: choice.spec.label, name: choice.spec.name, schedule: choice.schedule,
                                   model: network, train: train, test: test, config: config, recordEvery: every) { bar.training(run: index, $0) }
            }
        }
        var runs: [RecordedRun] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let run): runs.append(run)
            // The command line was checked; what is left is the data (e.g. no records).
            case .failure(let error): bar.clear(); throw .failure(error.description)
            }
        }
        clock.lap("training (\(runs.map(\.count).reduce(0, +)) records of the weights)", bar: bar)
        for r in runs {
            if let i = r.result.divergedAt { Terminal.err("\(r.result.label) diverged at iteration \(i)\n") }
        }

        let evaluator = PlaneEvaluator(network: network, inputs: Array(train.inputs[0..<(records * train.features)]),
                                       labels: Array(train.labels[0..<records]))
        let filters = FilterRows(model: network)
        let options = LandscapeOptions(plane: planeKind, center: centre, gridSize: grid, span: spanValue, seed: config.seed)
        var result = analyzeLandscape(runs: runs, evaluator: evaluator, filters: filters, options: options) { phase, done, total in
            bar.phase(phase.rawValue, done: done, total: total)
            if done == total { clock.lap(phase.rawValue, bar: bar) }
        }
        bar.clear()
        for k in result.paths.indices { result.paths[k].appearance = choices[k].spec.appearance }

        let setup = LandscapeSetup(model: network.summary,
                                   parameterCount: network.parameterCount, hidden: hidden, activation: activation.rawValue,
                                   data: data, trainCount: train.count, records: records, epochs: epochs,
                                   batch: config.batchSize, seed: config.seed, recordEvery: every,
                                   scheduleEvery: config.scheduleEvery.rawValue, noise: config.noise)
        let manifest = LandscapeManifest(setup: setup, result: result, figure: try LandscapeFigureOptions.record(drawn))
        // Render before writing anything, so a drawing failure leaves no data file behind either.
        let figureBytes = try outputs.figureFormat.map { format throws(CLIError) in
            try LandscapeDrawing.render(manifest, options: drawn, format: format, file: outputs.figure!)  // a format is a figure's
        }
        var contents: [[UInt8]] = []
        if csvFile != nil { contents.append(Array(landscapeCSV(result).utf8)) }
        if jsonFile != nil { contents.append(manifest.encode()) }
        try outputs.write(figure: figureBytes, data: contents, summary: LandscapeDrawing.summary(manifest))
    }

    /// The plane's centre from `--center`: the start, or the end of the run it names.
    private func resolveCenter(_ specs: [OptimizerSpec], plane: Plane.Kind) throws(CLIError) -> PlaneCenter {
        guard let name = center else { return plane == .pca ? .start : .run(0) }
        if name == "start" { return .start }
        if let i = specs.firstIndex(where: { $0.label == name }) { return .run(i) }
        let byName = specs.indices.filter { specs[$0].name == name }
        if byName.count == 1 { return .run(byName[0]) }
        let labels = ["start"] + specs.map(\.label)
        if byName.count > 1 {
            throw .usage("--center '\(name)' names \(byName.count) runs; give one label: " + labels.joined(separator: ", "))
        }
        throw .usage("invalid --center '\(name)'\(suggestion(for: name, among: labels)); accepted: " + labels.joined(separator: ", "))
    }

    /// The files `--data` names (raw and gzipped), which no output may replace.
    private func dataInputs() -> [InputFile] {
        guard let data else { return [] }
        let n = MNISTDataset.standardNames
        return [n.trainImages, n.trainLabels, n.testImages, n.testLabels].flatMap { name in
            [name, name + ".gz"].map { InputFile(path: data + "/" + $0, role: "the data file") }
        }
    }

    /// The training settings, and the epochs, the MLP's hidden widths and activation they were made from.
    private func trainingConfig() throws(CLIError) -> (TrainingConfig, epochs: Int, hidden: [Int], activation: Activation) {
        let epochs = try ValueParsing.integer(self.epochs, option: "--epochs", range: 1...MNISTLimits.maxEpochs)
        let batch = try ValueParsing.integer(self.batch, option: "--batch", range: 1...MNISTLimits.maxBatch)
        let seed = try NoiseOptions.seed(self.seed)
        let widths = hidden.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int? in
            guard case .success(let w) = DecimalNumber.integer(part.trimmingCharacters(in: " ")) else { return nil }
            return w
        }
        guard !widths.isEmpty, widths.allSatisfy({ $0 != nil && (1...MNISTLimits.maxWidth).contains($0!) }) else {
            throw .usage("invalid --hidden '\(hidden)'; expected widths from 1 to \(MNISTLimits.maxWidth) separated by commas, e.g. 128 or 40,20")
        }
        let activation: Activation
        do { activation = try Activation(parsing: self.activation) } catch {
            throw .usage("invalid --activation: \(error.description)")
        }
        guard let interval = ScheduleInterval(rawValue: scheduleEvery) else {
            throw .usage("invalid --schedule-every '\(scheduleEvery)'\(suggestion(for: scheduleEvery, among: ScheduleInterval.allCases.map(\.rawValue))); accepted: "
                         + ScheduleInterval.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let noise = try noiseOptions.resolve(seed: seed, runs: nil)
        try MNISTLimits.check(features: 784, hidden: widths.map { $0! }, batch: batch)
        return (TrainingConfig(epochs: epochs, batchSize: batch, seed: seed, scheduleEvery: interval, noise: noise),
                epochs, widths.map { $0! }, activation)
    }
}

/// The documented limits of `trajviz landscape`.
enum LandscapeLimits {
    // At least 3: the origin lies on the lattice with room on both sides of it.
    static let grid = 3...401
    static let maxSpan = 1000.0
    /// Records kept per run when --record-every is not given (about).
    static let defaultRecords = 200
    /// Recorded weights held in memory (Floats): 1 GiB.
    static let maxRecordedValues = 1 << 28
}

/// Seconds per phase on stderr with `--verbose`.
final class PhaseClock: @unchecked Sendable {
    let enabled: Bool
    private var last = ProcessInfo.processInfo.systemUptime
    init(enabled: Bool) { self.enabled = enabled }

    /// Says how long the phase that just ended took (the progress line cleared first).
    func lap(_ phase: String, bar: LandscapeProgress) {
        guard enabled else { return }
        let now = ProcessInfo.processInfo.systemUptime
        bar.clear()
        Terminal.err("\(phase): " + String(format: "%.2f s\n", now - last))
        last = now
    }
}
