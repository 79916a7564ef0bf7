import Optimizers
import Regression
import Surfaces

/// The `study` member of a sweep's manifest: the design (rows, rates, starts, steps, metric) and
/// every run, each with what it needs to be stepped again (optimizer, every hyperparameter,
/// schedule, start, noise run) and what it gave.
///
///     "study": {
///       "kind": "sweep",
///       "metric": "final-loss",                      // or "distance", "steps-to 1e-06"
///       "specs": ["adam", "radam"],                  // the rows, as written
///       "lr": [0.0001, 0.000215443469003, ...],      // the columns; null: one column
///       "starts": {"columns": 41, "rows": 41, "x": [-5, 5], "y": [-5, 5]},  // a basin map; null: one start
///       "color_by": "basin",                          // a basin map's cells: "basin" or "metric"; null: an lr sweep
///       "steps": 500,
///       "runs": [
///         {"label": "adam:lr=0.0001", "spec": 0, "lr_index": 0, "start_index": null, "run": null,
///          "optimizer": "adam", "hyperparameters": {"lr": 0.0001, ...}, "schedule": null, "style": null,
///          "start": [1, 1.5], "end": [1.01, 1.5], "final_loss": 14.1, "last_step": 500,
///          "diverged_at": null, "steps_to": null, "distance": 2.06, "nearest": 1, "basin": "elsewhere"}
///       ]
///     }
///
/// `nearest` is 1-based (the surface's first listed minimum is 1); `basin` is ``BasinCategory/text``.
/// `trajviz replay` steps every run again from its record, not from the design, and draws the
/// same figure.
public struct SweepRecord: Hashable, Sendable {
    public var metric: StudyMetric
    public var specs: [String]
    public var rates: [Double]?
    public var starts: StartGrid?
    /// Whether a basin map colours its cells by the metric rather than by the minimum reached.
    public var colorByMetric: Bool
    public var steps: Int
    public var runs: [SweepRunRecord]

    public init(metric: StudyMetric, specs: [String], rates: [Double]?, starts: StartGrid?, colorByMetric: Bool = false,
                steps: Int, runs: [SweepRunRecord]) {
        self.metric = metric; self.specs = specs; self.rates = rates; self.starts = starts; self.steps = steps; self.runs = runs
        self.colorByMetric = colorByMetric
    }

    public static let fields = ["kind", "metric", "specs", "lr", "starts", "color_by", "steps", "runs"]
    static let startFields = ["columns", "rows", "x", "y"]

    public var json: JSONValue {
        .object([
            ("kind", .string("sweep")),
            ("metric", .string(metric.text)),
            ("specs", .array(specs.map(JSONValue.string))),
            ("lr", rates.map { .array($0.map(JSONValue.number)) } ?? .null),
            ("starts", starts.map { g in .object([
                ("columns", .number(Double(g.columns))), ("rows", .number(Double(g.rows))),
                ("x", .array([.number(g.x.lowerBound), .number(g.x.upperBound)])),
                ("y", .array([.number(g.y.lowerBound), .number(g.y.upperBound)])),
            ]) } ?? .null),
            ("color_by", starts == nil ? .null : .string(colorByMetric ? "metric" : "basin")),
            ("steps", .number(Double(steps))),
            ("runs", .array(runs.map(\.json))),
        ])
    }

    /// Reads the member written by ``json``; messages name the field (`study.runs[2].spec: ...`).
    public init(json: JSONValue, path: String = "study") throws(StudyInputError) {
        let root = try JSONField(path: path, value: json).object(accepting: Self.fields)
        guard try root.member("kind").string() == "sweep" else { throw StudyInputError("\(path).kind: expected \"sweep\"") }
        metric = try StudyMetric.parse(try root.member("metric").string().split(separator: " ").map(String.init),
                                       option: "\(path).metric")
        specs = try root.member("specs").strings()
        guard !specs.isEmpty else { throw StudyInputError("\(path).specs: expected at least one spec") }
        rates = try root.optional("lr")?.numbers()
        if let rates, rates.isEmpty || rates.contains(where: { !($0 > 0) }) {
            throw StudyInputError("\(path).lr: expected positive rates")
        }
        if let g = try root.optional("starts")?.object(accepting: Self.startFields) {
            let c = try g.member("columns").integer(in: 2...StartGrid.maximumSide)
            let r = try g.member("rows").integer(in: 2...StartGrid.maximumSide)
            starts = StartGrid(columns: c, rows: r, x: try g.member("x").range(), y: try g.member("y").range())
        } else {
            starts = nil
        }
        let colorBy = try root.optional("color_by")?.string()
        guard (colorBy == nil) == (starts == nil), colorBy == nil || colorBy == "basin" || colorBy == "metric" else {
            throw StudyInputError("\(path).color_by: expected \(starts == nil ? "null (the study has no start grid)" : "\"basin\" or \"metric\"")")
        }
        colorByMetric = colorBy == "metric"
        steps = try root.member("steps").integer(in: 0...1_000_000)
        runs = []
        for item in try root.member("runs").array() {
            let run = try SweepRunRecord(item, rows: specs.count, columns: rates?.count, starts: starts?.count, steps: steps)
            runs.append(run)
        }
        var labels = Set<String>()
        for (k, r) in runs.enumerated() where !labels.insert(r.label + (r.run.map { "#\($0)" } ?? "")).inserted {
            throw StudyInputError("\(path).runs[\(k)].label: '\(r.label)' is used by an earlier run")
        }
    }
}

