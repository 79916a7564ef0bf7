import Stepping
import Optimizers
import Regression

/// How the landscape's runs were made: what `trajviz landscape` was asked, with every default
/// filled in, so that a reader (or a rerun) knows exactly what the figure shows.
public struct LandscapeSetup: Sendable, Hashable {
    /// `MLP 784-128-10 (relu)`.
    public var model: String
    public var parameterCount: Int
    public var hidden: [Int]
    public var activation: String
    /// The `--data` folder, or nil for the bundled subset.
    public var data: String?
    /// Training records (the landscape's records are the first `records` of them).
    public var trainCount: Int
    public var records: Int
    public var epochs: Int
    public var batch: Int
    public var seed: UInt64
    public var recordEvery: Int
    /// When schedules step: `iteration` or `epoch`.
    public var scheduleEvery: String
    /// The gradient noise every run trained with (`--noise`), or nil.
    public var noise: GradientNoise?

    public init(model: String, parameterCount: Int, hidden: [Int], activation: String, data: String?, trainCount: Int,
                records: Int, epochs: Int, batch: Int, seed: UInt64, recordEvery: Int, scheduleEvery: String = "iteration",
                noise: GradientNoise? = nil) {
        self.model = model; self.parameterCount = parameterCount; self.hidden = hidden; self.activation = activation
        self.data = data; self.trainCount = trainCount; self.records = records; self.epochs = epochs; self.batch = batch
        self.seed = seed; self.recordEvery = recordEvery; self.scheduleEvery = scheduleEvery; self.noise = noise
    }
}

/// The `--json` file of `trajviz landscape`: the setup, the plane, the grid, every projected path
/// and line, and the figure options: everything `trajviz replay` needs to draw the figure again
/// without training. Numbers read back to the identical Double; the same run gives the same bytes.
///
///     {
///       "format": 1, "kind": "landscape", "trajviz_version": "0.1.0",
///       "setup": {"model": "MLP 784-128-10 (relu)", "parameters": 101770, "hidden": [128],
///                 "activation": "relu", "data": null, "train_records": 4000, "records": 2000,
///                 "epochs": 5, "batch": 100, "seed": 0, "record_every": 1, "schedule_every": "iteration",
///                 "noise": {"sigma": 0.5, "decay": 0, "seed": 0} or null},
///       "plane": {"kind": "pca", "center": "start", "explained": [0.9, 0.05], "seed": 0, "span": 1},
///       "grid": {"alpha": [...], "beta": [...], "loss": [...], "accuracy": [...]},
///       "line": {"t": [...]},
///       "figure": {...} or null,
///       "paths": [{"label": "adam", "optimizer": "adam", "hyperparameters": {...}, "schedule": null,
///                  "style": {"label": "Adam", "color": "#1f77b4"} or null,
///                  "diverged_at": null, "iteration": [...], "epoch": [...], "alpha": [...], "beta": [...],
///                  "distance": [...], "norm": [...], "loss": [...], "accuracy": [...],
///                  "train_loss": [...], "line_loss": [...], "line_accuracy": [...]}]
///     }
public struct LandscapeManifest: Sendable, Hashable {
    public static let format = 1
    /// The value of the `kind` member that tells a landscape manifest from a surface one.
    public static let kind = "landscape"

    public var version: String
    public var setup: LandscapeSetup
    public var result: LandscapeResult
    /// The figure options, passed through.
    public var figure: JSONValue?

    public init(version: String = trajvizVersion, setup: LandscapeSetup, result: LandscapeResult, figure: JSONValue? = nil) {
        self.version = version; self.setup = setup; self.result = result; self.figure = figure
    }

    /// Whether a parsed JSON document is a landscape manifest (its `kind` member says so).
    public static func isLandscape(_ json: JSONValue) -> Bool { json["kind"] == .string(kind) }

