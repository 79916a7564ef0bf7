import Optimizers
import Regression
import Surfaces

/// The `study` member of a tuning's manifest: the search as it ran, so that a reader can check it
/// and `trajviz replay` can redraw the tuned paths (the manifest's `paths`) without searching again.
///
///     "study": {
///       "kind": "tune",
///       "objective": "final-loss",
///       "space": [{"name": "lr", "low": 1e-05, "high": 10, "scale": "log"}],
///       "budget": 64, "seed": 0, "steps": 500,
///       "starts": [[-1.5, 2]],                       // every start scored (the median over them)
///       "optimizers": [
///         {"label": "adam", "optimizer": "adam", "tuned": ["lr"], "skipped": [], "fixed": [],
///          "baseline": {"values": {"lr": 0.05}, "score": 0.00021},   // the spec's own settings; null outside the space
///          "best": 37,                                                // index into evaluations
///          "evaluations": [{"phase": "baseline", "values": {"lr": 0.05}, "score": 0.00021}, ...]}
///       ]
///     }
///
/// A score is a number or `"diverged"`. `skipped`: hyperparameters of the space this optimizer
/// does not have; `fixed`: those its spec sets, which the search leaves as written.
public struct TuneRecord: Hashable, Sendable {
    public var objective: StudyMetric
    public var space: [SearchDimension]
    public var budget: Int
    public var seed: UInt64
    public var steps: Int
    public var starts: [Point]
    public var optimizers: [TunedOptimizer]

    public init(objective: StudyMetric, space: [SearchDimension], budget: Int, seed: UInt64, steps: Int,
                starts: [Point], optimizers: [TunedOptimizer]) {
        self.objective = objective; self.space = space; self.budget = budget; self.seed = seed
        self.steps = steps; self.starts = starts; self.optimizers = optimizers
    }

    public static let fields = ["kind", "objective", "space", "budget", "seed", "steps", "starts", "optimizers"]

    public var json: JSONValue {
        .object([
            ("kind", .string("tune")),
            ("objective", .string(objective.text)),
            ("space", .array(space.map { d in .object([
                ("name", .string(d.name)), ("low", .number(d.lower)), ("high", .number(d.upper)),
                ("scale", .string(d.log ? "log" : "linear")),
            ]) })),
            ("budget", .number(Double(budget))),
            ("seed", .number(Double(seed))),
            ("steps", .number(Double(steps))),
            ("starts", .array(starts.map(JSONValue.point))),
            ("optimizers", .array(optimizers.map(\.json))),
        ])
    }

    /// Reads the member written by ``json``.
    public init(json: JSONValue, path: String = "study") throws(StudyInputError) {
        let root = try JSONField(path: path, value: json).object(accepting: Self.fields)
        guard try root.member("kind").string() == "tune" else { throw StudyInputError("\(path).kind: expected \"tune\"") }
        objective = try StudyMetric.parse(try root.member("objective").string().split(separator: " ").map(String.init),
                                          option: "\(path).objective")
        space = []
        for d in try root.member("space").array() {
            let o = try d.object(accepting: ["name", "low", "high", "scale"])
            let scale = try o.member("scale").string()
            guard scale == "log" || scale == "linear" else { throw StudyInputError("\(o.path).scale: expected \"log\" or \"linear\"") }
            let low = try o.member("low").number(), high = try o.member("high").number()
            guard low < high, scale == "linear" || low > 0 else { throw StudyInputError("\(o.path): [low, high] is not a \(scale) range") }
            space.append(SearchDimension(name: try o.member("name").string(), lower: low, upper: high, log: scale == "log"))
        }
        budget = try root.member("budget").integer(in: 1...TuneLimits.maximumBudget)
        seed = UInt64(try root.member("seed").integer(in: 0...9_007_199_254_740_991))
        steps = try root.member("steps").integer(in: 0...1_000_000)
        starts = try root.member("starts").array().map { f throws(StudyInputError) in try f.point() }
        guard !starts.isEmpty else { throw StudyInputError("\(path).starts: expected at least one start") }
        optimizers = []
        for o in try root.member("optimizers").array() {
            optimizers.append(try TunedOptimizer(o, space: space))
        }
    }
}

