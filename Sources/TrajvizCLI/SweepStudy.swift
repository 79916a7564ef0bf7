import CairoRender
import Jobs
import Optimizers
import Plot
import Regression
import Stepping
import Studies
import SurfaceFiles
import Surfaces

/// A sweep ready to run: the design and every run, built from the command line (`trajviz sweep`)
/// or from a manifest's record (`trajviz replay`), then stepped, scored and written the same way.
struct SweepStudy {
    /// One run with its place in the design.
    struct Planned: Sendable {
        var run: StudyRun
        var spec: Int
        var rate: Int?
        var startIndex: Int?
        var schedule: String?
    }

    var surface: any Surface
    var definition: SurfaceDefinition?
    var metric: StudyMetric
    var specs: [String]
    /// The legend text of each row (the spec's `label=`, else its label).
    var rowTitles: [String]
    var rowOptimizers: [String]
    var rowColors: [UInt32?]
    var rates: [Double]?
    var starts: StartGrid?
    /// The one start of an lr sweep.
    var start: Point
    var steps: Int
    var noise: GradientNoise?
    var runs: Int?
    var planned: [Planned]
    /// Whether the basin map colours by the metric rather than by the minimum reached.
    var byMetric: Bool

    /// What a run keeps: its outcome and values, the reduced path for the figure, the full path
    /// for the manifest of an lr sweep.
    struct Kept: Sendable {
        var outcome: RunOutcome
        var hyperparameters: Hyperparameters
        var plotPath: PlotPath?
        var path: Trajectory?
    }

    /// The stepped sweep: its record and what the figure and the manifest need.
    struct Result {
        var record: SweepRecord
        var plotPaths: [PlotPath?]
        var paths: [Trajectory]
    }

    /// The most runs one sweep steps, and the most steps in all (about a minute on one core).
    static let maximumRuns = 500_000
    static let maximumTotalSteps = 2_000_000_000

    /// Checks the size of the study before any work: the runs and their steps (a run keeps a few
    /// numbers, so a study may step far more than a run of paths), the paths an lr sweep's
    /// manifest keeps (``RunLimits``), and a surface file's cost (``WorkBudget``).
    ///
    /// - Parameter origin: where the study came from, for messages (`the manifest's study`).
    func checkSize(keepsPaths: Bool, origin: String = "the sweep's specs × rates × starts × runs") throws(CLIError) {
        let total = planned.count
        guard total <= Self.maximumRuns else {
            throw .usage("too much work for one sweep: \(total) runs (\(origin)); at most \(Self.maximumRuns) (use fewer rates, starts, specs or runs)")
        }
        guard total * max(1, steps) <= Self.maximumTotalSteps else {
            throw .usage("too much work for one sweep: \(total) runs × \(steps) steps; at most \(Self.maximumTotalSteps) steps in all (use fewer steps, rates or starts)")
        }
        if keepsPaths && starts == nil {
            do { try RunLimits.check(run: Array(repeating: steps, count: total)) } catch {
                throw .usage("too much for the manifest's paths: \(error.value); expected \(error.expected) (\(origin))")
            }
        }
        try WorkBudget.check(surface: surface, steps: Array(repeating: steps, count: total), origin: origin)
    }

    /// Steps every run on every core, in order; each reduced inside its own job.
    func run(drawsFigure: Bool, keepsPaths: Bool, options: SurfacePlotOptions) throws(CLIError) -> Result {
        let minima = surface.minima, tolerance = metric.tolerance
        let resolution = PlotResolution(surface: surface, options: options)
        // A basin map keeps no path: thousands of runs are drawn as cells.
        let reduce = drawsFigure && starts == nil, keep = keepsPaths && starts == nil
        let results = stepRuns(planned.map(\.run), on: surface, steps: steps, noise: noise) { path in
            Kept(outcome: RunOutcome(path, minima: minima, tolerance: tolerance), hyperparameters: path.hyperparameters,
                 plotPath: reduce ? PlotPath(path, resolution: resolution) : nil, path: keep ? path : nil)
        }
        let window = Domain(x: options.window(for: surface).x, y: options.window(for: surface).y)
        let rule = BasinRule(minima: minima, window: window)
        var records: [SweepRunRecord] = [], plotPaths: [PlotPath?] = [], paths: [Trajectory] = []
        for (p, r) in zip(planned, results) {
            let kept: Kept
            switch r {
            case .success(let k): kept = k
            case .failure(let error): throw .failure("\(p.run.label): \(error.message)")
            }
            records.append(SweepRunRecord(label: p.run.label, spec: p.spec, rate: p.rate, startIndex: p.startIndex, run: p.run.run,
                                          optimizer: p.run.name, hyperparameters: kept.hyperparameters, schedule: p.schedule,
                                          appearance: p.run.appearance, start: p.run.start, outcome: kept.outcome,
                                          basin: rule.category(of: kept.outcome)))
            plotPaths.append(kept.plotPath)
            if let path = kept.path { paths.append(path) }
        }
        let record = SweepRecord(metric: metric, specs: specs, rates: rates, starts: starts, colorByMetric: byMetric,
                                 steps: steps, runs: records)
        return Result(record: record, plotPaths: plotPaths, paths: paths)
    }