    public var json: JSONValue {
        let r = result
        func numbers(_ v: [Double]) -> JSONValue { .array(v.map(JSONValue.number)) }
        func integers(_ v: [Int]) -> JSONValue { .array(v.map { .number(Double($0)) }) }
        return .object([
            ("format", .number(Double(Self.format))),
            ("kind", .string(Self.kind)),
            ("trajviz_version", .string(version)),
            ("setup", setupJSON),
            ("plane", .object([
                ("kind", .string(r.plane.rawValue)), ("center", .string(r.center)),
                ("explained", r.explained.map(numbers) ?? .null), ("seed", .number(Double(r.seed))), ("span", .number(r.span)),
            ])),
            ("grid", .object([
                ("alpha", numbers(r.grid.alphas)), ("beta", numbers(r.grid.betas)),
                ("loss", numbers(r.grid.loss)), ("accuracy", numbers(r.grid.accuracy)),
            ])),
            ("line", .object([("t", numbers(r.lineT))])),
            ("figure", figure ?? .null),
            ("paths", .array(r.paths.map { p in
                .object([
                    ("label", .string(p.label)), ("optimizer", .string(p.optimizer)),
                    ("hyperparameters", .object(p.hyperparameters.entries.map { entry in
                        switch entry.value {
                        case .number(let v): return (entry.name, .number(v))
                        case .flag(let b): return (entry.name, .bool(b))
                        }
                    })),
                    ("schedule", p.schedule.map(JSONValue.string) ?? .null),
                    ("style", Self.styleJSON(p.appearance)),
                    ("diverged_at", p.divergedAt.map { .number(Double($0)) } ?? .null),
                    ("iteration", integers(p.iterations)), ("epoch", integers(p.epochs)),
                    ("alpha", numbers(p.alpha)), ("beta", numbers(p.beta)),
                    ("distance", numbers(p.distance)), ("norm", numbers(p.norm)),
                    ("loss", numbers(p.loss)), ("accuracy", numbers(p.accuracy)),
                    ("train_loss", numbers(p.trainLoss)),
                    ("line_loss", numbers(p.lineLoss)), ("line_accuracy", numbers(p.lineAccuracy)),
                ])
            })),
        ])
    }

    /// A path's `label=` and `color=`, as a surface manifest's `style`; null when neither was given.
    private static func styleJSON(_ a: PathAppearance) -> JSONValue {
        guard !a.isEmpty else { return .null }
        var members: [(String, JSONValue)] = []
        if let label = a.label { members.append(("label", .string(label))) }
        if let color = a.color { members.append(("color", .string(PathAppearance.hex(color)))) }
        return .object(members)
    }

    private var setupJSON: JSONValue {
        let s = setup
        let noise: JSONValue = s.noise.map { n in
            .object([("sigma", .number(n.sigma)), ("decay", .number(n.decay)), ("seed", .number(Double(n.seed)))])
        } ?? .null
        let fields: [(String, JSONValue)] = [
            ("model", .string(s.model)), ("parameters", .number(Double(s.parameterCount))),
            ("hidden", .array(s.hidden.map { .number(Double($0)) })), ("activation", .string(s.activation)),
            ("data", s.data.map(JSONValue.string) ?? .null), ("train_records", .number(Double(s.trainCount))),
            ("records", .number(Double(s.records))), ("epochs", .number(Double(s.epochs))),
            ("batch", .number(Double(s.batch))), ("seed", .number(Double(s.seed))),
            ("record_every", .number(Double(s.recordEvery))), ("schedule_every", .string(s.scheduleEvery)), ("noise", noise),
        ]
        return .object(fields)
    }

    /// Pretty-printed UTF-8 JSON with a trailing newline.
    public func encode() -> [UInt8] { json.prettyBytes() }
}

// MARK: - Reading

