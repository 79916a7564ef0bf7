import Numbers
import Optimizers
import Plot
import Stepping
import Surfaces

/// A manifest that cannot be read: a JSON syntax error (line and column), or a field that is
/// missing or of the wrong kind, named by its path (`paths[2].hyperparameters.lr`).
public struct ManifestError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Manifest {
    /// Reads a manifest written by ``encode()`` (or by hand, in any member order).
    ///
    /// A member the schema does not know is refused, naming its path and the accepted members
    /// (a misspelt field would otherwise be silently ignored); a newer `format` is refused.
    /// Every limit of the command line holds here too: the steps of each path and of the whole
    /// run (``RunLimits``), and the figure options (``SurfacePlotOptions/validated()``).
    ///
    /// - Throws: ``ManifestError`` naming the position of a syntax error, or the field that is
    ///   missing or wrong and what it should hold.
    ///
    /// The paths' number arrays are read straight into `Double`s (``JSONValue/parseManifest(_:)``),
    /// not as a tree of JSON values: a manifest of 18 paths × 10⁵ steps took 318 MiB to replay.
    public static func decode(_ bytes: [UInt8]) throws(ManifestError) -> Manifest {
        let read: Document
        do { read = try document(bytes) } catch { throw ManifestError("not valid JSON: \(error)") }
        return try Manifest(document: read)
    }

    /// A manifest's JSON read for ``init(document:)``: the tree of everything but the paths'
    /// number arrays, which are read aside as `Double`s. For a caller that looks at the
    /// document before decoding it (`json["kind"]`); the paths' arrays are empty in `json`.
    public struct Document: Sendable {
        public let json: JSONValue
        let pathArrays: [String: [Double]]
    }

    /// Reads `bytes` as ``decode(_:)`` does, before decoding.
    public static func document(_ bytes: [UInt8]) throws(JSONSyntaxError) -> Document {
        let (json, arrays) = try JSONValue.parseManifest(bytes)
        return Document(json: json, pathArrays: arrays)
    }

    /// Decodes a document read by ``document(_:)``: the same manifest, and the same errors, as
    /// ``init(json:)`` of the whole tree.
    public init(document: Document) throws(ManifestError) {
        try self.init(json: document.json, pathArrays: PathArrays(document.pathArrays))
    }

    /// Reads a manifest from its JSON value; see ``decode(_:)``.
    public init(json: JSONValue) throws(ManifestError) {
        try self.init(json: json, pathArrays: nil)
    }

    /// Decodes a document whose paths' number arrays were located, not read
    /// (``ManifestReader``): the paths' arrays stay empty, and `arrays` collects each path's
    /// columns (their counts and where they are) in order. The same errors as ``init(json:)``.
    init(json: JSONValue, located arrays: PathArrays) throws(ManifestError) {
        try self.init(json: json, pathArrays: arrays)
    }

    private init(json: JSONValue, pathArrays: PathArrays?) throws(ManifestError) {
        _ = try Field(path: "", value: json).object()
        // A JSON file from elsewhere is told apart from a damaged manifest by its missing marker.
        guard case .object(let members) = json, members.contains(where: { $0.key == "format" }) else {
            throw ManifestError("not a trajviz manifest (no \"format\" field); write one with trajviz --json")
        }
        let root = try Field(path: "", value: json, arrays: pathArrays).object(accepting: Self.fields)
        let format = try root.member("format").integer()
        guard format >= 1, format <= Manifest.format else {
            throw ManifestError("format: \(format) is not a manifest format this trajviz reads (1...\(Manifest.format)); upgrade trajviz")
        }
        version = try root.member("trajviz_version").string()
        let s = try root.member("surface").object(accepting: Self.surfaceFields)
        surface = ManifestSurface(
            name: try s.member("name").string(), title: try s.member("title").string(),
            formula: try s.member("formula").string(),
            domain: try Self.domain(s.member("domain").object(accepting: Self.domainFields)),
            definition: s.optionalMember("definition"))
        figure = root.optionalMember("figure")
        study = root.optionalMember("study")
        noise = nil
        if root.optionalMember("noise") != nil {
            let n = try root.member("noise").object(accepting: Self.noiseFields)
            let sigma = try n.member("sigma").number(), decay = try n.member("decay").number()
            guard sigma >= 0 else { throw ManifestError("\(n.path).sigma: \(sigma) is negative") }
            guard decay >= 0 else { throw ManifestError("\(n.path).decay: \(decay) is negative") }
            let seed = try n.member("seed").integer()
            guard seed >= 0 else { throw ManifestError("\(n.path).seed: \(seed) is negative") }
            noise = GradientNoise(sigma: sigma, decay: decay, seed: UInt64(seed))
        }
        runs = root.optionalMember("runs") == nil ? nil : try root.member("runs").integer()
        if let k = runs, k < 1 { throw ManifestError("runs: \(k) is not a positive number of runs") }
        var keys = Set<String>()
        paths = []
        for p in try root.member("paths").array() {
            let path = try Self.path(p.object(accepting: Self.pathFields))
            guard keys.insert(path.key).inserted else {
                throw ManifestError("\(p.path).label: '\(path.key)' is used by an earlier path; labels (with their runs) must be unique")
            }
            paths.append(path)
        }
        do { try RunLimits.check(run: paths.map(\.steps)) } catch {
            throw ManifestError(error.message(at: "paths"))
        }
        _ = try figureOptions()
    }

