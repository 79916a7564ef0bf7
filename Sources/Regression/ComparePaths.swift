/// How two sets of paths differ: what `trajviz compare A B` reports for path files.
///
/// Two sets agree when they hold the same paths (labels, and runs where files have them), each
/// with the same number of points in both, and every coordinate (x, y, loss, and the rate of each
/// step when both files record rates) agrees within `|a − b| ≤ atol + rtol·|b|`, where `b` is the
/// value in the second set (`actual`, file B), as `numpy.isclose` does. Paths are named by
/// ``PathRecord/key`` (`adam (run 3)`).
public struct PathComparison: Hashable, Sendable {
    public var rtol: Double
    public var atol: Double
    /// Labels of the first set (A) that the second (B) lacks, in A's order.
    public var missing: [String]
    /// Labels of B that A lacks, in B's order.
    public var extra: [String]
    /// Paths present in both with a different number of points, in A's order.
    public var countMismatches: [CountMismatch]
    /// Paths whose common points differ beyond the tolerance, in A's order.
    public var deviations: [PathDeviation]
    /// Paths present in both that agree completely, in A's order.
    public var agreeing: [String]

    /// A path whose number of points differs between the files.
    public struct CountMismatch: Hashable, Sendable {
        public var label: String
        /// Points (steps + 1) in A and in B.
        public var expected: Int
        public var actual: Int
    }

    /// A path with a coordinate out of tolerance.
    public struct PathDeviation: Hashable, Sendable {
        public var label: String
        /// The first step with a coordinate out of tolerance, and which coordinate (`x`, `y`, `loss`, `lr`).
        public var firstStep: Int
        public var firstCoordinate: String
        /// The values at that step and coordinate, in A and in B.
        public var expectedValue: Double
        public var actualValue: Double
        /// The largest |a − b| over all compared coordinates, and where.
        public var maxAbsolute: Double
        public var maxAbsoluteStep: Int
        /// The largest |a − b| / |b| (infinite where b is 0 and a is not).
        public var maxRelative: Double
        /// How many coordinates are out of tolerance.
        public var outOfTolerance: Int
    }

    /// True when the two sets agree (nothing missing, extra, of another length or out of tolerance).
    public var agrees: Bool { missing.isEmpty && extra.isEmpty && countMismatches.isEmpty && deviations.isEmpty }
}

/// Compares paths read from two files (A = `expected`, B = `actual`).
///
///     let c = comparePaths(expected: a, actual: b)
///     print(c.report)          // "adam:lr=0.05: differs from step 17 (y: ...)"
///     exit(c.agrees ? 0 : 1)
///
/// Paths present in both but of different lengths are compared over their common steps too, so
/// the report also tells where they began to part.
///
/// - Parameters:
///   - rtol: relative tolerance, scaled by |b| (default 1e-9).
///   - atol: absolute tolerance (default 1e-12).
/// - Complexity: O(total points).
public func comparePaths(expected: [PathRecord], actual: [PathRecord],
                         rtol: Double = 1e-9, atol: Double = 1e-12) -> PathComparison {
    precondition(rtol >= 0 && atol >= 0, "tolerances must be non-negative")
    var byKey: [String: PathRecord] = [:]
    for r in actual where byKey[r.key] == nil { byKey[r.key] = r }
    let expectedKeys = Set(expected.map(\.key))
    var result = PathComparison(rtol: rtol, atol: atol, missing: [], extra: [], countMismatches: [], deviations: [], agreeing: [])
    result.extra = actual.map(\.key).filter { !expectedKeys.contains($0) }
    for a in expected {
        guard let b = byKey[a.key] else { result.missing.append(a.key); continue }
        var agrees = true
        if a.count != b.count {
            result.countMismatches.append(.init(label: a.key, expected: a.count, actual: b.count))
            agrees = false
        }
        if let d = deviation(a, b, rtol: rtol, atol: atol) {
            result.deviations.append(d)
            agrees = false
        }
        if agrees { result.agreeing.append(a.key) }
    }
    return result
}