    // MARK: the figure

    func title(_ kind: String) -> String { "\(surface.title): \(kind)" }

    /// An lr sweep's figure.
    func sweepFigure(_ result: Result) -> SweepFigure {
        let rates = self.rates ?? []
        let fStar = surface.minimumValue
        let rows = specs.indices.map { SweepFigure.Row(title: rowTitles[$0], optimizer: rowOptimizers[$0], color: rowColors[$0]) }
        var cells: [SweepFigure.Cell] = []
        for r in specs.indices {
            for c in rates.indices {
                let members = result.record.runs.indices.filter { result.record.runs[$0].spec == r && result.record.runs[$0].rate == c }
                let scores = members.map { metric.value(of: result.record.runs[$0].outcome, minimumValue: fStar) }
                let score = scores.isEmpty ? MetricValue.diverged : MetricValue.median(scores)
                let diverged = members.compactMap { result.record.runs[$0].outcome.divergedAt }
                var note: String
                switch score {
                case .value(let v): note = metric.tolerance != nil ? "\(formatNumber(v)) steps" : shortNumber(v)
                case .notReached: note = "not reached"
                case .diverged: note = diverged.count == 1 ? "diverged at \(diverged[0])" : "diverged"
                }
                if members.count > 1, !diverged.isEmpty, score != .diverged { note += " (\(diverged.count) diverged)" }
                cells.append(SweepFigure.Cell(paths: members.compactMap { result.plotPaths[$0] }, score: Self.score(score), note: note))
            }
        }
        let from = "from (\(formatNumber(start.x)), \(formatNumber(start.y)))"
        let median = runs.map { ", median of \($0) noisy runs" } ?? ""
        return SweepFigure(rows: rows, rates: rates, cells: cells, metricTitle: metric.title(minimumValue: fStar),
                           metricLog: metric.tolerance == nil, title: title("learning-rate sweep"),
                           subtitle: "\(metric.title(minimumValue: fStar)) after \(steps) steps \(from)\(median)")
    }

    static func score(_ s: MetricValue) -> SweepFigure.Score {
        switch s {
        case .value(let v): return .value(v)
        case .notReached: return .notReached
        case .diverged: return .diverged
        }
    }

    /// A basin map's figure: one panel per spec (and rate).
    func basinFigure(_ result: Result, options: SurfacePlotOptions) -> BasinFigure {
        let grid = starts!  // only called for a basin map
        let fStar = surface.minimumValue
        var panels: [BasinFigure.Panel] = []
        let rateCount = rates?.count ?? 1
        // Runs are planned spec by spec, rate by rate, start by start.
        var k = 0
        for r in specs.indices {
            for c in 0..<rateCount {
                var cells: [BasinFigure.Cell] = []
                cells.reserveCapacity(grid.count)
                for _ in 0..<grid.count {
                    let run = result.record.runs[k]
                    k += 1
                    if byMetric {
                        switch metric.value(of: run.outcome, minimumValue: fStar) {
                        case .value(let v): cells.append(.value(v))
                        case .notReached: cells.append(.notReached)
                        case .diverged: cells.append(run.outcome.startUndefined ? .undefined : .diverged)
                        }
                    } else {
                        switch run.basin {
                        case .minimum(let m): cells.append(.minimum(m))
                        case .elsewhere: cells.append(.elsewhere)
                        case .left: cells.append(.left)
                        case .diverged: cells.append(.diverged)
                        case .undefined: cells.append(.undefined)
                        }
                    }
                }
                let rateText = rates.map { " lr=" + formatNumber($0[c]) } ?? ""
                panels.append(BasinFigure.Panel(title: rates == nil ? rowTitles[r] : rowTitles[r] + rateText,
                                                optimizer: rowOptimizers[r], color: rowColors[r], cells: cells))
            }
        }
        let minima = surface.minima.map(\.point)
        return BasinFigure(columns: grid.columns, rows: grid.rows, x: grid.x, y: grid.y, panels: panels,
                           columnTitles: rates.map { $0.map { "lr = " + formatNumber($0) } } ?? [],
                           rowTitles: rates == nil ? [] : rowTitles,
                           minima: minima, minimumLabels: minima.map { "(\(shortNumber($0.x)), \(shortNumber($0.y)))" },
                           metricTitle: byMetric ? metric.title(minimumValue: fStar) : nil, metricLog: metric.tolerance == nil,
                           title: title("basins of attraction"),
                           subtitle: "where each of \(grid.columns) × \(grid.rows) starts ends after \(steps) steps"
                               + (byMetric ? ", coloured by \(metric.title(minimumValue: fStar))" : ""))
    }