    /// The members a manifest's objects may hold (format 1), in the order they are written.
    public static let fields = ["format", "trajviz_version", "surface", "figure", "noise", "runs", "paths", "study"]
    public static let noiseFields = ["sigma", "decay", "seed"]
    public static let surfaceFields = ["name", "title", "formula", "domain", "definition"]
    public static let domainFields = ["x", "y"]
    public static let pathFields = ["label", "optimizer", "hyperparameters", "schedule", "run", "style", "start", "steps",
                                    "diverged_at", "xs", "ys", "losses", "lrs"]
    public static let styleFields = ["label", "color"]

    /// The recorded figure options, read strictly and checked by the same limits as the
    /// command line's (``SurfacePlotOptions/validated()``); the defaults when none were
    /// recorded.
    ///
    /// - Throws: ``ManifestError`` naming the field (`figure.width: invalid value 32767; ...`).
    public func figureOptions() throws(ManifestError) -> SurfacePlotOptions {
        guard let figure else { return SurfacePlotOptions() }
        let options: SurfacePlotOptions
        do {
            options = try figure.decode(SurfacePlotOptions.self, at: "figure", choices: FigureLimits.choices,
                                        expectations: FigureLimits.expectations)
        } catch {
            throw ManifestError(error.message)
        }
        do { try options.validated() } catch { throw ManifestError(error.message(at: "figure.\(error.field)")) }
        if let conflict = options.conflict { throw ManifestError("figure.\(conflict.field): \(conflict.problem)") }
        return options
    }

    private static func domain(_ d: Field) throws(ManifestError) -> Domain {
        let x = try d.member("x").pair(), y = try d.member("y").pair()
        guard x.0 <= x.1 else { throw ManifestError("\(d.path).x: [\(x.0), \(x.1)] is not an interval [min, max]") }
        guard y.0 <= y.1 else { throw ManifestError("\(d.path).y: [\(y.0), \(y.1)] is not an interval [min, max]") }
        return Domain(x: x.0...x.1, y: y.0...y.1)
    }

    private static func path(_ p: Field) throws(ManifestError) -> ManifestPath {
        var hyperparameters = Hyperparameters()
        let h = try p.member("hyperparameters").object()
        if case .object(let members) = h.value {
            for (key, value) in members {
                switch value {
                case .number(let v): hyperparameters[key] = .number(v)
                case .bool(let b): hyperparameters[key] = .flag(b)
                default:
                    throw ManifestError("\(h.path).\(key): expected a number or true/false, found \(value.kindDescription)")
                }
            }
        }
        let start = try p.member("start").pair()
        let steps = try p.member("steps").integer()
        do { try RunLimits.check(steps: steps) } catch { throw ManifestError(error.message(at: "\(p.path).steps")) }
        let diverged = p.optionalMember("diverged_at") == nil ? nil : try p.member("diverged_at").integer()
        if let k = diverged, !(0...steps).contains(k) {
            throw ManifestError("\(p.path).diverged_at: \(k) is outside 0...\(steps) (the steps)")
        }
        let xs = try p.member("xs").column(), ys = try p.member("ys").column(), losses = try p.member("losses").column()
        guard xs.count == ys.count, ys.count == losses.count else {
            throw ManifestError("\(p.path): xs, ys and losses hold \(xs.count), \(ys.count) and \(losses.count) numbers; expected as many of each")
        }
        let expected = diverged.map { "at most \($0 + 1)" } ?? "\(steps + 1)"
        guard diverged == nil ? xs.count == steps + 1 : xs.count <= diverged! + 1 else {
            throw ManifestError("\(p.path).xs: \(xs.count) points; expected \(expected) for steps \(steps)"
                                + (diverged.map { " and diverged_at \($0)" } ?? " and no divergence"))
        }
        let schedule = p.optionalMember("schedule") == nil ? nil : try p.member("schedule").string()
        let run = p.optionalMember("run") == nil ? nil : try p.member("run").integer()
        if let r = run, r < 1 { throw ManifestError("\(p.path).run: \(r) is not a run number (1 or more)") }
        let lrs = p.optionalMember("lrs") == nil ? PathColumn.values([]) : try p.member("lrs").column()
        guard lrs.count == 0 || lrs.count == xs.count - 1 else {
            throw ManifestError("\(p.path).lrs: \(lrs.count) rates; expected \(max(0, xs.count - 1)), one per step taken")
        }
        var appearance = PathAppearance()
        if p.optionalMember("style") != nil {
            let style = try p.member("style").object(accepting: Self.styleFields)
            if style.optionalMember("label") != nil { appearance.label = try style.member("label").string() }
            if style.optionalMember("color") != nil {
                let text = try style.member("color").string()
                guard let color = PathAppearance.parseColor(text) else {
                    throw ManifestError("\(style.path).color: '\(text)' is not a colour; expected #rrggbb")
                }
                appearance.color = color
            }
        }
        let decoded = ManifestPath(label: try p.member("label").string(), optimizer: try p.member("optimizer").string(),
                                   hyperparameters: hyperparameters, start: Point(start.0, start.1), steps: steps,
                                   divergedAt: diverged, xs: xs.values, ys: ys.values, losses: losses.values,
                                   appearance: appearance, schedule: schedule, run: run, lrs: lrs.values)
        p.arrays?.columns.append(PathColumns(xs: xs, ys: ys, losses: losses, lrs: lrs))
        return decoded
    }
}

