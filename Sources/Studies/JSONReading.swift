import Optimizers
import Regression
import Surfaces

/// A JSON value and where it sits in the manifest (`study.runs[3].start`), for messages, with
/// readers that refuse what the study schema does not hold.
struct JSONField {
    var path: String
    var value: JSONValue

    init(path: String, value: JSONValue) { self.path = path; self.value = value }

    func wrong(_ expected: String) -> StudyInputError {
        StudyInputError("\(path): expected \(expected), found \(value.kindDescription)")
    }

    /// This object, refusing members outside `fields`.
    func object(accepting fields: [String]) throws(StudyInputError) -> JSONField {
        guard case .object(let members) = value else { throw wrong("an object") }
        if let unknown = members.first(where: { !fields.contains($0.key) }) {
            throw StudyInputError("\(path).\(unknown.key): unknown field; accepted: \(fields.joined(separator: ", "))")
        }
        return self
    }

    func member(_ key: String) throws(StudyInputError) -> JSONField {
        guard let v = value[key] else { throw StudyInputError("\(path).\(key): missing") }
        return JSONField(path: "\(path).\(key)", value: v)
    }

    /// A member that may be missing or null.
    func optional(_ key: String) -> JSONField? {
        guard let v = value[key], v != .null else { return nil }
        return JSONField(path: "\(path).\(key)", value: v)
    }

    func string() throws(StudyInputError) -> String {
        guard case .string(let s) = value else { throw wrong("a string") }
        return s
    }

    func number() throws(StudyInputError) -> Double {
        guard case .number(let v) = value else { throw wrong("a number") }
        return v
    }

    func integer(in range: ClosedRange<Int>) throws(StudyInputError) -> Int {
        let v = try number()
        guard v == v.rounded(), v >= Double(range.lowerBound), v <= Double(range.upperBound) else {
            throw StudyInputError("\(path): expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(formatNumber(v))")
        }
        return Int(v)
    }

    func array() throws(StudyInputError) -> [JSONField] {
        guard case .array(let items) = value else { throw wrong("an array") }
        return items.enumerated().map { JSONField(path: "\(path)[\($0.offset)]", value: $0.element) }
    }

    func numbers() throws(StudyInputError) -> [Double] {
        var out: [Double] = []
        for item in try array() { out.append(try item.number()) }
        return out
    }

    func strings() throws(StudyInputError) -> [String] {
        var out: [String] = []
        for item in try array() { out.append(try item.string()) }
        return out
    }

    func point() throws(StudyInputError) -> Point {
        let v = try numbers()
        guard v.count == 2 else { throw StudyInputError("\(path): expected two numbers [x, y], found \(v.count)") }
        return Point(v[0], v[1])
    }

    func range() throws(StudyInputError) -> ClosedRange<Double> {
        let p = try point()
        guard p.x <= p.y else { throw StudyInputError("\(path): [\(formatNumber(p.x)), \(formatNumber(p.y))] is not an interval [low, high]") }
        return p.x...p.y
    }

    /// Hyperparameters as the manifest's paths write them: numbers and true/false, in order.
    func hyperparameters() throws(StudyInputError) -> Hyperparameters {
        guard case .object(let members) = value else { throw wrong("an object") }
        var h = Hyperparameters()
        for (key, v) in members {
            switch v {
            case .number(let x): h[key] = .number(x)
            case .bool(let b): h[key] = .flag(b)
            default: throw StudyInputError("\(path).\(key): expected a number or true/false, found \(v.kindDescription)")
            }
        }
        return h
    }

    /// A score: a number, `"diverged"` or `"not reached"`.
    func score() throws(StudyInputError) -> MetricValue {
        switch value {
        case .number(let v): return .value(v)
        case .string("diverged"): return .diverged
        case .string("not reached"): return .notReached
        default: throw wrong("a number, \"diverged\" or \"not reached\"")
        }
    }
}

extension JSONValue {
    /// `[x, y]`.
    static func point(_ p: Point) -> JSONValue { .array([.number(p.x), .number(p.y)]) }

    /// Hyperparameters in order, as the manifest's paths write them.
    static func hyperparameters(_ h: Hyperparameters) -> JSONValue {
        .object(h.entries.map { e in
            switch e.value {
            case .number(let v): return (e.name, .number(v))
            case .flag(let b): return (e.name, .bool(b))
            }
        })
    }

    /// A score as ``JSONField/score()`` reads it (an infinite or NaN number, which JSON cannot
    /// hold, as "diverged").
    static func score(_ s: MetricValue) -> JSONValue {
        switch s {
        case .value(let v): return v.isFinite ? .number(v) : .string("diverged")
        case .notReached: return .string("not reached")
        case .diverged: return .string("diverged")
        }
    }

    static func optionalNumber(_ v: Double?) -> JSONValue { v.flatMap { $0.isFinite ? JSONValue.number($0) : nil } ?? .null }
    static func optionalInt(_ v: Int?) -> JSONValue { v.map { .number(Double($0)) } ?? .null }
}
