import Optimizers
import Stepping
import Surfaces

/// Everything needed to redo a run of trajviz: the `--json` file.
///
/// It records the version that wrote it, the surface (and, for a surface read from a file, the
/// whole definition, so that nothing but the manifest is needed), the gradient noise and number of
/// runs, every path with every hyperparameter used (defaults included, in the rule's order), its
/// schedule, run, start, step count, divergence, points and rates, and the figure options. ``replay(_:surface:optimizers:)`` recomputes
/// the paths from it; ``PathRecord/load(_:name:)`` reads its paths for `compare`.
///
/// ``encode()`` always gives the same bytes for the same manifest, and every number reads back
/// to the identical Double. The schema:
///
///     {
///       "format": 2,
///       "trajviz_version": "0.1.0",
///       "surface": {
///         "name": "rosenbrock", "title": "Rosenbrock", "formula": "(1 − x)² + 100 (y − x²)²",
///         "domain": {"x": [-2, 2], "y": [-1, 3]},
///         "definition": null                      // or the file surface's definition object
///       },
///       "figure": {...} or null,                  // the figure options, passed through
///       "noise": {"sigma": 0.5, "decay": 0.55, "seed": 0} or null,  // --noise, --noise-decay, --seed
///       "runs": 20 or null,                       // --runs
///       "paths": [
///         {"label": "adam:lr=0.05@cosine:T_max=300", "optimizer": "adam",
///          "hyperparameters": {"lr": 0.05, "beta1": 0.9, ...},
///          "schedule": "cosine:T_max=300" or null,    // the schedule text after '@' or of --schedule
///          "run": 3 or null,                          // which of the --runs
///          "style": {"label": "Adam", "color": "#1f77b4"} or null,   // the spec's label=/color=
///          "start": [-1.5, 2], "steps": 300, "diverged_at": null,
///          "xs": [...], "ys": [...], "losses": [...],
///          "lrs": [...]}                              // the rate of every step taken
///       ],
///       "study": {...}                            // only a sweep's or a tuning's: its design and runs
///     }
///
/// Format 1 (before schedules, noise and runs) is still read: its paths have none of them.
public struct Manifest: Hashable, Sendable {
    /// The schema version this code writes (it reads 1 too).
    public static let format = 2

    /// The trajviz version that wrote the manifest.
    public var version: String
    public var surface: ManifestSurface
    /// The figure options (Plot's options as JSON), or nil when none were recorded.
    public var figure: JSONValue?
    /// The gradient noise every path was stepped with, or nil.
    public var noise: GradientNoise?
    /// `--runs`: how many noisy runs each spec drew; nil without `--runs`.
    public var runs: Int?
    public var paths: [ManifestPath]
    /// What `trajviz sweep` and `trajviz tune` record beside the paths (the design, every run or
    /// evaluation), passed through as JSON (the Studies module reads it); nil, and not written,
    /// for the surface command.
    public var study: JSONValue?

    public init(version: String = trajvizVersion, surface: ManifestSurface, figure: JSONValue? = nil,
                noise: GradientNoise? = nil, runs: Int? = nil, paths: [ManifestPath], study: JSONValue? = nil) {
        self.version = version; self.surface = surface; self.figure = figure
        self.noise = noise; self.runs = runs; self.paths = paths; self.study = study
    }

    /// The manifest of a run: `trajectories` traced on `surface` from `start`.
    ///
    /// - Parameters:
    ///   - definition: the definition of a surface read from a file (as JSON, e.g.
    ///     `try JSONValue(encoding: surfaceDefinition)`); nil for a built-in surface.
    ///   - figure: the figure options as JSON (`try JSONValue(encoding: plotOptions)`), or nil.
    ///   - noise: the gradient noise of the run (`--noise`), or nil.
    ///   - runs: `--runs`, or nil.
    ///   - study: a sweep's or a tuning's record, or nil.
    public init(surface: any Surface, definition: JSONValue? = nil, start: Point,
                trajectories: [Trajectory], figure: JSONValue? = nil, noise: GradientNoise? = nil, runs: Int? = nil,
                study: JSONValue? = nil) {
        self.init(surface: ManifestSurface(surface, definition: definition), figure: figure, noise: noise, runs: runs,
                  paths: trajectories.map { ManifestPath($0, start: start) }, study: study)
    }
}

/// The surface of a manifest: enough to name and show it, and for a file surface its definition.
public struct ManifestSurface: Hashable, Sendable {
    /// The command-line name (`rosenbrock`, or the file surface's `name`).
    public var name: String
    public var title: String
    public var formula: String
    public var domain: Domain
    /// The definition of a surface read from a file (its TOML keys as a JSON object), from which
    /// replay rebuilds it; nil for a built-in surface.
    public var definition: JSONValue?

    public init(name: String, title: String, formula: String, domain: Domain, definition: JSONValue? = nil) {
        self.name = name; self.title = title; self.formula = formula; self.domain = domain; self.definition = definition
    }

    public init(_ surface: any Surface, definition: JSONValue? = nil) {
        self.init(name: surface.name, title: surface.title, formula: surface.formula, domain: surface.domain,
                  definition: definition)
    }
}