/// The deviation of `a` from `b` over their common points, or nil when all are within tolerance.
private func deviation(_ a: PathRecord, _ b: PathRecord, rtol: Double, atol: Double) -> PathComparison.PathDeviation? {
    var d = DeviationAccumulator(label: a.key, rtol: rtol, atol: atol)
    var columns: [(String, [Double], [Double])] = [("x", a.xs, b.xs), ("y", a.ys, b.ys), ("loss", a.losses, b.losses)]
    // Rates are compared where both files record them (files written before trajviz recorded rates do not).
    if let ra = a.lrs, let rb = b.lrs { columns.append(("lr", ra, rb)) }
    for step in 0..<min(a.count, b.count) {
        for (name, av, bv) in columns where step < av.count && step < bv.count {
            d.add(step: step, name, av[step], bv[step])
        }
    }
    return d.deviation
}

/// A path's deviation built one compared value at a time, in the order step by step and within
/// a step x, y, loss, lr (which decides the first step out of tolerance and ties of the largest).
struct DeviationAccumulator {
    private var d: PathComparison.PathDeviation
    private let rtol: Double, atol: Double

    init(label: String, rtol: Double, atol: Double) {
        d = PathComparison.PathDeviation(label: label, firstStep: -1, firstCoordinate: "", expectedValue: 0, actualValue: 0,
                                         maxAbsolute: 0, maxAbsoluteStep: 0, maxRelative: 0, outOfTolerance: 0)
        self.rtol = rtol; self.atol = atol
    }

    /// Compares coordinate `name` at `step`: `x` in A, `y` in B.
    @inline(__always)
    mutating func add(step: Int, _ name: String, _ x: Double, _ y: Double) {
        let diff = abs(x - y)
        // Written as !(≤) so that a NaN counts as a difference.
        if !(diff <= atol + rtol * abs(y)) {
            d.outOfTolerance += 1
            if d.firstStep < 0 { d.firstStep = step; d.firstCoordinate = name; d.expectedValue = x; d.actualValue = y }
        }
        if diff > d.maxAbsolute || diff.isNaN { d.maxAbsolute = diff; d.maxAbsoluteStep = step }
        let relative = diff == 0 ? 0 : diff / abs(y)
        if relative > d.maxRelative || relative.isNaN { d.maxRelative = relative }
    }

    /// The deviation, or nil when every value was within tolerance.
    var deviation: PathComparison.PathDeviation? { d.outOfTolerance > 0 ? d : nil }
}

// MARK: - Report

extension PathComparison {
    /// The comparison for a terminal: a summary line, then one line per path that differs
    /// (and per missing or extra label). Numbers are written exactly.
    ///
    ///     paths differ (rtol 1e-09, atol 1e-12): 1 of 3 paths
    ///       adam:lr=0.05: differs from step 17 (y: A 1.2345, B 1.2346); largest deviation 1.2e-06 at step 40 (relative 1e-06); 51 values out of tolerance
    public var report: String {
        let tolerance = "rtol \(exactDecimal(rtol)), atol \(exactDecimal(atol))"
        var lines: [String] = []
        if agrees {
            lines.append("paths agree (\(tolerance)): \(agreeing.count) path\(agreeing.count == 1 ? "" : "s")")
            return lines.joined(separator: "\n") + "\n"
        }
        let total = agreeing.count + Set(countMismatches.map(\.label) + deviations.map(\.label)).count + missing.count + extra.count
        lines.append("paths differ (\(tolerance)): \(total - agreeing.count) of \(total) paths")
        for label in missing { lines.append("  \(label): only in A (missing from B)") }
        for label in extra { lines.append("  \(label): only in B (not in A)") }
        for m in countMismatches {
            var line = "  \(m.label): \(m.expected - 1) steps in A, \(m.actual - 1) in B"
            if let d = deviations.first(where: { $0.label == m.label }) {
                line += "; over the common steps: " + d.summary
            } else {
                line += "; the common steps agree"
            }
            lines.append(line)
        }
        for d in deviations where !countMismatches.contains(where: { $0.label == d.label }) {
            lines.append("  \(d.label): " + d.summary)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension PathComparison.PathDeviation {
    /// `differs from step 17 (y: A 1.2345, B 1.2346); largest deviation ...`
    var summary: String {
        "differs from step \(firstStep) (\(firstCoordinate): A \(text(expectedValue)), B \(text(actualValue)));"
            + " largest deviation \(text(maxAbsolute)) at step \(maxAbsoluteStep) (relative \(text(maxRelative)));"
            + " \(outOfTolerance) value\(outOfTolerance == 1 ? "" : "s") out of tolerance"
    }

    private func text(_ v: Double) -> String { v.isFinite ? exactDecimal(v) : v.description }
}