    // MARK: writing

    /// Writes the figure, the CSV (one row per run) and the manifest (the lr sweep's paths and the
    /// study record), each whole, after saying which runs diverged.
    func write(_ result: Result, plan: OutputPlan, csv: Bool, json: Bool, options: SurfacePlotOptions) throws(CLIError) {
        let diverged = result.record.runs.filter { $0.outcome.divergedAt != nil }
        if starts == nil {
            for r in diverged { Terminal.err("\(r.label)\(r.run.map { " (run \($0))" } ?? "") diverged at step \(r.outcome.divergedAt!)\n") }
        } else if !diverged.isEmpty {
            Terminal.err("\(diverged.count) of \(result.record.runs.count) runs diverged\n")
        }
        let figureBytes = try plan.figure.map { file throws(CLIError) -> [UInt8] in
            let format = try FigureOutput.stillFormat(of: file, command: "sweep")
            let figure = starts == nil ? sweepScene(surface: surface, sweep: sweepFigure(result), options: options)
                                       : basinScene(surface: surface, basins: basinFigure(result, options: options), options: options)
            do throws(RenderError) { return try CairoRender.render(figure, format: format) } catch {
                throw .failure("cannot draw the figure for '\(file.path)': \(error.description)")
            }
        }
        var contents: [[UInt8]] = []
        if csv { contents.append(Array(StudyCSV.sweep(result.record, minimumValue: surface.minimumValue).utf8)) }
        if json {
            contents.append(try Exports.manifestBytes(surface: surface, definition: definition, paths: result.paths, start: start,
                                                      figure: options, noise: noise, runs: runs, study: result.record.json))
        }
        try plan.write(figure: figureBytes, data: contents)
    }
}

extension SweepStudy {
    /// The sweep a manifest records, every run rebuilt from its record (optimizer, every
    /// hyperparameter, schedule, start, noise run), not from the design.
    ///
    /// - Throws: a failure naming the manifest and the run for an unknown optimizer, refused
    ///   values or a schedule that does not parse.
    init(record: SweepRecord, manifest: Manifest, surface: any Surface, definition: SurfaceDefinition?,
         file: String) throws(CLIError) {
        var planned: [Planned] = []
        for (k, r) in record.runs.enumerated() {
            let where_ = "\(file): study.runs[\(k)] '\(r.label)'"
            guard let kind = OptimizerRegistry.named(r.optimizer) else {
                throw .failure("\(where_): unknown optimizer '\(r.optimizer)'")
            }
            let optimizer: any Optimizer
            do { optimizer = try kind.make(r.hyperparameters) } catch { throw .failure("\(where_): \(error.message)") }
            let schedule = try r.schedule.map { text throws(CLIError) in
                do throws(ScheduleError) { return try Schedule.parse(text) } catch { throw .failure("\(where_): schedule '\(text)': \(error.message)") }
            }
            planned.append(Planned(run: StudyRun(label: r.label, name: r.optimizer, optimizer: optimizer, schedule: schedule,
                                                 appearance: r.appearance, start: r.start, run: r.run),
                                   spec: r.spec, rate: r.rate, startIndex: r.startIndex, schedule: r.schedule))
        }
        let firstOfRow = record.specs.indices.map { row in record.runs.first { $0.spec == row } }
        self.init(surface: surface, definition: definition, metric: record.metric, specs: record.specs,
                  rowTitles: record.specs.indices.map { firstOfRow[$0]?.appearance.label ?? record.specs[$0] },
                  rowOptimizers: record.specs.indices.map { firstOfRow[$0]?.optimizer ?? record.specs[$0] },
                  rowColors: firstOfRow.map { $0?.appearance.color }, rates: record.rates, starts: record.starts,
                  start: record.runs.first?.start ?? surface.suggestedStart, steps: record.steps,
                  noise: manifest.noise, runs: manifest.runs, planned: planned, byMetric: record.colorByMetric)
    }
}
