import Foundation
import Numbers
import RealModule
import Optimizers

/// One hyperparameter's range in a tuning (`--space lr=1e-4:1`, `--space beta1=0.5:0.99`).
///
/// **Log or linear.** A range is searched log-uniformly (evenly in log10) when both ends are
/// positive and the upper is at least 10 times the lower (it spans a decade or more), linearly
/// otherwise: `lr=1e-5:10` is log, `beta1=0.5:0.99` linear, `eps=1e-8:1e-6` log. A third field
/// says which explicitly: `beta2=0.9:0.9999:log`, `weight_decay=0:0.1:linear` (log needs both
/// ends positive).
///
/// **Resolution.** Every value tried is rounded, so that the tuned value prints short and a spec
/// written from the table (`adam:lr=0.0316`) reproduces the tuned run exactly: on a log range to 3
/// significant digits, on a linear range to a multiple of 10^(⌊log10(upper − lower)⌋ − 2) (0.001 on
/// 0.5...0.99); then clamped into the range.
public struct SearchDimension: Hashable, Sendable {
    public var name: String
    public var lower: Double
    public var upper: Double
    public var log: Bool

    public init(name: String, lower: Double, upper: Double, log: Bool) {
        self.name = name; self.lower = lower; self.upper = upper; self.log = log
    }

    /// The value at `u` in [0, 1] (0 the lower end, 1 the upper), rounded to the resolution.
    public func value(at u: Double) -> Double {
        let t = min(max(u, 0), 1)
        let raw = log ? Double.pow(10, Double.log10(lower) + t * (Double.log10(upper) - Double.log10(lower)))
                      : lower + t * (upper - lower)
        return rounded(raw)
    }

    /// Where `value` sits in [0, 1].
    public func position(of value: Double) -> Double {
        guard upper > lower else { return 0 }
        let t = log ? (Double.log10(value) - Double.log10(lower)) / (Double.log10(upper) - Double.log10(lower))
                    : (value - lower) / (upper - lower)
        return min(max(t, 0), 1)
    }

    /// Whether `value` lies in the range.
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// `value` at this dimension's resolution, inside the range.
    public func rounded(_ value: Double) -> Double {
        var v: Double
        if log {
            v = roundedToSignificantDigits(value, 3)
        } else {
            let span = upper - lower
            guard span > 0 else { return lower }
            let quantum = Double.pow(10, (Double.log10(span)).rounded(.down) - 2)
            v = (value / quantum).rounded() * quantum
            // Through the decimal text: 0.87 and not 0.8700000000000001.
            v = roundedToSignificantDigits(v, 12)
        }
        return min(max(v, lower), upper)
    }

    /// `lr=1e-05:10 (log)`.
    public var text: String { "\(name)=\(formatNumber(lower)):\(formatNumber(upper)) (\(log ? "log" : "linear"))" }
}

/// The search space of a tuning: one range per hyperparameter, the same for every optimizer that
/// has it. Without `--space`, the learning rate alone over 1e-5 ... 10 (log).
public struct SearchSpace: Hashable, Sendable {
    public var dimensions: [SearchDimension]

    public init(_ dimensions: [SearchDimension]) { self.dimensions = dimensions }

    /// `lr` in [1e-5, 10], log-uniform.
    public static let defaultSpace = SearchSpace([SearchDimension(name: "lr", lower: 1e-5, upper: 10, log: true)])

    /// The most hyperparameters one space holds (the Sobol table's dimensions).
    public static let maximumDimensions = ScrambledSobol.maximumDimensions

    /// Parses `--space` arguments (`lr=1e-4:1`, `beta1=0.5:0.99`, `eps=1e-8:1e-6:log`).
    ///
    /// A space without `lr` searches `lr` over the default range too, unless an argument names it.
    ///
    /// - Parameter kinds: the optimizers being tuned: a name none of them has, or one that is a
    ///   flag (true/false), is refused; ends one of them refuses (`beta1=0.5:1.2`) are refused
    ///   with its message.
    /// - Throws: ``StudyInputError``.
    public static func parse(_ arguments: [String], kinds: [OptimizerKind], option: String = "--space") throws(StudyInputError) -> SearchSpace {
        var dims: [SearchDimension] = []
        for argument in arguments {
            let form = "expected NAME=LOW:HIGH[:log|linear], e.g. \(option) lr=1e-4:1 or \(option) beta1=0.5:0.99"
            guard let eq = argument.firstIndex(of: "=") else { throw StudyInputError("malformed \(option) '\(argument)'; \(form)") }
            let name = String(argument[..<eq]).trimmingCharacters(in: .whitespaces)
            let parts = argument[argument.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !name.isEmpty, parts.count == 2 || parts.count == 3 else { throw StudyInputError("malformed \(option) '\(argument)'; \(form)") }
            guard let lo = try? DecimalNumber.double(parts[0]), let hi = try? DecimalNumber.double(parts[1]) else {
                throw StudyInputError("invalid \(option) '\(argument)': LOW and HIGH must be finite numbers; \(form)")
            }
            guard lo < hi else { throw StudyInputError("invalid \(option) '\(argument)': LOW must be less than HIGH") }
            let infos = kinds.compactMap { k in k.parameters.first { $0.name == name } }
            guard let info = infos.first else {
                let all = Array(Set(kinds.flatMap { $0.parameters.map(\.name) })).sorted()
                throw StudyInputError("unknown hyperparameter '\(name)' in \(option) '\(argument)'\(suggestion(for: name, among: all)); the optimizers tuned have: \(all.joined(separator: ", "))")
            }
            if case .flag = info.defaultValue {
                throw StudyInputError("invalid \(option) '\(argument)': \(name) is a flag (true or false); only numbers are tuned (set it in the spec instead, e.g. adam:\(name)=true)")
            }
            var log = lo > 0 && hi >= 10 * lo
            if parts.count == 3 {
                switch parts[2] {
                case "log":
                    guard lo > 0 else { throw StudyInputError("invalid \(option) '\(argument)': a log range needs LOW > 0") }
                    log = true
                case "linear": log = false
                default: throw StudyInputError("invalid \(option) '\(argument)': '\(parts[2])' is neither log nor linear")
                }
            }
            guard !dims.contains(where: { $0.name == name }) else { throw StudyInputError("\(option) names \(name) twice") }
            dims.append(SearchDimension(name: name, lower: lo, upper: hi, log: log))
        }
        if !dims.contains(where: { $0.name == "lr" }) { dims.insert(defaultSpace.dimensions[0], at: 0) }
        guard dims.count <= maximumDimensions else {
            throw StudyInputError("\(option) holds \(dims.count) hyperparameters; at most \(maximumDimensions)")
        }
        // Both ends of every range must be values the optimizers having it accept.
        for kind in kinds {
            for d in dims where kind.parameters.contains(where: { $0.name == d.name }) {
                for v in [d.lower, d.upper] {
                    do { _ = try kind.make(Hyperparameters([(d.name, .number(v))])) } catch {
                        throw StudyInputError("invalid \(option) '\(d.name)=\(formatNumber(d.lower)):\(formatNumber(d.upper))': \(error.message)")
                    }
                }
            }
        }
        return SearchSpace(dims)
    }
}
