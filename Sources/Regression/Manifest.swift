import Optimizers
import Surfaces

/// Everything needed to redo a run of trajviz: the `--json` file.
///
/// It records the version that wrote it, the surface (and, for a surface read from a file, the
/// whole definition, so that nothing but the manifest is needed), every path with every
/// hyperparameter used (defaults included, in the rule's order), its start, step count,
/// divergence and points, and the figure options. ``replay(_:surface:optimizers:)`` recomputes
/// the paths from it; ``PathRecord/load(_:name:)`` reads its paths for `compare`.
///
/// ``encode()`` always gives the same bytes for the same manifest, and every number reads back
/// to the identical Double. The schema:
///
///     {
///       "format": 1,
///       "trajviz_version": "0.1.0",
///       "surface": {
///         "name": "rosenbrock", "title": "Rosenbrock", "formula": "(1 − x)² + 100 (y − x²)²",
///         "domain": {"x": [-2, 2], "y": [-1, 3]},
///         "definition": null                      // or the file surface's definition object
///       },
///       "figure": {...} or null,                  // the figure options, passed through
///       "paths": [
///         {"label": "adam:lr=0.05", "optimizer": "adam",
///          "hyperparameters": {"lr": 0.05, "beta1": 0.9, ...},
///          "style": {"label": "Adam", "color": "#1f77b4"} or null,   // the spec's label=/color=
///          "start": [-1.5, 2], "steps": 300, "diverged_at": null,
///          "xs": [...], "ys": [...], "losses": [...]}
///       ]
///     }
public struct Manifest: Hashable, Sendable {
    /// The schema version this code writes and reads.
    public static let format = 1

    /// The trajviz version that wrote the manifest.
    public var version: String
    public var surface: ManifestSurface
    /// The figure options (Plot's options as JSON), or nil when none were recorded.
    public var figure: JSONValue?
    public var paths: [ManifestPath]

    public init(version: String = trajvizVersion, surface: ManifestSurface, figure: JSONValue? = nil, paths: [ManifestPath]) {
        self.version = version; self.surface = surface; self.figure = figure; self.paths = paths
    }

    /// The manifest of a run: `trajectories` traced on `surface` from `start`.
    ///
    /// - Parameters:
    ///   - definition: the definition of a surface read from a file (as JSON, e.g.
    ///     `try JSONValue(encoding: surfaceDefinition)`); nil for a built-in surface.
    ///   - figure: the figure options as JSON (`try JSONValue(encoding: plotOptions)`), or nil.
    public init(surface: any Surface, definition: JSONValue? = nil, start: Point,
                trajectories: [Trajectory], figure: JSONValue? = nil) {
        self.init(surface: ManifestSurface(surface, definition: definition), figure: figure,
                  paths: trajectories.map { ManifestPath($0, start: start) })
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

    public init(label: String, optimizer: String, hyperparameters: Hyperparameters, start: Point, steps: Int,
                divergedAt: Int?, xs: [Double], ys: [Double], losses: [Double],
                appearance: PathAppearance = PathAppearance()) {
        self.label = label; self.optimizer = optimizer; self.hyperparameters = hyperparameters
        self.start = start; self.steps = steps; self.divergedAt = divergedAt
        self.xs = xs; self.ys = ys; self.losses = losses; self.appearance = appearance
    }

    /// The record of `trajectory`, traced from `start` (a trajectory that diverged at step 0
    /// holds no point, so the start is given separately).
    public init(_ trajectory: Trajectory, start: Point) {
        self.init(label: trajectory.label, optimizer: trajectory.optimizer, hyperparameters: trajectory.hyperparameters,
                  start: start, steps: trajectory.steps, divergedAt: trajectory.divergedAt,
                  xs: trajectory.xs, ys: trajectory.ys, losses: trajectory.losses, appearance: trajectory.appearance)
    }

    /// The path as a trajectory, as ``trace(_:label:name:start:steps:objective:)`` returned it.
    public var trajectory: Trajectory {
        Trajectory(label: label, optimizer: optimizer, hyperparameters: hyperparameters, steps: steps,
                   xs: xs, ys: ys, losses: losses, divergedAt: divergedAt, appearance: appearance)
    }

    /// The points, for `compare`.
    public var record: PathRecord {
        PathRecord(label: label, optimizer: optimizer, xs: xs, ys: ys, losses: losses)
    }
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
            ("paths", .array(paths.map(\.json))),
        ])
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
            ("style", appearance.isEmpty ? .null : .object(
                (appearance.label.map { [("label", JSONValue.string($0))] } ?? [])
                + (appearance.color.map { [("color", JSONValue.string(PathAppearance.hex($0)))] } ?? []))),
            ("start", .array([.number(start.x), .number(start.y)])),
            ("steps", .number(Double(steps))),
            ("diverged_at", divergedAt.map { .number(Double($0)) } ?? .null),
            ("xs", .array(xs.map(JSONValue.number))),
            ("ys", .array(ys.map(JSONValue.number))),
            ("losses", .array(losses.map(JSONValue.number))),
        ])
    }
}