/// The paths' number arrays read aside by ``JSONValue/parseManifest(_:)``, by field path, or
/// located by ``ManifestReader`` (then decoding collects each path's ``columns``).
final class PathArrays {
    let byPath: [String: [Double]]
    let located: [String: PathArrayLocation]
    var columns: [PathColumns] = []
    init(_ byPath: [String: [Double]]) { self.byPath = byPath; located = [:] }
    init(located: [String: PathArrayLocation]) { byPath = [:]; self.located = located }
}

/// A JSON value and where it sits in the document, for messages.
private struct Field {
    var path: String
    var value: JSONValue
    /// Where the number arrays the tree leaves empty are (``Manifest/document(_:)``).
    var arrays: PathArrays? = nil

    private func wrong(_ expected: String) -> ManifestError {
        ManifestError("\(path.isEmpty ? "the document" : path): expected \(expected), found \(value.kindDescription)")
    }

    func object() throws(ManifestError) -> Field {
        guard case .object = value else { throw wrong("an object") }
        return self
    }

    /// This object, when it holds no member outside `fields`.
    func object(accepting fields: [String]) throws(ManifestError) -> Field {
        guard case .object(let members) = value else { throw wrong("an object") }
        if let unknown = members.first(where: { !fields.contains($0.key) }) {
            let name = path.isEmpty ? unknown.key : "\(path).\(unknown.key)"
            throw ManifestError("\(name): unknown field; accepted: \(fields.joined(separator: ", "))")
        }
        return self
    }

    /// A required member of this object.
    func member(_ key: String) throws(ManifestError) -> Field {
        let name = path.isEmpty ? key : "\(path).\(key)"
        guard let v = value[key] else { throw ManifestError("\(name): missing") }
        return Field(path: name, value: v, arrays: arrays)
    }

    /// An optional member; nil when missing or null.
    func optionalMember(_ key: String) -> JSONValue? {
        guard let v = value[key], v != .null else { return nil }
        return v
    }

    func string() throws(ManifestError) -> String {
        guard case .string(let s) = value else { throw wrong("a string") }
        return s
    }

    func number() throws(ManifestError) -> Double {
        guard case .number(let v) = value else { throw wrong("a number") }
        return v
    }

    func integer() throws(ManifestError) -> Int {
        let v = try number()
        guard v == v.rounded(), abs(v) <= 9_007_199_254_740_991 else { throw ManifestError("\(path): expected a whole number, found \(v)") }
        return Int(v)
    }

    func array() throws(ManifestError) -> [Field] {
        guard case .array(let items) = value else { throw wrong("an array") }
        return items.enumerated().map { Field(path: "\(path)[\($0.offset)]", value: $0.element, arrays: arrays) }
    }

    func numbers() throws(ManifestError) -> [Double] {
        guard case .array(let items) = value else { throw wrong("an array of numbers") }
        if items.isEmpty, let read = arrays?.byPath[path] { return read }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .number(let v) = item else {
                throw ManifestError("\(path)[\(i)]: expected a number, found \(item.kindDescription)")
            }
            out.append(v)
        }
        return out
    }

    /// A path's number array: its values, or where a ``ManifestReader`` found it (checked, with its count).
    func column() throws(ManifestError) -> PathColumn {
        if case .array(let items) = value, items.isEmpty, let location = arrays?.located[path] {
            return .located(location)
        }
        return .values(try numbers())
    }

    /// `[a, b]`: two numbers.
    func pair() throws(ManifestError) -> (Double, Double) {
        let items = try numbers()
        guard items.count == 2 else { throw ManifestError("\(path): expected two numbers [a, b], found \(items.count)") }
        return (items[0], items[1])
    }
}
