import Expressions
import Numbers
import Surfaces

/// A surface defined by a file: a ``MathExpression`` in x and y with its exact gradient (dual
/// numbers), and what the file says about domain, minima, start and levels.
///
/// Defaults for what a file leaves out:
/// * `start`: of the four points inset 10% from the corners of the domain, the one where f is
///   highest, so that the path crosses the landscape;
/// * `levels`: `log` when f is non-negative on a 41×41 grid over the domain and spans more than
///   two decades there, `linear` otherwise;
/// * `title`: the name.
public struct ExpressionSurface: Surface, Hashable {
    public let definition: SurfaceDefinition
    public let expression: MathExpression
    /// The file it was read from, if any.
    public let file: String?

    public let minima: [Minimum]
    public let suggestedStart: Point
    public let levelScale: LevelScale

    /// Builds the surface from a definition (from a file, or from a manifest on replay).
    ///
    /// - Throws: ``SurfaceFileError`` when `f` does not parse, a range is empty or not finite,
    ///   or a minimum or the start lies outside the domain.
    public init(definition: SurfaceDefinition) throws(SurfaceFileError) {
        try self.init(definition: definition, file: nil, sourceText: nil)
    }

    /// `sourceText`, when given, is the file's text, so that errors point into the file.
    init(definition d: SurfaceDefinition, file: String?, sourceText: String?) throws(SurfaceFileError) {
        let map = sourceText.map { SourceMap(text: $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0) }
        let label = file ?? "surface '\(d.name)'"
        func fail(_ key: String, _ message: String) -> SurfaceFileError {
            guard let map, let place = map.locate(key: key) else { return SurfaceFileError(file: label, message: message) }
            return SurfaceFile.located(file: label, map: map, line: place.value.line, column: place.value.column, message: message)
        }
        // The checks of every definition, from a file or from a manifest: one validation, so
        // that replaying a manifest cannot pass a limit a file holds.
        let size = [d.name, d.f, d.title ?? "", d.description ?? ""].reduce(0) { $0 + $1.utf8.count }
        guard size <= SurfaceFile.maximumSize else {
            throw SurfaceFileError(file: label, message: "the definition holds \(size) bytes of text; a surface may have at most \(SurfaceFile.maximumSize) (1 MiB)")
        }
        guard !d.name.isEmpty, d.name.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace }) else {
            throw fail("name", "'name' must be a non-empty word without spaces (it is typed on the command line), got \"\(d.name)\"")
        }
        for (key, rate) in (d.learningRates ?? [:]).sorted(by: { $0.key < $1.key }) where !(rate.isFinite && rate > 0) {
            throw fail("lr", "lr.\(key) must be a positive number, got \(shownNumber(rate))")
        }
        for (key, r) in [("x", d.x), ("y", d.y)] where !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
            throw fail(key, "'\(key)' = [\(shownNumber(r.lowerBound)), \(shownNumber(r.upperBound))] must be two finite numbers with min < max")
        }
        do {
            expression = try MathExpression(d.f)
        } catch {
            throw Self.expressionError(error, definition: d, label: label, map: map)
        }
        definition = d
        self.file = file
        let domain = Domain(x: d.x, y: d.y)
        func inside(_ p: Point) -> Bool { domain.x.contains(p.x) && domain.y.contains(p.y) }
        func show(_ p: Point) -> String { "[\(shownNumber(p.x)), \(shownNumber(p.y))]" }
        let shownDomain = "x = [\(shownNumber(d.x.lowerBound)), \(shownNumber(d.x.upperBound))], y = [\(shownNumber(d.y.lowerBound)), \(shownNumber(d.y.upperBound))]"
        for (i, p) in (d.minima ?? []).enumerated() where !inside(p) {
            throw fail("minima", "minima[\(i)] = \(show(p)) lies outside the domain \(shownDomain)")
        }
        if let s = d.start, !inside(s) {
            throw fail("start", "start = \(show(s)) lies outside the domain \(shownDomain)")
        }
        let f = expression
        minima = (d.minima ?? []).map { Minimum($0.x, $0.y, value: f.value(x: $0.x, y: $0.y)) }
        suggestedStart = d.start ?? Self.defaultStart(f, domain)
        levelScale = d.levels ?? Self.defaultLevels(f, domain)
    }

    // MARK: Surface

    public var name: String { definition.name }
    public var title: String { definition.title ?? definition.name }
    public var formula: String { definition.f }
    public var citation: String {
        let first = definition.description?.split(separator: "\n").first.map(String.init)
        return first ?? "surface file \(file ?? definition.name)"
    }
    public var domain: Domain { Domain(x: definition.x, y: definition.y) }
    public var suggestedLearningRates: [String: Double] { definition.learningRates ?? [:] }

    public func value(_ x: Double, _ y: Double) -> Double { expression.value(x: x, y: y) }

    public func gradient(_ x: Double, _ y: Double) -> Point {
        let g = expression.gradient(x: x, y: y)
        return Point(g.dx, g.dy)
    }

    /// Value and gradient from one dual-number pass.
    public func evaluate(_ p: Point) -> (value: Double, gradient: Point) {
        let d = expression.evaluate(x: p.x, y: p.y)
        return (d.value, Point(d.dx, d.dy))
    }

    // MARK: defaults

    static func defaultStart(_ f: MathExpression, _ d: Domain) -> Point {
        let w = d.x.upperBound - d.x.lowerBound, h = d.y.upperBound - d.y.lowerBound
        let corners = [
            Point(d.x.lowerBound + 0.1 * w, d.y.upperBound - 0.1 * h),
            Point(d.x.upperBound - 0.1 * w, d.y.upperBound - 0.1 * h),
            Point(d.x.lowerBound + 0.1 * w, d.y.lowerBound + 0.1 * h),
            Point(d.x.upperBound - 0.1 * w, d.y.lowerBound + 0.1 * h),
        ]
        var best = corners[0], bestValue = -Double.infinity
        for c in corners {
            let v = f.value(x: c.x, y: c.y)
            if v.isFinite, v > bestValue { best = c; bestValue = v }
        }
        return best
    }

    static func defaultLevels(_ f: MathExpression, _ d: Domain) -> LevelScale {
        var lo = Double.infinity, hi = -Double.infinity
        let n = 40
        for i in 0...n {
            for j in 0...n {
                let x = d.x.lowerBound + (d.x.upperBound - d.x.lowerBound) * Double(i) / Double(n)
                let y = d.y.lowerBound + (d.y.upperBound - d.y.lowerBound) * Double(j) / Double(n)
                let v = f.value(x: x, y: y)
                guard v.isFinite else { continue }
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        guard lo >= 0, hi > 0 else { return .linear }
        return hi > 100 * max(lo, hi * 1e-300) && hi - lo > 100 * lo ? .log : .linear
    }

    // MARK: errors

    /// An expression error placed in the file: the column inside the `f` string mapped to the
    /// file's line and column.
    static func expressionError(_ e: ExpressionError, definition d: SurfaceDefinition, label: String,
                                map: SourceMap?) -> SurfaceFileError {
        let message = "in f: " + e.message
        if let map, let place = map.locate(key: "f") {
            if let positions = map.stringPositions(at: place.value, expected: d.f) {
                let p = e.offset < positions.count
                    ? positions[e.offset]
                    : positions.last.map { SourceMap.Position(line: $0.line, column: $0.column + 1) }
                        ?? SourceMap.Position(line: place.value.line, column: place.value.column + 1)
                return SurfaceFile.located(file: label, map: map, line: p.line, column: p.column,
                                           length: e.length, message: message)
            }
            return SurfaceFile.located(file: label, map: map, line: place.value.line,
                                       column: place.value.column, message: message + " (at line \(e.line), column \(e.column) of f)")
        }
        let rendered = e.render(source: d.f).split(separator: "\n", omittingEmptySubsequences: false)
        return SurfaceFileError(file: label, line: nil, column: nil, message: message + " (at column \(e.column) of f)",
                                sourceLine: rendered.count == 3 ? String(rendered[1]) : nil,
                                caret: rendered.count == 3 ? String(rendered[2]) : nil)
    }
}
