import ArgumentParser
import Numbers
import Optimizers
import Plot
import Regression
import Stepping
import Studies
import Surfaces

/// `trajviz tune`: every optimizer tuned on the same space, budget, steps and objective, then
/// drawn with its tuned settings (issue 12).
public struct TuneCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Tune every optimizer fairly (same space, budget and steps), then draw the tuned paths.",
        usage: """
        trajviz tune --surface NAME [--opt SPEC ...] [--budget N] [--steps N] [--objective final-loss|distance]
                     [--space NAME=LOW:HIGH[:log|linear] ...] [--starts K] [--seed S]
                     [--output FILE] [--csv FILE] [--json FILE] [figure options]
        """,
        discussion: """
        A fair comparison gives every optimizer the same chance: the same search space (lr in \
        [1e-5, 10], log-uniform, unless --space says otherwise; --space beta1=0.5:0.99 adds a \
        hyperparameter for the optimizers that have it), the same number of evaluations \
        (--budget), and the same step count for tuning and for the figure drawn afterwards, with \
        the objective measured at the last step.

        The search is deterministic: the optimizer's own settings first (a bare name's rate is the \
        surface's suggestion), then a scrambled Sobol design drawn from --seed over half the \
        budget, then a compass search around the best point (and more Sobol points once it has \
        converged). Values are rounded to 3 significant digits (log ranges) so that the table's \
        values reproduce the tuned runs exactly. --starts K scores the median over K starts: the \
        surface's start (or --start) and K−1 seeded starts within a tenth of the window around it.

        Prints a table (optimizer, each tuned value, the objective, the baseline's, evaluations), \
        writes the figure of the tuned paths (tuned values and score in the legend; default \
        output/<surface>-tuned.png), --csv one row per evaluation, and --json a manifest of the \
        tuned paths with the whole search, which 'trajviz replay' redraws without searching.

        Examples:
          trajviz tune --surface rosenbrock --opt all --budget 64
          trajviz tune --surface beale --opt adam,radam,sgd --space lr=1e-4:1 --space beta1=0.5:0.99
          trajviz tune --surface himmelblau --opt all --objective distance --starts 5 --json tuned.json
        """)

    @Option(name: .long, help: ArgumentHelp("The surface: a built-in name, surfaces/NAME.toml, or a path to a .toml file.", valueName: "NAME"))
    var surface: String = "rosenbrock"

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("The optimizers to tune (repeatable; 'all', the default, for every one). Values a spec sets are kept, not tuned.", valueName: "SPEC"))
    var opt: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Evaluations per optimizer (1...\(TuneLimits.maximumBudget)).", valueName: "N"))
    var budget: String = "64"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Steps of every run, in the tuning and in the figure (default: the surface's suggestion).", valueName: "N"))
    var steps: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("What is minimised at the last step: final-loss (default), distance, or steps-to TOL.", valueName: "OBJECTIVE"))
    var objective: [String] = []

    @Option(name: .long, help: ArgumentHelp("A hyperparameter's range: NAME=LOW:HIGH[:log|linear] (repeatable; default lr=1e-5:10).", valueName: "RANGE"))
    var space: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Score the median over K starts (1...\(TuneLimits.maximumStarts); default 1).", valueName: "K"))
    var starts: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The first start (default: the surface's suggested start); --start=-1.5,2 for negative numbers.", valueName: "X,Y"))
    var start: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the Sobol design and of the extra starts (0...\(NoiseOptions.maxSeed)).", valueName: "S"))
    var seed: String = "0"

    @Option(name: .long, help: ArgumentHelp("Write every evaluation: label,optimizer,evaluation,phase,<each hyperparameter of the space>,objective.", valueName: "FILE"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write a manifest of the tuned paths with the whole search ('trajviz replay' redraws it).", valueName: "FILE"))
    var json: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure (.png, .svg or .pdf).", valueName: "FILE"))
    var output: String?

    @OptionGroup(title: "Figure options")
    var figure: FigureOptions

    public init() {}

    public func run() throws { try execute() }

    private func execute() throws(CLIError) {
        let (surface, definition) = try SurfaceLookup.resolve(self.surface)
        let specs = try OptimizerChoice.parse(opt.isEmpty ? ["all"] : opt)
        let budget = try ValueParsing.integer(budget, option: "--budget", range: 1...TuneLimits.maximumBudget)
        let steps = try self.steps.map { text throws(CLIError) in
            try ValueParsing.integer(text, option: "--steps", range: 0...Limits.maxSteps)
        } ?? surface.suggestedSteps
        let metric = try studyInput { () throws(StudyInputError) in
            let m = objective.isEmpty ? StudyMetric.finalLoss : try StudyMetric.parse(objective, option: "--objective")
            try m.check(on: surface, option: "--objective")
            return m
        }
        let startCount = try starts.map { text throws(CLIError) in
            try ValueParsing.integer(text, option: "--starts", range: 1...TuneLimits.maximumStarts)
        } ?? 1
        let first = try self.start.map { text throws(CLIError) in
            let (x, y) = try ValueParsing.pair(text, option: "--start", example: "-1.5,2")
            return Point(x, y)
        } ?? surface.suggestedStart
        try StartCheck.check(first, on: surface, given: self.start != nil)
        let seed = try NoiseOptions.seed(self.seed)
        var plotOptions = try figure.resolve()
        let choices = try OptimizerChoice.build(specs, learningRate: nil, suggested: surface.suggestedLearningRates,
                                                scheduleSteps: steps)
        let ranges = self.space
        let space = try studyInput { () throws(StudyInputError) -> SearchSpace in try SearchSpace.parse(ranges, kinds: specs.map(\.kind)) }
        let startPoints = Self.starts(count: startCount, first: first, surface: surface, window: plotOptions.window(for: surface),
                                      seed: seed)
        let targets = choices.map { c in
            TuneTarget(label: c.spec.label, name: c.spec.name, kind: c.spec.kind, base: c.optimizer.values, schedule: c.schedule,
                       dimensions: space.dimensions.filter { d in
                           c.spec.kind.parameters.contains { $0.name == d.name } && c.spec.overrides[d.name] == nil
                       })
        }
        // Every evaluation steps every start; the tuned paths are kept for the figure and manifest.
        let evaluations = targets.count * budget * startPoints.count
        guard evaluations <= Self.maximumRuns, evaluations * max(1, steps) <= SweepStudy.maximumTotalSteps else {
            throw .usage("too much work for one tuning: \(targets.count) optimizers × --budget \(budget) × --starts \(startPoints.count) runs of \(steps) steps; at most \(Self.maximumRuns) runs and \(SweepStudy.maximumTotalSteps) steps in all")
        }
        do throws(LimitViolation) { try RunLimits.check(run: Array(repeating: steps, count: targets.count)) } catch {
            throw .usage("too much work for one run: \(error.value); expected \(error.expected) (\(targets.count) optimizer specs × --steps \(steps))")
        }
        try WorkBudget.check(surface: surface, steps: Array(repeating: steps, count: evaluations + targets.count),
                             origin: "\(targets.count) optimizers × --budget \(budget) × --starts \(startPoints.count) × --steps \(steps)")
        let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }, jsonFile = json.map { OutputFile(path: $0, option: "--json") }
        let plan = try OutputPlan(output: output, data: [csvFile, jsonFile].compactMap { $0 },
                                  defaultFigure: "output/\(FigureOutput.fileStem(for: surface))-tuned.png",
                                  inputs: SurfaceLookup.inputs(of: surface))

        let showsProgress = Terminal.stderrIsTerminal
        let tuners = Studies.tune(targets, on: surface, objective: metric, steps: steps, starts: startPoints, budget: budget, seed: seed) {
            done, total in
            if showsProgress { Terminal.err("\rtuning: \(done)/\(total) evaluations") }
        }
        if showsProgress { Terminal.err("\r\u{1B}[K") }

        let fStar = surface.minimumValue
        var tuned: [TunedOptimizer] = []
        var labels: [[String]] = []
        var runs: [StudyRun] = []
        for (target, tuner) in zip(targets, tuners) {
            let evaluations = tuner.evaluations
            let bestIndex = Self.bestIndex(evaluations) ?? 0  // a tuner evaluates at least once
            let spec = choices.first { $0.spec.label == target.label }!.spec  // targets come from choices
            tuned.append(TunedOptimizer(label: target.label, optimizer: target.name, tuned: target.dimensions.map(\.name),
                                        skipped: space.dimensions.map(\.name).filter { n in !target.kind.parameters.contains { $0.name == n } },
                                        fixed: space.dimensions.map(\.name).filter { spec.overrides[$0] != nil },
                                        baseline: evaluations.first { $0.phase == .baseline }, evaluations: evaluations, best: bestIndex))
            labels.append(evaluations.map { Self.specText(spec, target: target, values: $0.values) })
            let values = evaluations[bestIndex].values
            let optimizer: any Optimizer
            do { optimizer = try target.kind.make(target.hyperparameters(values)) } catch {
                throw .failure("\(target.label): the tuned values are refused: \(error.message)")
            }
            var appearance = spec.appearance
            let score = evaluations[bestIndex].score
            appearance.label = (spec.appearance.label ?? Self.legendText(spec, target: target, values: values))
                + " · " + score.text(integer: metric.tolerance != nil)
            runs.append(StudyRun(label: Self.specText(spec, target: target, values: values), name: target.name, optimizer: optimizer,
                                 schedule: target.schedule, appearance: appearance, start: first, run: nil))
        }
        let record = TuneRecord(objective: metric, space: space.dimensions, budget: budget, seed: seed, steps: steps,
                                starts: startPoints, optimizers: tuned)

        // The table.
        var table = Self.table(record, metric: metric)
        table += "\n"

        // The tuned paths, stepped as the surface command steps them.
        let results = stepRuns(runs, on: surface, steps: steps, noise: nil) { $0 }
        var paths: [Trajectory] = []
        for (run, r) in zip(runs, results) {
            switch r {
            case .success(let p): paths.append(p)
            case .failure(let error): throw .failure("\(run.label): \(error.message)")
            }
        }
        for p in paths where p.divergedAt != nil { Terminal.err("\(p.label) diverged at step \(p.divergedAt!)\n") }
        if plotOptions.title == nil { plotOptions.title = "\(surface.title): each optimizer tuned with \(budget) evaluations" }
        if plotOptions.subtitle == nil {
            plotOptions.subtitle = space.dimensions.map { d in "\(d.name) in [\(formatNumber(d.lower)), \(formatNumber(d.upper))]" }
                .joined(separator: ", ") + "; \(metric.title(minimumValue: fStar)) after \(steps) steps"
                + (startPoints.count > 1 ? ", median of \(startPoints.count) starts" : "") + "; seed \(seed)"
        }
        let figureBytes = try plan.figure.map { file throws(CLIError) -> [UInt8] in
            let resolution = PlotResolution(surface: surface, options: plotOptions)
            return try FigureOutput.render(surface: surface, paths: paths.map { PlotPath($0, resolution: resolution) },
                                           options: plotOptions, file: file)
        }
        var contents: [[UInt8]] = []
        if csvFile != nil { contents.append(Array(StudyCSV.tune(record, labels: labels).utf8)) }
        if jsonFile != nil {
            contents.append(try Exports.manifestBytes(surface: surface, definition: definition, paths: paths, start: first,
                                                      figure: plotOptions, study: record.json))
        }
        try plan.write(figure: figureBytes, data: contents, summary: plan.usesStandardOutput ? "" : table)
        if plan.usesStandardOutput { Terminal.err(table) }
    }

    static let maximumRuns = SweepStudy.maximumRuns

    /// The best evaluation: the lowest score, the first of equals.
    static func bestIndex(_ evaluations: [Evaluation]) -> Int? {
        var b: Int? = nil
        for (i, e) in evaluations.enumerated() where b.map({ e.score.isBetter(than: evaluations[$0].score) }) ?? true { b = i }
        return b
    }

    /// The spec that reproduces an evaluation in the surface command: the spec's own values and
    /// the searched ones (`adam:lr=0.0316,beta1=0.87`), its schedule after `@`.
    static func specText(_ spec: OptimizerSpec, target: TuneTarget, values: [Double]) -> String {
        var parts = spec.overrides.entries.map { e -> String in
            switch e.value {
            case .number(let v): return "\(e.name)=\(formatNumber(v))"
            case .flag(let b): return "\(e.name)=\(b)"
            }
        }
        parts += zip(target.dimensions, values).map { "\($0.name)=\(formatNumber($1))" }
        return spec.name + (parts.isEmpty ? "" : ":" + parts.joined(separator: ",")) + (spec.schedule.map { "@" + $0 } ?? "")
    }

    /// `adam lr=0.0316 beta1=0.87`.
    static func legendText(_ spec: OptimizerSpec, target: TuneTarget, values: [Double]) -> String {
        ([spec.name] + zip(target.dimensions, values).map { "\($0.name)=\(shortNumber($1))" }).joined(separator: " ")
    }

    /// The table printed after a tuning: one line per optimizer.
    static func table(_ record: TuneRecord, metric: StudyMetric) -> String {
        let names = record.space.map(\.name)
        let objective = metric.text
        var rows: [[String]] = [["optimizer"] + names + [objective, "baseline", "evaluations"]]
        for o in record.optimizers {
            let best = o.evaluations[o.best]
            var row = [o.label]
            for n in names {
                if let i = o.tuned.firstIndex(of: n) { row.append(shortNumber(best.values[i])) }
                else { row.append(o.fixed.contains(n) ? "(fixed)" : "-") }
            }
            row.append(best.score.text(integer: metric.tolerance != nil))
            row.append(o.baseline?.score.text(integer: metric.tolerance != nil) ?? "-")
            row.append(String(o.evaluations.count))
            rows.append(row)
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { c, text in
                c == 0 ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - text.count) + text
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// K starts: `first`, then K−1 drawn from `seed` uniformly within a tenth of the window's
    /// span around it (inside the window, where f is finite).
    static func starts(count: Int, first: Point, surface: any Surface, window: DataWindow, seed: UInt64) -> [Point] {
        var points = [first]
        var g = SplitMix64(seed: seed ^ 0x57A2_7500_0000_0000)
        let dx = 0.1 * (window.x.upperBound - window.x.lowerBound), dy = 0.1 * (window.y.upperBound - window.y.lowerBound)
        var attempts = 0
        while points.count < count && attempts < 1000 * count {
            attempts += 1
            let u = Double(g.next() >> 11) * 0x1p-53, v = Double(g.next() >> 11) * 0x1p-53
            let p = Point(min(max(first.x + (2 * u - 1) * dx, window.x.lowerBound), window.x.upperBound),
                          min(max(first.y + (2 * v - 1) * dy, window.y.lowerBound), window.y.upperBound))
            if surface.value(p.x, p.y).isFinite { points.append(p) }
        }
        return points
    }
}
