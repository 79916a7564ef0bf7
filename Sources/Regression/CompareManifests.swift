import Optimizers

/// Compares the paths of two manifests read by ``ManifestReader`` as
/// ``comparePaths(expected:actual:rtol:atol:)`` compares their records (the same
/// ``PathComparison``), reading each pair of number arrays in step, a piece at a time: two
/// manifests of 18 paths × 1,000,000 steps compare in a few megabytes.
///
/// The files hold a path's `xs`, then its `ys`, `losses` and `lrs`; the comparison goes column by
/// column and merges the columns' results into what the step-by-step order gives (the first
/// step out of tolerance and, at equal steps, x before y, loss and lr; the largest deviation at
/// its first step). Paths are matched by ``ManifestPath/key`` wherever they sit in either file.
///
/// - Throws: ``ManifestError`` only when a file changed while it was read.
/// - Complexity: O(total points) time; memory O(paths), the numbers read in pieces.
public func compareManifests(expected a: ManifestReader.Decoded, actual b: ManifestReader.Decoded,
                             rtol: Double = 1e-9, atol: Double = 1e-12) throws(ManifestError) -> PathComparison {
    precondition(rtol >= 0 && atol >= 0, "tolerances must be non-negative")
    let pathsA = a.manifest.paths, pathsB = b.manifest.paths
    var byKey: [String: Int] = [:]
    for (j, p) in pathsB.enumerated() where byKey[p.key] == nil { byKey[p.key] = j }
    let expectedKeys = Set(pathsA.map(\.key))
    var result = PathComparison(rtol: rtol, atol: atol, missing: [], extra: [], countMismatches: [], deviations: [], agreeing: [])
    result.extra = pathsB.map(\.key).filter { !expectedKeys.contains($0) }
    for (i, p) in pathsA.enumerated() {
        guard let j = byKey[p.key] else { result.missing.append(p.key); continue }
        let countA = a.columns[i].xs.count, countB = b.columns[j].xs.count
        var agrees = true
        if countA != countB {
            result.countMismatches.append(.init(label: p.key, expected: countA, actual: countB))
            agrees = false
        }
        var columns: [ColumnDeviation] = []
        for (name, column) in zip(["x", "y", "loss", "lr"], PathColumnName.allCases) {
            if column == .lrs, !(a.hasRates(ofPath: i) && b.hasRates(ofPath: j)) { continue }
            var ca = a.cursor(column, ofPath: i), cb = b.cursor(column, ofPath: j)
            let n = min(countA, countB, a.columns[i][column].count, b.columns[j][column].count)
            columns.append(try ColumnDeviation(name: name, count: n, rtol: rtol, atol: atol) { limit throws(ManifestError) in
                (try ca.next(limit: limit), try cb.next(limit: limit))
            })
        }
        if let d = ColumnDeviation.merged(columns, label: p.key) {
            result.deviations.append(d)
            agrees = false
        }
        if agrees { result.agreeing.append(p.key) }
    }
    return result
}

/// Whether path `i` of a manifest equals `replayed` exactly: the same number of points and every
/// x, y, loss (and rate, where both record them) the same value. What
/// `comparePaths(expected:actual:rtol: 0, atol: 0).agrees` says of the two, with the recorded
/// numbers read in pieces.
public func recordedPath(_ i: Int, of recorded: ManifestReader.Decoded, equals replayed: Trajectory) throws(ManifestError) -> Bool {
    let columns = recorded.columns[i]
    guard columns.xs.count == replayed.xs.count else { return false }
    let replayedRates = PathRecord.recordedRates(replayed)
    let arrays: [(PathColumnName, [Double])] = [(.xs, replayed.xs), (.ys, replayed.ys), (.losses, replayed.losses)]
        + (recorded.hasRates(ofPath: i) ? replayedRates.map { [(.lrs, $0)] } ?? [] : [])
    for (column, values) in arrays {
        var cursor = recorded.cursor(column, ofPath: i)
        let n = min(columns.xs.count, columns[column].count, values.count)
        var k = 0
        while k < n {
            let piece = try cursor.next(limit: 1 << 12)
            if piece.isEmpty { break }
            for v in piece where k < n {
                // |a − b| ≤ 0, as comparePaths with no tolerance: -0 equals 0.
                guard v == values[k] else { return false }
                k += 1
            }
        }
    }
    return true
}