/// The limits of `trajviz tune`.
public enum TuneLimits {
    public static let maximumBudget = 10_000
    public static let maximumStarts = 1_000
}

/// One optimizer's search, as recorded.
public struct TunedOptimizer: Hashable, Sendable {
    public var label: String
    public var optimizer: String
    /// The dimensions of the space searched for it, in the space's order.
    public var tuned: [String]
    /// The space's hyperparameters it does not have.
    public var skipped: [String]
    /// The space's hyperparameters its spec sets.
    public var fixed: [String]
    /// Its own settings' score, with the values of ``tuned``; nil when they lie outside the space.
    public var baseline: Evaluation?
    public var evaluations: [Evaluation]
    /// The index of the best evaluation.
    public var best: Int

    public init(label: String, optimizer: String, tuned: [String], skipped: [String], fixed: [String],
                baseline: Evaluation?, evaluations: [Evaluation], best: Int) {
        self.label = label; self.optimizer = optimizer; self.tuned = tuned; self.skipped = skipped; self.fixed = fixed
        self.baseline = baseline; self.evaluations = evaluations; self.best = best
    }

    static let fields = ["label", "optimizer", "tuned", "skipped", "fixed", "baseline", "best", "evaluations"]

    private func valuesJSON(_ values: [Double]) -> JSONValue {
        .object(zip(tuned, values).map { ($0, JSONValue.number($1)) })
    }

    var json: JSONValue {
        .object([
            ("label", .string(label)),
            ("optimizer", .string(optimizer)),
            ("tuned", .array(tuned.map(JSONValue.string))),
            ("skipped", .array(skipped.map(JSONValue.string))),
            ("fixed", .array(fixed.map(JSONValue.string))),
            ("baseline", baseline.map { b in .object([("values", valuesJSON(b.values)), ("score", .score(b.score))]) } ?? .null),
            ("best", .number(Double(best))),
            ("evaluations", .array(evaluations.map { e in .object([
                ("phase", .string(e.phase.rawValue)), ("values", valuesJSON(e.values)), ("score", .score(e.score)),
            ]) })),
        ])
    }

    init(_ field: JSONField, space: [SearchDimension]) throws(StudyInputError) {
        let f = try field.object(accepting: Self.fields)
        label = try f.member("label").string()
        optimizer = try f.member("optimizer").string()
        tuned = try f.member("tuned").strings()
        skipped = try f.member("skipped").strings()
        fixed = try f.member("fixed").strings()
        for name in tuned + skipped + fixed where !space.contains(where: { $0.name == name }) {
            throw StudyInputError("\(f.path): '\(name)' is not a hyperparameter of the space")
        }
        let tuned = self.tuned
        func values(_ v: JSONField) throws(StudyInputError) -> [Double] {
            let o = try v.object(accepting: tuned)
            var out: [Double] = []
            for name in tuned { out.append(try o.member(name).number()) }
            return out
        }
        if let b = f.optional("baseline") {
            let o = try b.object(accepting: ["values", "score"])
            baseline = Evaluation(values: try values(o.member("values")), score: try o.member("score").score(), phase: .baseline)
        } else {
            baseline = nil
        }
        evaluations = []
        for e in try f.member("evaluations").array() {
            let o = try e.object(accepting: ["phase", "values", "score"])
            let text = try o.member("phase").string()
            guard let phase = Evaluation.Phase(rawValue: text) else {
                throw StudyInputError("\(o.path).phase: '\(text)' is not a phase; expected baseline, design, refine or explore")
            }
            evaluations.append(Evaluation(values: try values(o.member("values")), score: try o.member("score").score(), phase: phase))
        }
        guard !evaluations.isEmpty else { throw StudyInputError("\(f.path).evaluations: expected at least one evaluation") }
        best = try f.member("best").integer(in: 0...(evaluations.count - 1))
    }
}
