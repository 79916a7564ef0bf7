import Expressions
import Numbers
import Surfaces
internal import TOMLKit

/// Turns a parsed TOML table into a ``SurfaceDefinition``, checking each key's presence and
/// type and pointing errors at the key in the file.
struct DefinitionReader {
    let table: TOMLTable
    let file: String
    let map: SourceMap

    func read() throws(SurfaceFileError) -> SurfaceDefinition {
        for key in table.keys where !SurfaceDefinition.keys.contains(key) {
            throw error(at: key, "unknown key '\(key)'; accepted keys: \(SurfaceDefinition.keys.joined(separator: ", "))")
        }
        // The values' meaning (a name without spaces, positive rates, ranges, points inside
        // the domain) is checked by ExpressionSurface, for files and manifests alike.
        let name = try string("name", required: true)!
        let f = try string("f", required: true)!
        let x = try range("x")
        let y = try range("y")
        var levels: LevelScale?
        if let text = try string("levels", required: false) {
            guard let scale = LevelScale(rawValue: text) else {
                throw error(at: "levels", "'levels' must be \"log\" or \"linear\", got \"\(text)\"")
            }
            levels = scale
        }
        var minima: [Point]?
        if let value = table["minima"] {
            guard let list = value.array else {
                throw error(at: "minima", "'minima' must be an array of [x, y] pairs, e.g. minima = [[1, 1]], got \(describe(value))")
            }
            minima = []
            for (i, item) in list.enumerated() {
                minima!.append(try point(item, key: "minima", label: "minima[\(i)]"))
            }
        }
        var start: Point?
        if let value = table["start"] { start = try point(value, key: "start", label: "start") }
        var rates: [String: Double]?
        if let value = table["lr"] {
            guard let t = value.table else {
                throw error(at: "lr", "'lr' must be a table of learning rates, e.g. lr = { sgd = 0.01, adam = 0.05 }, got \(describe(value))")
            }
            rates = [:]
            for key in t.keys {
                guard let v = t[key].flatMap(number) else {
                    throw error(at: "lr", "lr.\(key) must be a positive number, got \(t[key].map(describe) ?? "nothing")")
                }
                rates![key] = v
            }
        }
        return SurfaceDefinition(
            name: name, f: f, x: x, y: y, minima: minima, start: start, levels: levels,
            title: try string("title", required: false), description: try string("description", required: false),
            learningRates: rates)
    }

    // MARK: values

    func string(_ key: String, required: Bool) throws(SurfaceFileError) -> String? {
        guard let value = table[key] else {
            if required { throw missing(key) }
            return nil
        }
        guard let s = value.string else {
            throw error(at: key, "'\(key)' must be a string (in quotes), got \(describe(value))")
        }
        return s
    }

    func range(_ key: String) throws(SurfaceFileError) -> ClosedRange<Double> {
        guard let value = table[key] else { throw missing(key) }
        let example = "\(key) = [-2, 2]"
        guard let list = value.array, list.count == 2,
              let lo = number(list[0]), let hi = number(list[1]) else {
            throw error(at: key, "'\(key)' must be an array of two numbers [min, max], e.g. \(example), got \(describe(value))")
        }
        guard lo.isFinite, hi.isFinite else {
            throw error(at: key, "'\(key)' must be finite, got [\(shownNumber(lo)), \(shownNumber(hi))]")
        }
        guard lo < hi else {
            throw error(at: key, "'\(key)' = [\(shownNumber(lo)), \(shownNumber(hi))] must have min < max, e.g. \(example)")
        }
        return lo...hi
    }

    func point(_ value: any TOMLValueConvertible, key: String, label: String) throws(SurfaceFileError) -> Point {
        guard let list = value.array, list.count == 2,
              let px = number(list[0]), let py = number(list[1]), px.isFinite, py.isFinite else {
            throw error(at: key, "'\(label)' must be a pair of finite numbers [x, y], got \(describe(value))")
        }
        return Point(px, py)
    }

    func number(_ value: any TOMLValueConvertible) -> Double? {
        switch value.type {
        case .int: return value.int.map(Double.init)
        case .double: return value.double
        default: return nil
        }
    }

    /// The value as the file spells it (`-1`, `"log"`, `[1, 2]`, `{ adam = -1 }`), shortened to
    /// about 60 characters: a message shows the value it refuses, not only its kind.
    func describe(_ value: any TOMLValueConvertible) -> String {
        let text = render(value)
        return text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }

    private func render(_ value: any TOMLValueConvertible, depth: Int = 0) -> String {
        guard depth < 8 else { return "..." }
        switch value.type {
        case .string: return "\"" + (value.string ?? "") + "\""
        case .int: return value.int.map(String.init) ?? "?"
        case .double: return value.double.map { $0.description } ?? "?"
        case .bool: return value.bool.map { $0 ? "true" : "false" } ?? "?"
        case .array:
            let items = value.array.map { Array($0) } ?? []
            return "[" + items.prefix(8).map { render($0, depth: depth + 1) }.joined(separator: ", ")
                + (items.count > 8 ? ", ...]" : "]")
        case .table:
            guard let t = value.table else { return "{}" }
            let keys = Array(t.keys)
            return "{ " + keys.prefix(8).map { "\($0) = " + (t[$0].map { render($0, depth: depth + 1) } ?? "") }
                .joined(separator: ", ") + (keys.count > 8 ? ", ... }" : " }")
        default: return "a \(value.type)"
        }
    }

    // MARK: errors

    func missing(_ key: String) -> SurfaceFileError {
        let examples = ["name": "name = \"valley\"", "f": "f = \"x^2 + 10*y^2\"", "x": "x = [-2, 2]", "y": "y = [-1, 3]"]
        return SurfaceFileError(file: file, message: "missing key '\(key)'; a surface file needs name, f, x and y, e.g. \(examples[key] ?? key)")
    }

    func error(at key: String, _ message: String) -> SurfaceFileError {
        guard let place = map.locate(key: key) else { return SurfaceFileError(file: file, message: message) }
        return SurfaceFile.located(file: file, map: map, line: place.value.line, column: place.value.column, message: message)
    }
}