/// One column's comparison over a path's common steps (see ``DeviationAccumulator``, whose
/// step-by-step result ``merged(_:label:)`` rebuilds).
private struct ColumnDeviation {
    let name: String
    var outOfTolerance = 0
    var firstStep = -1
    var firstA = 0.0, firstB = 0.0
    var maxAbsolute = 0.0
    var maxAbsoluteStep = 0
    var maxRelative = 0.0

    /// Compares the first `count` values of two columns, read by `pieces` (a piece of each, at most `limit` long).
    init(name: String, count: Int, rtol: Double, atol: Double,
         pieces: (Int) throws(ManifestError) -> ([Double], [Double])) throws(ManifestError) {
        self.name = name
        var pendingA: [Double] = [], pendingB: [Double] = []
        var ia = 0, ib = 0
        var step = 0
        while step < count {
            if ia == pendingA.count || ib == pendingB.count {
                // Refill whichever side ran out (pieces of both sides come together).
                let (na, nb) = try pieces(1 << 12)
                if ia == pendingA.count { pendingA = na; ia = 0 } else { pendingA = Array(pendingA[ia...]) + na; ia = 0 }
                if ib == pendingB.count { pendingB = nb; ib = 0 } else { pendingB = Array(pendingB[ib...]) + nb; ib = 0 }
                if pendingA.isEmpty || pendingB.isEmpty { break }
            }
            let m = min(pendingA.count - ia, pendingB.count - ib, count - step)
            for k in 0..<m {
                add(step: step + k, pendingA[ia + k], pendingB[ib + k], rtol: rtol, atol: atol)
            }
            ia += m; ib += m; step += m
        }
    }

    @inline(__always)
    private mutating func add(step: Int, _ x: Double, _ y: Double, rtol: Double, atol: Double) {
        let diff = abs(x - y)
        if !(diff <= atol + rtol * abs(y)) {
            outOfTolerance += 1
            if firstStep < 0 { firstStep = step; firstA = x; firstB = y }
        }
        if diff > maxAbsolute || diff.isNaN { maxAbsolute = diff; maxAbsoluteStep = step }
        let relative = diff == 0 ? 0 : diff / abs(y)
        if relative > maxRelative || relative.isNaN { maxRelative = relative }
    }

    /// The columns' results as the step-by-step accumulator gives them (manifests hold no NaN):
    /// the earliest step out of tolerance (x, y, loss, lr at equal steps), the largest deviation at
    /// the first step it is reached; nil when every value is within tolerance.
    static func merged(_ columns: [ColumnDeviation], label: String) -> PathComparison.PathDeviation? {
        let out = columns.reduce(0) { $0 + $1.outOfTolerance }
        guard out > 0 else { return nil }
        var first: ColumnDeviation? = nil
        for c in columns where c.firstStep >= 0 {
            if first == nil || c.firstStep < first!.firstStep { first = c }
        }
        var maxAbsolute = 0.0, maxStep = 0
        for c in columns where c.maxAbsolute > maxAbsolute || (c.maxAbsolute == maxAbsolute && maxAbsolute > 0 && c.maxAbsoluteStep < maxStep) {
            maxAbsolute = c.maxAbsolute; maxStep = c.maxAbsoluteStep
        }
        let maxRelative = columns.reduce(0.0) { max($0, $1.maxRelative) }
        guard let first else { return nil }
        return PathComparison.PathDeviation(label: label, firstStep: first.firstStep, firstCoordinate: first.name,
                                            expectedValue: first.firstA, actualValue: first.firstB,
                                            maxAbsolute: maxAbsolute, maxAbsoluteStep: maxStep,
                                            maxRelative: maxRelative, outOfTolerance: out)
    }
}
