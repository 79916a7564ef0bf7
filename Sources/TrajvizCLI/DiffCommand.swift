import ArgumentParser
import Foundation
import Optimizers
import Plot
import Regression
import Stepping
import SurfaceFiles
import Surfaces

/// `trajviz diff A B`: runs two optimizer specs from the same start on one surface and tells where
/// their paths part: the first step beyond a tolerance, the largest gap, where the gap opens; the
/// figure draws both paths and the gap over the steps in the loss panel.
public struct DiffCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Run two optimizer specs on one surface and show where their paths part.",
        usage: """
        trajviz diff SPEC SPEC [--surface NAME] [--start X,Y] [--steps N] [--lr LR] [--schedule SCHEDULE]
                     [--rtol R] [--atol A] [--output FILE] [--csv FILE] [--json FILE] [figure options]
        """,
        discussion: """
        Both specs step from the same start (default: the surface's suggested start) on the same \
        surface (default: rosenbrock), with the same --lr and --schedule where a spec names none. \
        The report on standard output gives the first step where a coordinate differs by more \
        than atol + rtol·max(|a|, |b|), the largest distance between the two points and its step, \
        and where the gap opens (the step that widens it most). The figure shows both paths on the \
        contour and their distance against the step in the loss panel (log axis).

        Compare families to see which "Adam" an article or a book means:
          trajviz diff adam:lr=0.01 textbook.adam:lr=0.01 --surface beale
          trajviz diff momentum:lr=0.01 textbook.momentum:lr=0.01 \\
              --surface quadratic --schedule step:step_size=50,gamma=0.5
          trajviz diff keras.adam:lr=0.01 textbook.adam:lr=0.01 --rtol 1e-12
        Without --output, --csv or --json the figure goes to output/<surface>-diff.png.
        """)

    @Argument(help: ArgumentHelp("Two optimizer specs, e.g. adam:lr=0.01 textbook.adam:lr=0.01 (see trajviz list optimizers).", valueName: "SPEC"))
    var specs: [String] = []

    @Option(name: .long, help: ArgumentHelp("The surface: a built-in name, a name found as surfaces/NAME.toml, or a path to a .toml file.", valueName: "NAME"))
    var surface: String = "rosenbrock"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The start point (default: the surface's suggested start). Use --start=-1.5,2 for negative numbers.", valueName: "X,Y"))
    var start: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Steps of each path (0...\(Limits.maxSteps); default: the surface's suggestion, 500 for most).", valueName: "N"))
    var steps: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate for a spec that sets none (default: a bare name takes the surface's suggested rate, a spec with hyperparameters the reference's default).", valueName: "LR"))
    var lr: String?

    @Option(name: .long, help: ArgumentHelp("A learning-rate schedule for a spec without its own '@SCHEDULE', e.g. step:step_size=50 (see trajviz list schedules).", valueName: "SCHEDULE"))
    var schedule: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Relative tolerance of 'differ' (default 1e-9).", valueName: "R"))
    var rtol: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Absolute tolerance of 'differ' (default 1e-12).", valueName: "A"))
    var atol: String?

    @Option(name: .long, help: ArgumentHelp("Write both paths as CSV (label,optimizer,step,x,y,loss,lr).", valueName: "FILE"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write a JSON manifest of both paths (trajviz replay draws them).", valueName: "FILE"))
    var json: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure; the format follows the extension: .png, .svg or .pdf.", valueName: "FILE"))
    var output: String?

    @OptionGroup(title: "Figure options")
    var figure: FigureOptions

    public init() {}

    public mutating func run() throws {
        try execute()
    }

    private func execute() throws(CLIError) {
        // Everything typed is checked before any work, as in the surface command.
        guard specs.count == 2 else {
            throw .usage("diff needs exactly two optimizer specs, got \(specs.count); e.g. trajviz diff adam:lr=0.01 textbook.adam:lr=0.01")
        }
        var parsed: [OptimizerSpec] = []
        for text in specs {
            let one = try OptimizerChoice.parse([text])
            guard one.count == 1 else {
                throw .usage("'\(text)' stands for \(one.count) optimizers; diff compares two single specs, e.g. adam:lr=0.01 textbook.adam:lr=0.01")
            }
            parsed += one
        }
        if parsed[0].label == parsed[1].label {
            throw .usage("the two specs are the same ('\(parsed[0].label)'); give two different specs, e.g. adam:lr=0.01 textbook.adam:lr=0.01")
        }
        let (surface, definition) = try SurfaceLookup.resolve(self.surface)
        let start = try self.start.map { text throws(CLIError) in
            let (x, y) = try ValueParsing.pair(text, option: "--start", example: "-1.5,2")
            return Point(x, y)
        } ?? surface.suggestedStart
        try StartCheck.check(start, on: surface, given: self.start != nil)
        let steps = try self.steps.map { text throws(CLIError) in
            try ValueParsing.integer(text, option: "--steps", range: 0...Limits.maxSteps)
        } ?? surface.suggestedSteps
        let lr = try self.lr.map { text throws(CLIError) in try ValueParsing.number(text, option: "--lr", example: "0.01") }
        let rtol = try tolerance(self.rtol, option: "--rtol", default: 1e-9)
        let atol = try tolerance(self.atol, option: "--atol", default: 1e-12)
        let schedule = try OptimizerChoice.parseSchedule(self.schedule)
        // FigureLimits, RunLimits and the work budget, as for every run.
        let plotOptions = try figure.resolve()
        do { try RunLimits.check(run: [steps, steps]) } catch {
            throw .usage("too much work for one run: \(error.value); expected \(error.expected) (2 optimizer specs × --steps \(steps))")
        }
        try WorkBudget.check(surface: surface, steps: [steps, steps], origin: "--steps \(steps)")
        let outputs = try DiffOutputs(output: output, csv: csv, json: json, surface: surface,
                                      inputs: SurfaceLookup.inputs(of: surface))

        let runner = PathRunner(surface: surface, specs: parsed, learningRate: lr, schedule: schedule, noise: nil,
                                runs: nil, start: start, steps: steps)
        let paths = try runner.run()
        let gap = PathGap(a: (paths[0].xs, paths[0].ys), b: (paths[1].xs, paths[1].ys), rtol: rtol, atol: atol)
        let report = DiffReport(a: paths[0], b: paths[1], gap: gap, surface: surface.name, start: start, steps: steps).text
        try outputs.write(report: report, surface: surface, definition: definition, paths: paths, gap: gap, start: start,
                          options: plotOptions)
    }

    private func tolerance(_ text: String?, option: String, default value: Double) throws(CLIError) -> Double {
        guard let text else { return value }
        let v = try ValueParsing.number(text, option: option, example: "1e-9")
        guard v >= 0 else { throw .usage("invalid \(option) \(text); expected a non-negative number such as 1e-9") }
        return v
    }
}

/// The report of `trajviz diff`, one fact a line.
///
///     A: adam:lr=0.01
///     B: textbook.adam:lr=0.01
///     beale from (1, 1.5), 500 steps
///     first difference: step 1 (beyond atol 1e-12 + rtol 1e-09)
///       A (1.0099999999991, 1.4900000000007)
///       B (1.0099999999981, 1.4900000000012)
///     largest gap: 0.0123 at step 500
///     the gap opens fastest at step 37 (+0.0011)
///     final loss: A 0.0123, B 0.0234
struct DiffReport {
    var a: Trajectory
    var b: Trajectory
    var gap: PathGap
    var surface: String
    var start: Point
    var steps: Int

    var text: String {
        var lines = ["A: \(a.label)", "B: \(b.label)",
                     "\(surface) from (\(formatNumber(start.x)), \(formatNumber(start.y))), \(steps) steps"]
        for (name, path) in [("A", a), ("B", b)] {
            if let k = path.divergedAt { lines.append("\(name) diverged at step \(k)") }
        }
        let tolerance = "atol \(formatNumber(gap.atol)) + rtol \(formatNumber(gap.rtol))"
        if let k = gap.firstDifference {
            lines.append("first difference: step \(k) (beyond \(tolerance))")
            lines.append("  A (\(formatNumber(a.xs[k])), \(formatNumber(a.ys[k])))")
            lines.append("  B (\(formatNumber(b.xs[k])), \(formatNumber(b.ys[k])))")
        } else {
            lines.append("no difference beyond \(tolerance) in \(gap.distances.count) points")
        }
        if let (k, d) = gap.largest {
            lines.append("largest gap: \(short(d)) at step \(k)")
        }
        if gap.firstDifference != nil, let (k, w) = gap.opening {
            lines.append("the gap opens fastest at step \(k) (+\(short(w)))")
        }
        if let la = a.losses.last, let lb = b.losses.last {
            lines.append("final loss: A \(short(la)) (step \(a.losses.count - 1)), B \(short(lb)) (step \(b.losses.count - 1))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Four significant digits (`0.01234`, `3.2e-10`); String(format:) uses the C locale.
    private func short(_ v: Double) -> String { String(format: "%.4g", v) }
}

/// Where `diff` writes: the figure (default `output/<surface>-diff.png` when nothing is named)
/// and the data files, committed together as one ``OutputTransaction``; the report is the
/// commit's status, on stdout (stderr when a data file goes to stdout), printed once every
/// file is in place.
struct DiffOutputs {
    private let plan: OutputPlan
    private let csv: OutputFile?
    private let json: OutputFile?

    /// - Parameter inputs: the files the run reads (a surface file), which no output may replace.
    init(output: String?, csv: String?, json: String?, surface: any Surface, inputs: [InputFile]) throws(CLIError) {
        self.csv = csv.map { OutputFile(path: $0, option: "--csv") }
        self.json = json.map { OutputFile(path: $0, option: "--json") }
        plan = try OutputPlan(output: output, data: [self.csv, self.json].compactMap { $0 },
                              defaultFigure: "output/\(FigureOutput.fileStem(for: surface))-diff.png", inputs: inputs)
        _ = try plan.stillFigureFormat(refusal: FigureOutput.stillRefusal(command: "diff"))
    }

    func write(report: String, surface: any Surface, definition: SurfaceDefinition?, paths: [Trajectory], gap: PathGap,
               start: Point, options: SurfacePlotOptions) throws(CLIError) {
        let figureBytes = try plan.figure.map { file throws(CLIError) in
            try FigureOutput.renderDiff(surface: surface, paths: paths, gap: gap, options: options, file: file)
        }
        var contents: [[UInt8]] = []
        if csv != nil { contents.append(Array(PathCSV.write(paths).utf8)) }
        if json != nil {
            contents.append(try Exports.manifestBytes(surface: surface, definition: definition, paths: paths, start: start,
                                                      figure: options))
        }
        try plan.write(figure: figureBytes, data: contents, summary: report)
    }
}
