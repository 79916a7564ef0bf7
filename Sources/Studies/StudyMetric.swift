import Numbers
import Optimizers
import Surfaces

/// What a study measures of each run (`--metric`), at the run's last step.
///
/// * `final-loss`: f(x_T) − f*, the gap between the loss at the last point and the surface's
///   minimum value f* (the lowest of its listed minima); f(x_T) itself when the surface lists none.
/// * `distance`: ‖x_T − m‖, the Euclidean distance from the last point to the nearest listed
///   minimum m. A surface that lists no minimum has none to measure: refused.
/// * `steps-to TOL`: the first step k with f(x_k) − f* ≤ TOL (0 when the start is already
///   there). A run that never gets there is *not reached*; a surface that lists no minimum has no
///   f*: refused (give the surface file a `minima` entry).
///
/// A run that diverged (a point, loss or gradient stopped being finite) scores *diverged* under
/// `final-loss` and `distance`; under `steps-to` it scores the step it reached TOL if it did
/// before diverging, and *diverged* otherwise. Diverged and not reached are worse than any value.
public enum StudyMetric: Hashable, Sendable {
    case finalLoss
    case distance
    case stepsTo(Double)

    /// The names `--metric` accepts.
    public static let names = ["final-loss", "distance", "steps-to"]

    /// Reads `--metric`'s words: `final-loss`, `distance`, `steps-to TOL` (also `steps-to=TOL`).
    ///
    /// - Throws: ``StudyInputError`` for another name, a missing or extra word, or a TOL that is
    ///   not a finite number ≥ 0.
    public static func parse(_ words: [String], option: String = "--metric") throws(StudyInputError) -> StudyMetric {
        var words = words
        if words.count == 1, let cut = words[0].firstIndex(where: { $0 == "=" || $0 == ":" }), words[0].hasPrefix("steps-to") {
            words = [String(words[0][..<cut]), String(words[0][words[0].index(after: cut)...])]
        }
        guard let name = words.first else {
            throw StudyInputError("\(option) needs a value: final-loss, distance or steps-to TOL")
        }
        switch name {
        case "final-loss", "distance":
            guard words.count == 1 else {
                throw StudyInputError("invalid \(option) '\(words.joined(separator: " "))': \(name) takes no value")
            }
            return name == "distance" ? .distance : .finalLoss
        case "steps-to":
            guard words.count == 2 else {
                throw StudyInputError("\(option) steps-to needs a tolerance: e.g. \(option) steps-to 1e-6 (steps until f − f* ≤ 1e-6)")
            }
            guard let tol = try? DecimalNumber.double(words[1]), tol >= 0 else {
                throw StudyInputError("invalid \(option) steps-to '\(words[1])'; expected a tolerance: a number >= 0, e.g. 1e-6")
            }
            return .stepsTo(tol)
        default:
            throw StudyInputError("unknown \(option) '\(name)'\(suggestion(for: name, among: names)); accepted: final-loss, distance, steps-to TOL")
        }
    }

    /// The metric as the command line writes it: `final-loss`, `distance`, `steps-to 1e-06`.
    public var text: String {
        switch self {
        case .finalLoss: return "final-loss"
        case .distance: return "distance"
        case .stepsTo(let tol): return "steps-to \(formatNumber(tol))"
        }
    }

    /// The tolerance of `steps-to`, else nil.
    public var tolerance: Double? {
        if case .stepsTo(let t) = self { return t }
        return nil
    }

    /// Refuses a metric the surface cannot give.
    public func check(on surface: any Surface, option: String = "--metric") throws(StudyInputError) {
        guard surface.minima.isEmpty else { return }
        switch self {
        case .finalLoss: return
        case .distance:
            throw StudyInputError("\(option) distance measures the distance to the nearest listed minimum; surface '\(surface.name)' lists none (use final-loss, or list minima in the surface file)")
        case .stepsTo:
            throw StudyInputError("\(option) steps-to counts steps until f − f* ≤ TOL; surface '\(surface.name)' lists no minimum, so f* is unknown (use final-loss, or list minima in the surface file)")
        }
    }

    /// How a figure or a table names the metric: `final f − f*`, `distance to the nearest minimum`.
    public func title(minimumValue: Double?) -> String {
        switch self {
        case .finalLoss: return minimumValue.map { $0 == 0 ? "final loss f" : "final f − f*" } ?? "final loss f"
        case .distance: return "distance to the nearest minimum"
        case .stepsTo(let tol): return "steps to f − f* ≤ \(formatNumber(tol))"
        }
    }

    /// The metric of one run.
    public func value(of outcome: RunOutcome, minimumValue: Double?) -> MetricValue {
        switch self {
        case .finalLoss:
            guard outcome.divergedAt == nil, let f = outcome.finalLoss else { return .diverged }
            return .value(f - (minimumValue ?? 0))
        case .distance:
            guard outcome.divergedAt == nil, let d = outcome.distance else { return .diverged }
            return .value(d)
        case .stepsTo:
            if let k = outcome.stepsTo { return .value(Double(k)) }
            return outcome.divergedAt == nil ? .notReached : .diverged
        }
    }
}

/// A run's score under a ``StudyMetric``: a number, or why there is none.
public enum MetricValue: Hashable, Sendable {
    case value(Double)
    /// `steps-to`: the run never came within the tolerance.
    case notReached
    case diverged

    public var number: Double? { if case .value(let v) = self { return v } else { return nil } }

    /// For ordering: a number, then not reached, then diverged (lower is better).
    var rank: (Int, Double) {
        switch self {
        case .value(let v): return (0, v.isNaN ? .infinity : v)
        case .notReached: return (1, 0)
        case .diverged: return (2, 0)
        }
    }

    /// Whether `self` scores better (lower) than `other`.
    public func isBetter(than other: MetricValue) -> Bool { rank < other.rank }

    /// The median of several runs' scores (noisy runs, several starts): the middle score in the
    /// order number < not reached < diverged; of an even count, the mean of the two middle
    /// numbers, or the worse of the two when either is not a number.
    ///
    /// - Precondition: `values` is not empty.
    public static func median(_ values: [MetricValue]) -> MetricValue {
        precondition(!values.isEmpty, "the median of no values")
        let sorted = values.sorted { $0.rank < $1.rank }
        let n = sorted.count
        if n % 2 == 1 { return sorted[n / 2] }
        let a = sorted[n / 2 - 1], b = sorted[n / 2]
        if case .value(let x) = a, case .value(let y) = b { return .value(x / 2 + y / 2) }
        return b
    }

    /// Short text for tables and panels: `3.2e-07`, `412`, `not reached`, `diverged`.
    public func text(integer: Bool = false) -> String {
        switch self {
        case .value(let v): return integer ? formatNumber(v) : shortNumber(v)
        case .notReached: return "not reached"
        case .diverged: return "diverged"
        }
    }
}

/// Three significant digits, as a reader scans a table: `0.0316`, `1.2e-07`, `412`, `31600`.
public func shortNumber(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    return formatNumber(roundedToSignificantDigits(v, 3))
}