/// One run of a sweep, as recorded: how to step it again and what it gave.
public struct SweepRunRecord: Hashable, Sendable {
    public var label: String
    /// The row: an index into ``SweepRecord/specs``.
    public var spec: Int
    /// The column: an index into ``SweepRecord/rates``; nil when there are none.
    public var rate: Int?
    /// The start's index in ``SweepRecord/starts``; nil for an lr sweep.
    public var startIndex: Int?
    public var run: Int?
    public var optimizer: String
    public var hyperparameters: Hyperparameters
    public var schedule: String?
    public var appearance: PathAppearance
    public var start: Point
    public var outcome: RunOutcome
    public var basin: BasinCategory

    public init(label: String, spec: Int, rate: Int?, startIndex: Int?, run: Int?, optimizer: String,
                hyperparameters: Hyperparameters, schedule: String?, appearance: PathAppearance, start: Point,
                outcome: RunOutcome, basin: BasinCategory) {
        self.label = label; self.spec = spec; self.rate = rate; self.startIndex = startIndex; self.run = run
        self.optimizer = optimizer; self.hyperparameters = hyperparameters; self.schedule = schedule
        self.appearance = appearance; self.start = start; self.outcome = outcome; self.basin = basin
    }

    static let fields = ["label", "spec", "lr_index", "start_index", "run", "optimizer", "hyperparameters", "schedule",
                         "style", "start", "end", "final_loss", "last_step", "diverged_at", "steps_to", "distance",
                         "nearest", "basin"]

    var json: JSONValue {
        .object([
            ("label", .string(label)),
            ("spec", .number(Double(spec))),
            ("lr_index", .optionalInt(rate)),
            ("start_index", .optionalInt(startIndex)),
            ("run", .optionalInt(run)),
            ("optimizer", .string(optimizer)),
            ("hyperparameters", .hyperparameters(hyperparameters)),
            ("schedule", schedule.map(JSONValue.string) ?? .null),
            ("style", appearance.isEmpty ? .null : .object(
                (appearance.label.map { [("label", JSONValue.string($0))] } ?? [])
                + (appearance.color.map { [("color", JSONValue.string(PathAppearance.hex($0)))] } ?? []))),
            ("start", .point(start)),
            ("end", outcome.end.map(JSONValue.point) ?? .null),
            ("final_loss", .optionalNumber(outcome.finalLoss)),
            ("last_step", .number(Double(outcome.lastStep))),
            ("diverged_at", .optionalInt(outcome.divergedAt)),
            ("steps_to", .optionalInt(outcome.stepsTo)),
            ("distance", .optionalNumber(outcome.distance)),
            ("nearest", .optionalInt(outcome.nearest.map { $0 + 1 })),
            ("basin", .string(basin.text)),
        ])
    }

    init(_ field: JSONField, rows: Int, columns: Int?, starts: Int?, steps: Int) throws(StudyInputError) {
        let f = try field.object(accepting: Self.fields)
        label = try f.member("label").string()
        spec = try f.member("spec").integer(in: 0...(rows - 1))
        rate = try f.optional("lr_index")?.integer(in: 0...max(0, (columns ?? 0) - 1))
        if (rate == nil) != (columns == nil) {
            throw StudyInputError("\(f.path).lr_index: expected \(columns == nil ? "null (the study has no lr columns)" : "the index of its rate")")
        }
        startIndex = try f.optional("start_index")?.integer(in: 0...max(0, (starts ?? 0) - 1))
        if (startIndex == nil) != (starts == nil) {
            throw StudyInputError("\(f.path).start_index: expected \(starts == nil ? "null (the study has no start grid)" : "the index of its start")")
        }
        run = try f.optional("run")?.integer(in: 1...1000)
        optimizer = try f.member("optimizer").string()
        hyperparameters = try f.member("hyperparameters").hyperparameters()
        schedule = try f.optional("schedule")?.string()
        appearance = PathAppearance()
        if let style = try f.optional("style")?.object(accepting: ["label", "color"]) {
            appearance.label = try style.optional("label")?.string()
            if let c = try style.optional("color")?.string() {
                guard let color = PathAppearance.parseColor(c) else { throw StudyInputError("\(style.path).color: '\(c)' is not a colour; expected #rrggbb") }
                appearance.color = color
            }
        }
        start = try f.member("start").point()
        let lastStep = try f.member("last_step").integer(in: -1...steps)
        let diverged = try f.optional("diverged_at")?.integer(in: 0...steps)
        let stepsTo = try f.optional("steps_to")?.integer(in: 0...steps)
        let nearest = try f.optional("nearest")?.integer(in: 1...1_000_000)
        outcome = RunOutcome(end: try f.optional("end")?.point(), finalLoss: try f.optional("final_loss")?.number(),
                             lastStep: lastStep, divergedAt: diverged, stepsTo: stepsTo,
                             distance: try f.optional("distance")?.number(), nearest: nearest.map { $0 - 1 })
        let text = try f.member("basin").string()
        guard let b = BasinCategory(text: text, minima: 1_000_000) else {
            throw StudyInputError("\(f.path).basin: '\(text)' is not a basin; expected a minimum's number, elsewhere, left, diverged or undefined")
        }
        basin = b
    }
}