extension LandscapeManifest {
    /// Reads a manifest written by ``encode()``.
    ///
    /// - Throws: ``ManifestError`` naming the field that is missing or wrong (`paths[1].alpha[3]`)
    ///   and what it should hold, or an inconsistency (a grid whose values do not fill it).
    public init(json: JSONValue) throws(ManifestError) {
        let root = Reader(path: "", value: json)
        guard Self.isLandscape(json) else { throw ManifestError("not a landscape manifest (its \"kind\" is not \"landscape\")") }
        let format = try root["format"].integer()
        guard format >= 1, format <= Self.format else {
            throw ManifestError("format: \(format) is not a landscape manifest format this trajviz reads (1...\(Self.format)); upgrade trajviz")
        }
        version = try root["trajviz_version"].string()
        let s = root["setup"]
        setup = LandscapeSetup(
            model: try s["model"].string(), parameterCount: try s["parameters"].integer(min: 1),
            hidden: try s["hidden"].integers(min: 1), activation: try s["activation"].string(),
            data: try s["data"].optional()?.string(), trainCount: try s["train_records"].integer(min: 1),
            records: try s["records"].integer(min: 1), epochs: try s["epochs"].integer(min: 1),
            batch: try s["batch"].integer(min: 1), seed: UInt64(try s["seed"].integer(min: 0)),
            recordEvery: try s["record_every"].integer(min: 1), scheduleEvery: try s["schedule_every"].string(),
            noise: try s["noise"].optional().map { n throws(ManifestError) in
                GradientNoise(sigma: try n["sigma"].number(), decay: try n["decay"].number(), seed: UInt64(try n["seed"].integer(min: 0)))
            })
        guard ["iteration", "epoch"].contains(setup.scheduleEvery) else {
            throw ManifestError("setup.schedule_every: '\(setup.scheduleEvery)' is not iteration or epoch")
        }

        let pl = root["plane"]
        let kindText = try pl["kind"].string()
        guard let kind = Plane.Kind(rawValue: kindText) else {
            throw ManifestError("plane.kind: '\(kindText)' is not a plane (pca, random)")
        }
        let explained = try pl["explained"].optional()?.numbers()
        if let explained, explained.count != 2 || explained.contains(where: { !($0 >= 0 && $0 <= 1) }) {
            throw ManifestError("plane.explained: expected two fractions from 0 to 1")
        }
        let span = try pl["span"].number()
        guard span > 0 else { throw ManifestError("plane.span: \(span) is not positive") }

        let g = root["grid"]
        let alphas = try g["alpha"].numbers(), betas = try g["beta"].numbers()
        guard alphas.count >= 2, betas.count >= 2 else { throw ManifestError("grid: needs at least 2 × 2 points") }
        guard zip(alphas, alphas.dropFirst()).allSatisfy({ $0 < $1 }), zip(betas, betas.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ManifestError("grid: alpha and beta must increase")
        }
        let loss = try g["loss"].numbers(nullAs: .nan), accuracy = try g["accuracy"].numbers(nullAs: .nan)
        guard loss.count == alphas.count * betas.count, accuracy.count == loss.count else {
            throw ManifestError("grid: expected \(alphas.count * betas.count) losses and accuracies (alpha × beta), found \(loss.count) and \(accuracy.count)")
        }
        let ts = try root["line"]["t"].numbers()

        var paths: [LandscapePath] = []
        let items = try root["paths"].array()
        guard !items.isEmpty else { throw ManifestError("paths: expected at least one path") }
        for p in items {
            var hyperparameters = Hyperparameters()
            for (name, value) in try p["hyperparameters"].members() {
                switch value.value {
                case .number(let v)?: hyperparameters[name] = .number(v)
                case .bool(let b)?: hyperparameters[name] = .flag(b)
                default: throw ManifestError("\(value.path): expected a number or true/false, found \(value.value?.kindDescription ?? "nothing")")
                }
            }
            let iterations = try p["iteration"].integers(min: 0)
            let n = iterations.count
            guard n >= 1 else { throw ManifestError("\(p.path).iteration: expected at least one record") }
            func series(_ key: String, count: Int) throws(ManifestError) -> [Double] {
                let v = try p[key].numbers(nullAs: .nan)
                guard v.count == count else { throw ManifestError("\(p.path).\(key): expected \(count) numbers, found \(v.count)") }
                return v
            }
            let epochs = try p["epoch"].integers(min: 0)
            guard epochs.count == n else { throw ManifestError("\(p.path).epoch: expected \(n) numbers, found \(epochs.count)") }
            // A style is optional (manifests before it was recorded have none): label and color, each checked.
            var appearance = PathAppearance()
            if p.value?["style"] != nil, let style = try p["style"].optional() {
                if style.value?["label"] != nil { appearance.label = try style["label"].string() }
                if style.value?["color"] != nil {
                    let text = try style["color"].string()
                    guard let color = PathAppearance.parseColor(text) else {
                        throw ManifestError("\(style.path).color: '\(text)' is not a colour; expected #rrggbb")
                    }
                    appearance.color = color
                }
            }
            paths.append(LandscapePath(
                label: try p["label"].string(), optimizer: try p["optimizer"].string(), hyperparameters: hyperparameters,
                schedule: try p["schedule"].optional()?.string(), divergedAt: try p["diverged_at"].optional()?.integer(min: 1),
                iterations: iterations, epochs: epochs,
                alpha: try series("alpha", count: n), beta: try series("beta", count: n),
                distance: try series("distance", count: n), norm: try series("norm", count: n),
                loss: try series("loss", count: n), accuracy: try series("accuracy", count: n),
                trainLoss: try p["train_loss"].numbers(nullAs: .nan),
                lineLoss: try series("line_loss", count: ts.count), lineAccuracy: try series("line_accuracy", count: ts.count)))
            paths[paths.count - 1].appearance = appearance
        }
        result = LandscapeResult(plane: kind, center: try pl["center"].string(), explained: explained,
                                 seed: UInt64(try pl["seed"].integer(min: 0)), span: span,
                                 grid: LossGrid(alphas: alphas, betas: betas, loss: loss, accuracy: accuracy),
                                 lineT: ts, paths: paths)
        figure = json["figure"].flatMap { $0 == .null ? nil : $0 }
    }

