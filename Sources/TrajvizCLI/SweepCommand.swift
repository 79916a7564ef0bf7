import ArgumentParser
import Optimizers
import Plot
import Regression
import Stepping
import Studies
import Surfaces

/// `trajviz sweep`: learning-rate sweeps as small multiples with a sensitivity panel, and basin
/// maps over a grid of starts (issue 12).
public struct SweepCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweep learning rates (small multiples and a sensitivity panel) or starts (basins of attraction).",
        usage: """
        trajviz sweep --surface NAME --opt SPEC[,SPEC...] --lr START:END:COUNT|LR,LR,... [--metric METRIC]
        trajviz sweep --surface NAME --opt SPEC[,SPEC...] --starts COLUMNSxROWS [--lr ...] [--metric METRIC]
                      [--steps N] [--start X,Y] [--schedule S] [--noise SIGMA [--seed S] [--runs K]]
                      [--output FILE] [--csv FILE] [--json FILE] [figure options]
        """,
        discussion: """
        With --lr, every spec runs at every rate from the same start: one row of panels per spec, \
        one column per rate, each panel the path with its score, and under them the sensitivity \
        panel (the score against the rate, log-log, one line per spec). START:END:COUNT gives \
        COUNT rates evenly spaced in log10, both ends included; a list gives those rates.

        With --starts, every spec runs from every point of a COLUMNSxROWS grid over the window \
        (the surface's domain, or --xlim/--ylim): each start is coloured by the listed minimum its \
        run reaches (within a quarter of the distance between the closest minima), grey where it \
        ends elsewhere in the window, darker where it leaves it or diverges: the basins of \
        attraction of each optimizer. A surface that lists no minimum, or an explicit --metric, \
        colours each start by the metric instead. With --lr too: one panel per spec and rate.

        --metric (default final-loss), measured at the last step:
          final-loss    f − f* (f* the lowest listed minimum; f itself when none is listed)
          distance      the distance to the nearest listed minimum
          steps-to TOL  the first step with f − f* <= TOL ('not reached' if none)
        A run that diverges scores 'diverged'.

        Every run is an independent job on every core; the results and files do not depend on \
        how they are scheduled. --csv writes one row per run; --json the manifest (an lr sweep's \
        paths and the whole design with every run), which 'trajviz replay' redraws. Without \
        --output the figure goes to output/<surface>-sweep.png (output/<surface>-basins.png).

        Examples:
          trajviz sweep --surface beale --opt adam,radam --lr 1e-4:1:13
          trajviz sweep --surface beale --opt adam,radam --lr 0.001,0.01,0.1 --metric steps-to 1e-6
          trajviz sweep --surface himmelblau --opt adam,sgd --starts 41x41
          trajviz sweep --surface rosenbrock --opt adam --lr 0.01:1:3 --noise 1 --runs 9 --json sweep.json
        """)

    @Option(name: .long, help: ArgumentHelp("The surface: a built-in name, surfaces/NAME.toml, or a path to a .toml file.", valueName: "NAME"))
    var surface: String = "rosenbrock"

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("The optimizer specs, one row each (repeatable; a list such as adam,radam).", valueName: "SPEC"))
    var opt: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The rates: START:END:COUNT (log-spaced, ends included, e.g. 1e-4:1:13) or a list (0.001,0.01,0.1).", valueName: "RATES"))
    var lr: String?

    @Option(name: .long, help: ArgumentHelp("A basin map: a grid of COLUMNSxROWS starts over the window, e.g. 41x41.", valueName: "CxR"))
    var starts: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("final-loss (default), distance, or steps-to TOL.", valueName: "METRIC"))
    var metric: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Steps per run (default: the surface's suggestion).", valueName: "N"))
    var steps: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The start of an lr sweep (default: the surface's suggested start); --start=-1.5,2 for negative numbers.", valueName: "X,Y"))
    var start: String?

    @Option(name: .long, help: ArgumentHelp("A learning-rate schedule for every spec without its own '@SCHEDULE'.", valueName: "SCHEDULE"))
    var schedule: String?

    @OptionGroup(title: "Gradient noise")
    var noiseOptions: NoiseOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the noise (0...\(NoiseOptions.maxSeed)).", valueName: "S"))
    var seed: String = "0"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("An lr sweep steps every spec and rate K times with K noise streams and scores the median (needs --noise).", valueName: "K"))
    var runs: String?

    @Option(name: .long, help: ArgumentHelp("Write one row per run: label,optimizer,[run,]lr,start_x,start_y,end_x,end_y,final_loss,last_step,diverged_at,steps_to,distance,basin,metric.", valueName: "FILE"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write a JSON manifest with the design and every run ('trajviz replay' redraws it).", valueName: "FILE"))
    var json: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure (.png, .svg or .pdf).", valueName: "FILE"))
    var output: String?

    @OptionGroup(title: "Figure options")
    var figure: FigureOptions

    public init() {}

    public func run() throws { try execute() }

    private func execute() throws(CLIError) {
        let (surface, definition) = try SurfaceLookup.resolve(self.surface)
        guard !opt.isEmpty else {
            throw .usage("sweep needs --opt: the specs to sweep, one row each, e.g. --opt adam,radam")
        }
        let specs = try OptimizerChoice.parse(opt)
        guard lr != nil || starts != nil else {
            throw .usage("sweep needs --lr (rates, e.g. --lr 1e-4:1:13) or --starts (a grid of starts, e.g. --starts 41x41)")
        }
        let rates = try lr.map { text throws(CLIError) in try studyInput { () throws(StudyInputError) in try SweepValues.parse(text) } }
        let metric = try studyInput { () throws(StudyInputError) in
            let m = metric_.isEmpty ? StudyMetric.finalLoss : try StudyMetric.parse(metric_)
            try m.check(on: surface)
            return m
        }
        let plotOptions = try figure.resolve()
        let view = plotOptions.window(for: surface)
        let grid = try starts.map { text throws(CLIError) in
            try studyInput { () throws(StudyInputError) in try StartGrid.parse(text, over: Domain(x: view.x, y: view.y)) }
        }
        if grid != nil, self.start != nil {
            throw .usage("--start and --starts exclude each other: a basin map starts from every point of its grid")
        }
        if grid != nil, runs != nil {
            throw .usage("--runs draws several noisy runs per cell of an lr sweep; a basin map takes one run per start (use --noise alone)")
        }
        let start = try self.start.map { text throws(CLIError) in
            let (x, y) = try ValueParsing.pair(text, option: "--start", example: "-1.5,2")
            return Point(x, y)
        } ?? surface.suggestedStart
        if grid == nil { try StartCheck.check(start, on: surface, given: self.start != nil) }
        let steps = try self.steps.map { text throws(CLIError) in
            try ValueParsing.integer(text, option: "--steps", range: 0...Limits.maxSteps)
        } ?? surface.suggestedSteps
        let schedule = try OptimizerChoice.parseSchedule(self.schedule)
        let seed = try NoiseOptions.seed(self.seed), runs = try NoiseOptions.runs(self.runs)
        let noise = try noiseOptions.resolve(seed: seed, runs: runs)
        if rates != nil, let s = specs.first(where: { $0.overrides["lr"] != nil }) {
            throw .usage("'\(s.label)' sets lr, which --lr sweeps; drop lr=... from the spec")
        }
        // Each spec built once, at the suggested rate, to check it and its schedule before any work.
        let choices = try OptimizerChoice.build(specs, learningRate: nil, suggested: surface.suggestedLearningRates,
                                                schedule: schedule, scheduleSteps: steps)

        var planned: [SweepStudy.Planned] = []
        let runNumbers: [Int?] = runs.map { Array(1...$0).map(Optional.some) } ?? [nil]
        let points = grid?.points ?? [start]
        for (r, choice) in choices.enumerated() {
            for c in rates.map({ Array($0.indices) }) ?? [-1] {
                var optimizer = choice.optimizer
                var label = choice.spec.label
                if let rates {
                    var values = choice.spec.overrides
                    values["lr"] = .number(rates[c])
                    do { optimizer = try choice.spec.kind.make(values) } catch {
                        throw .usage("invalid --lr rate \(formatNumber(rates[c])) for \(choice.spec.label): \(error.message)")
                    }
                    label = Self.label(choice.spec, rate: rates[c])
                    if let s = choice.schedule {
                        do throws(ScheduleError) { try s.check(lr: rates[c], cycledMomentum: type(of: optimizer).cycledMomentum, steps: steps) } catch {
                            throw .usage("invalid schedule '\(s.text)' for \(label): \(error.message)")
                        }
                    }
                }
                for (s, point) in points.enumerated() {
                    for run in runNumbers {
                        let runLabel = grid == nil ? label : "\(label) from (\(formatNumber(point.x)), \(formatNumber(point.y)))"
                        planned.append(SweepStudy.Planned(
                            run: StudyRun(label: runLabel, name: choice.spec.name, optimizer: optimizer, schedule: choice.schedule,
                                          appearance: choice.spec.appearance, start: point, run: run),
                            spec: r, rate: rates == nil ? nil : c, startIndex: grid == nil ? nil : s, schedule: choice.schedule?.text))
                    }
                }
            }
        }
        let study = SweepStudy(surface: surface, definition: definition, metric: metric, specs: specs.map(\.label),
                               rowTitles: specs.map { $0.appearance.label ?? $0.label }, rowOptimizers: specs.map(\.name),
                               rowColors: specs.map { $0.appearance.color }, rates: rates, starts: grid, start: start,
                               steps: steps, noise: noise, runs: runs, planned: planned,
                               byMetric: grid != nil && (surface.minima.isEmpty || !metric_.isEmpty))
        try study.checkSize(keepsPaths: json != nil)
        let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }, jsonFile = json.map { OutputFile(path: $0, option: "--json") }
        let plan = try OutputPlan(output: output, data: [csvFile, jsonFile].compactMap { $0 },
                                  defaultFigure: "output/\(FigureOutput.fileStem(for: surface))-\(grid == nil ? "sweep" : "basins").png",
                                  inputs: SurfaceLookup.inputs(of: surface))
        _ = try plan.stillFigureFormat(refusal: FigureOutput.stillRefusal(command: "sweep"))
        let result = try study.run(drawsFigure: plan.figure != nil, keepsPaths: jsonFile != nil, options: plotOptions)
        try study.write(result, plan: plan, csv: csvFile != nil, json: jsonFile != nil, options: plotOptions)
    }

    private var metric_: [String] { metric }

    /// A run's label: the spec with its rate, as a spec would be written (`adam:lr=0.001`,
    /// `adam:beta1=0.8,lr=0.001`), or with the rate after it when the spec has a schedule or a
    /// style (`adam@cosine:T_max=300 lr=0.001`).
    static func label(_ spec: OptimizerSpec, rate: Double) -> String {
        let lr = "lr=" + formatNumber(rate)
        if spec.schedule != nil || !spec.appearance.isEmpty { return spec.label + " " + lr }
        return spec.label + (spec.label.contains(":") ? "," : ":") + lr
    }
}

/// A study's input error as a usage error (exit 2), its message as is.
func studyInput<T>(_ body: () throws(StudyInputError) -> T) throws(CLIError) -> T {
    do { return try body() } catch { throw .usage(error.message) }
}
