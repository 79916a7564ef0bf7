import ArgumentParser
import CairoRender
import Foundation
import Models
import Optimizers
import Plot
import Stepping

/// `trajviz linear --loss mse|l1`: the seeds' linear experiment, a bias-free 20×20 linear layer fitted
/// to one record, stepped by each optimizer with the training loop of `trajviz mnist`.
public struct LinearCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "linear",
        abstract: "Fit a bias-free 20x20 linear layer to one record under MSE or L1 and plot the loss per step.",
        usage: """
        trajviz linear [--loss mse|l1] [--opt SPEC[@SCHEDULE] ...] [--lr LR] [--schedule SCHEDULE] [--steps N]
                       [--seed S] [--init-from FILE] [--save-weights FILE] [--output FILE] [--csv FILE]
        """,
        discussion: """
        The model is torch's nn.Linear(20, 20, bias=False); the record is one input x ~ N(0, 1)^20 \\
        with the target y = w*x + 2 for a scalar w ~ N(0, 1), both drawn from --seed, as are the \\
        weights (nn.Linear's default, U(-1/sqrt(20), 1/sqrt(20))). Every optimizer starts from the \\
        same weights. --loss mse is torch's MSELoss, l1 its L1Loss (subgradient 0 where an output \\
        equals its target), both the mean over the 20 outputs. With a single input an exact fit \\
        exists: under MSE the loss can fall to ~0, while L1's gradient keeps its size to the end.

        Without --opt: sgd (lr 0.1), momentum (lr 0.1, momentum 0.9), adam (lr 0.1, betas 0.9/0.99, \\
        eps 1e-9) and rmsprop (torch's defaults). Those four bare names take these settings \\
        whenever they are given without hyperparameters; any other spec is torch's constructor \\
        call, as in the other commands.

        The figure shows the loss after each step (step 0: the start) on a log axis; --csv writes \\
        label,optimizer,step,loss. Without --output the figure goes to output/linear-<loss>.png.

        Examples:
          trajviz linear --loss mse
          trajviz linear --loss l1 --steps 100 --seed 3
          trajviz linear --loss mse --opt adam,adamw,radam --lr 0.05 --csv losses.csv
        """)

    @Option(name: .long, help: ArgumentHelp("The loss: mse (MSELoss) or l1 (L1Loss).", valueName: "mse|l1"))
    var loss: String = "mse"

    @Option(name: .long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An optimizer spec (repeatable; a list such as sgd,adam; 'all' for every optimizer). Default: sgd,momentum,adam,rmsprop.", valueName: "SPEC"))
    var opt: [String] = []

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Learning rate for every optimizer whose spec sets none.", valueName: "LR"))
    var lr: String?

    @Option(name: .long, help: ArgumentHelp("A learning-rate schedule for every spec without its own '@SCHEDULE' (see trajviz list schedules), stepped after every step.", valueName: "SCHEDULE"))
    var schedule: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Optimizer steps (1...\(LinearLimits.maxSteps)).", valueName: "N"))
    var steps: String = "40"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the record (x, w) and of the initial weights.", valueName: "S"))
    var seed: String = "0"

    @OptionGroup(title: "Weights")
    var weights: WeightsOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure; the format follows the extension: .png, .svg or .pdf.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Write the losses as CSV (label,optimizer,step,loss).", valueName: "FILE"))
    var csv: String?

    public init() {}

    public mutating func run() throws {
        try execute()
    }

    private func execute() throws(CLIError) {
        guard let lossKind = LossKind(rawValue: loss) else {
            throw .usage("invalid --loss '\(loss)'\(suggestion(for: loss, among: LossKind.allCases.map(\.rawValue))); accepted: mse, l1")
        }
        let steps = try ValueParsing.integer(self.steps, option: "--steps", range: 1...LinearLimits.maxSteps)
        let seed = try NoiseOptions.seed(self.seed)
        let choices = try buildOptimizers(steps: steps)
        let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }
        let weightFiles = try weights.outputs(runs: choices.map { ($0.spec.label, $0.spec.name) })
        let outputs = try OutputPlan(output: output, data: [csvFile].compactMap { $0 } + weightFiles,
                                     defaultFigure: "output/linear-\(lossKind.rawValue).png", inputs: weights.inputs())
        let stillFormat = try outputs.stillFigureFormat(refusal: FigureOutput.stillRefusal(command: "linear"))

        let experiment = LinearExperiment(seed: seed)
        let model = experiment.model
        let start = try weights.initialParameters(for: model)
        do { try BLAS.load(threads: BLAS.threadsSetByUser ? nil : 1) } catch { throw .failure(error.description) }
        let config = TrainingConfig(length: .iterations(steps), batchSize: 1, seed: seed)
        var runs: [(result: TrainingResult, curve: [Float])] = []
        for choice in choices {
            do {
                switch lossKind {
                case .mse: runs.append(try Self.fit(choice, loss: MeanSquaredError(), experiment, config, start))
                case .l1: runs.append(try Self.fit(choice, loss: MeanAbsoluteError(), experiment, config, start))
                }
            } catch {
                // The command line was checked; what is left would be a schedule torch refuses on this run.
                throw .failure(error.description)
            }
        }
        for r in runs {
            if let i = r.result.divergedAt { Terminal.err("\(r.result.label) diverged at step \(i - 1)\n") }
        }

        let figureBytes = try stillFormat.map { format throws(CLIError) in
            let title = "Linear(20, 20, bias=False) under \(lossKind.torchName)"
            let subtitle = "fitted to y = w·x + 2 for one x ~ N(0, 1)^20 and w ~ N(0, 1), seed \(seed); every optimizer from the same weights"
            // Legend entries carry the learning rate, as in the other figures.
            let curves = zip(runs, choices).map { r, c in
                StepLossCurve(label: legendText(optimizer: r.result.optimizer, hyperparameters: r.result.hyperparameters,
                                                schedule: r.result.schedule, appearance: c.spec.appearance)
                                  + (r.result.divergedAt.map { " (diverged at step \($0 - 1))" } ?? ""),
                              optimizer: r.result.optimizer, losses: r.curve.map(Double.init),
                              divergedAt: r.result.divergedAt.map { $0 - 1 }, color: c.spec.appearance.color)
            }
            do throws(RenderError) {
                return try render(stepLossFigure(curves: curves, title: title, subtitle: subtitle), format: format)
            } catch {
                throw .failure("cannot draw the figure: \(error.description)")
            }
        }
        var data: [[UInt8]] = csvFile == nil ? [] : [Array(Self.csv(runs).utf8)]
        if !weightFiles.isEmpty { data += WeightsOptions.contents(model: model, results: runs.map(\.result), iterations: steps) }
        try outputs.write(figure: figureBytes, data: data, summary: Self.summary(runs, steps: steps))
    }

    /// One optimizer's run: the losses after 0, 1, ..., steps steps (fewer if it diverged).
    static func fit<L: Loss>(_ choice: OptimizerChoice.Choice, loss: L, _ experiment: LinearExperiment, _ config: TrainingConfig,
                             _ start: [Float]?) throws(ModelError) -> (result: TrainingResult, curve: [Float])
        where L.Target == TargetValues {
        let model = experiment.model
        let result = try Models.train(choice.optimizer, label: choice.spec.label, name: choice.spec.name, schedule: choice.schedule,
                                      model: model, loss: loss, train: experiment.data, config: config, initialParameters: start)
        var curve = result.losses
        if result.divergedAt == nil {
            // The loss after the last step, which no iteration measured.
            let e = result.finalParameters.withUnsafeBufferPointer {
                model.evaluate(parameters: $0, data: experiment.data, loss: loss, workspace: Workspace(model: model, capacity: 1, training: false))
            }
            curve.append(Float(e.loss))
        }
        return (result, curve)
    }

    /// The optimizers in spec order; the four bare names of the experiment take its settings.
    private func buildOptimizers(steps: Int) throws(CLIError) -> [OptimizerChoice.Choice] {
        let lr = try self.lr.map { text throws(CLIError) in try ValueParsing.number(text, option: "--lr", example: "0.1") }
        var specs = try OptimizerChoice.parse(opt.isEmpty ? [LinearExperiment.defaultOptimizers.joined(separator: ",")] : opt)
        for k in specs.indices where specs[k].overrides.entries.isEmpty {
            for (key, value) in LinearExperiment.settings[specs[k].name] ?? [] where !(key == "lr" && lr != nil) {
                specs[k].overrides[key] = .number(value)
            }
        }
        let schedule = try OptimizerChoice.parseSchedule(self.schedule)
        return try OptimizerChoice.build(specs, learningRate: lr, schedule: schedule, scheduleSteps: steps)
    }

    /// `label,optimizer,step,loss`, one row per step from 0 (the start); losses are the shortest
    /// decimals that read back to the same Float.
    static func csv(_ runs: [(result: TrainingResult, curve: [Float])]) -> String {
        var out = "label,optimizer,step,loss\n"
        for r in runs {
            let label = MNISTExport.field(r.result.label), name = MNISTExport.field(r.result.optimizer)
            for (k, v) in r.curve.enumerated() { out += "\(label),\(name),\(k),\(v)\n" }
        }
        return out
    }

    /// One line per optimizer: the loss at the start and after the last step.
    static func summary(_ runs: [(result: TrainingResult, curve: [Float])], steps: Int) -> String {
        let width = max(9, runs.map(\.result.label.count).max() ?? 0)
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        var out = pad("optimizer", width, left: true) + "  " + pad("start loss", 12) + "  " + pad("loss after \(steps)", 14) + "\n"
        for r in runs {
            let first = r.curve.first.map { String(format: "%.4g", Double($0)) } ?? "-"
            let last = r.result.divergedAt == nil ? String(format: "%.4g", Double(r.curve.last ?? .nan)) : "-"
            let note = r.result.divergedAt.map { "  (diverged at step \($0 - 1))" } ?? ""
            out += pad(r.result.label, width, left: true) + "  " + pad(first, 12) + "  " + pad(last, 14) + note + "\n"
        }
        return out
    }
}

/// `--loss`'s choices.
enum LossKind: String, CaseIterable {
    case mse, l1
    var torchName: String { self == .mse ? "MSELoss" : "L1Loss" }
}

enum LinearLimits {
    static let maxSteps = 1_000_000
}