/// One recorded path: how it was made and what it gave.
public struct ManifestPath: Hashable, Sendable {
    public var label: String
    public var optimizer: String
    /// Every hyperparameter used, defaults included, in the rule's order.
    public var hyperparameters: Hyperparameters
    public var start: Point
    /// The steps asked for.
    public var steps: Int
    /// The step at which the path diverged, or nil.
    public var divergedAt: Int?
    public var xs: [Double]
    public var ys: [Double]
    public var losses: [Double]
    /// The spec's `label=` and `color=`: how the figure shows the path, kept apart from the
    /// hyperparameters.
    public var appearance: PathAppearance
    /// The schedule's text (`cosine:T_max=300`), or nil for a constant rate.
    public var schedule: String?
    /// Which of `--runs` noisy runs this is (1-based), or nil.
    public var run: Int?
    /// The rate of every step taken; empty in format 1 manifests.
    public var lrs: [Double]

    public init(label: String, optimizer: String, hyperparameters: Hyperparameters, start: Point, steps: Int,
                divergedAt: Int?, xs: [Double], ys: [Double], losses: [Double],
                appearance: PathAppearance = PathAppearance(), schedule: String? = nil, run: Int? = nil, lrs: [Double] = []) {
        self.label = label; self.optimizer = optimizer; self.hyperparameters = hyperparameters
        self.start = start; self.steps = steps; self.divergedAt = divergedAt
        self.xs = xs; self.ys = ys; self.losses = losses; self.appearance = appearance
        self.schedule = schedule; self.run = run; self.lrs = lrs
    }

    /// The record of `trajectory`, traced from `start` (a trajectory that diverged at step 0
    /// holds no point, so the start is given separately).
    public init(_ trajectory: Trajectory, start: Point) {
        self.init(label: trajectory.label, optimizer: trajectory.optimizer, hyperparameters: trajectory.hyperparameters,
                  start: start, steps: trajectory.steps, divergedAt: trajectory.divergedAt,
                  xs: trajectory.xs, ys: trajectory.ys, losses: trajectory.losses, appearance: trajectory.appearance,
                  schedule: trajectory.schedule, run: trajectory.run, lrs: trajectory.lrs)
    }

    /// The path as a trajectory, as `trace` returned it.
    public var trajectory: Trajectory {
        Trajectory(label: label, optimizer: optimizer, hyperparameters: hyperparameters, steps: steps,
                   xs: xs, ys: ys, losses: losses, divergedAt: divergedAt, lrs: lrs, schedule: schedule, run: run,
                   appearance: appearance)
    }

    /// The points and rates, for `compare`.
    public var record: PathRecord {
        PathRecord(label: label, optimizer: optimizer, run: run, xs: xs, ys: ys, losses: losses,
                   lrs: lrs.isEmpty || lrs.count != xs.count - 1 ? nil : lrs)
    }

    /// How reports name the path: `adam (run 3)`.
    public var key: String { record.key }
}

// MARK: - Encoding

extension Manifest {
    /// The manifest as JSON, members in the schema's order.
    public var json: JSONValue {
        .object([
            ("format", .number(Double(Manifest.format))),
            ("trajviz_version", .string(version)),
            ("surface", surface.json),
            ("figure", figure ?? .null),
            ("noise", noiseJSON),
            ("runs", runs.map { JSONValue.number(Double($0)) } ?? JSONValue.null),
            ("paths", .array(paths.map(\.json))),
        ] + (study.map { [("study", $0)] } ?? []))
    }

    private var noiseJSON: JSONValue {
        guard let n = noise else { return .null }
        let members: [(String, JSONValue)] = [
            ("sigma", .number(n.sigma)), ("decay", .number(n.decay)), ("seed", .number(Double(n.seed))),
        ]
        return .object(members)
    }

    /// The manifest as pretty-printed UTF-8 JSON with a trailing newline; the same manifest
    /// always gives the same bytes, and every number reads back to the identical Double.
    public func encode() -> [UInt8] { json.prettyBytes() }
}

extension ManifestSurface {
    var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("title", .string(title)),
            ("formula", .string(formula)),
            ("domain", .object([
                ("x", .array([.number(domain.x.lowerBound), .number(domain.x.upperBound)])),
                ("y", .array([.number(domain.y.lowerBound), .number(domain.y.upperBound)])),
            ])),
            ("definition", definition ?? .null),
        ])
    }
}

extension ManifestPath {
    var json: JSONValue {
        .object([
            ("label", .string(label)),
            ("optimizer", .string(optimizer)),
            ("hyperparameters", .object(hyperparameters.entries.map { entry in
                switch entry.value {
                case .number(let v): return (entry.name, .number(v))
                case .flag(let b): return (entry.name, .bool(b))
                }
            })),
            ("schedule", schedule.map(JSONValue.string) ?? .null),
            ("run", run.map { JSONValue.number(Double($0)) } ?? JSONValue.null),
            ("style", appearance.isEmpty ? .null : .object(
                (appearance.label.map { [("label", JSONValue.string($0))] } ?? [])
                + (appearance.color.map { [("color", JSONValue.string(PathAppearance.hex($0)))] } ?? []))),
            ("start", .array([.number(start.x), .number(start.y)])),
            ("steps", .number(Double(steps))),
            ("diverged_at", divergedAt.map { .number(Double($0)) } ?? .null),
            ("xs", .array(xs.map(JSONValue.number))),
            ("ys", .array(ys.map(JSONValue.number))),
            ("losses", .array(losses.map(JSONValue.number))),
            ("lrs", .array(lrs.map(JSONValue.number))),
        ])
    }
}