    /// Reads the bytes of a manifest; see ``init(json:)``.
    public static func decode(_ bytes: [UInt8]) throws(ManifestError) -> LandscapeManifest {
        let root: JSONValue
        do { root = try JSONValue.parse(bytes) } catch { throw ManifestError("not valid JSON: \(error)") }
        return try LandscapeManifest(json: root)
    }
}

/// A JSON value and its path in the document, for messages. Reading a missing member gives a
/// reader of nothing, which fails on use ("missing").
private struct Reader {
    var path: String
    var value: JSONValue?

    subscript(key: String) -> Reader {
        Reader(path: path.isEmpty ? key : "\(path).\(key)", value: value?[key])
    }

    private func present() throws(ManifestError) -> JSONValue {
        guard let value else { throw ManifestError("\(path): missing") }
        return value
    }

    private func wrong(_ expected: String, _ v: JSONValue) -> ManifestError {
        ManifestError("\(path): expected \(expected), found \(v.kindDescription)")
    }

    /// nil when the member is null; missing is still an error.
    func optional() throws(ManifestError) -> Reader? {
        try present() == .null ? nil : self
    }

    func string() throws(ManifestError) -> String {
        let v = try present()
        guard case .string(let s) = v else { throw wrong("a string", v) }
        return s
    }

    func number() throws(ManifestError) -> Double {
        let v = try present()
        guard case .number(let x) = v else { throw wrong("a number", v) }
        return x
    }

    func integer(min: Int = .min) throws(ManifestError) -> Int {
        let x = try number()
        guard x == x.rounded(), abs(x) <= 9_007_199_254_740_991, Int(x) >= min else {
            throw ManifestError("\(path): expected a whole number\(min == 0 ? " ≥ 0" : min == 1 ? " ≥ 1" : ""), found \(formatNumber(x))")
        }
        return Int(x)
    }

    func array() throws(ManifestError) -> [Reader] {
        let v = try present()
        guard case .array(let items) = v else { throw wrong("an array", v) }
        return items.enumerated().map { Reader(path: "\(path)[\($0.offset)]", value: $0.element) }
    }

    func members() throws(ManifestError) -> [(String, Reader)] {
        let v = try present()
        guard case .object(let m) = v else { throw wrong("an object", v) }
        return m.map { ($0.key, Reader(path: "\(path).\($0.key)", value: $0.value)) }
    }

    /// Numbers; with `nullAs`, a null item (JSON's spelling of a non-finite value) reads as it.
    func numbers(nullAs: Double? = nil) throws(ManifestError) -> [Double] {
        let v = try present()
        guard case .array(let items) = v else { throw wrong("an array of numbers", v) }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            switch item {
            case .number(let x): out.append(x)
            case .null where nullAs != nil: out.append(nullAs!)
            default: throw ManifestError("\(path)[\(i)]: expected a number, found \(item.kindDescription)")
            }
        }
        return out
    }

    func integers(min: Int) throws(ManifestError) -> [Int] {
        var out: [Int] = []
        for item in try array() { out.append(try item.integer(min: min)) }
        return out
    }
}
