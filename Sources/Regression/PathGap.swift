/// How two paths from the same start part, step by step: what `trajviz diff A B` reports.
///
/// The gap at step k is the distance between the two points, ‖a_k − b_k‖ (Euclidean, in the
/// surface's coordinates). The paths *differ* at step k when either coordinate is out of
/// tolerance, `|a − b| > atol + rtol·max(|a|, |b|)` (symmetric: neither path is the reference).
///
///     let gap = PathGap(a: (adam.xs, adam.ys), b: (book.xs, book.ys))
///     gap.firstDifference     // 1: Adam's eps placement shows from the first step
///     gap.largest             // (step: 500, distance: 0.0123)
///
/// - Complexity: O(steps).
public struct PathGap: Hashable, Sendable {
    /// The gap at every step both paths reached (step 0 is the common start).
    public var distances: [Double]
    public var rtol: Double
    public var atol: Double
    /// The first step where the paths differ beyond the tolerance; nil if they never do.
    public var firstDifference: Int?
    /// The largest gap and its step (the first such step); nil for empty paths.
    public var largest: (step: Int, distance: Double)? {
        guard let i = distances.indices.max(by: { distances[$0] < distances[$1] }) else { return nil }
        return (i, distances[i])
    }
    /// Where the gap opens: the step whose single step widens it the most (from step k − 1 to k),
    /// with that widening; nil when it never widens.
    public var opening: (step: Int, widening: Double)? {
        var best: (Int, Double)? = nil
        for k in distances.indices.dropFirst() {
            let w = distances[k] - distances[k - 1]
            if w > 0, w > (best?.1 ?? 0) { best = (k, w) }
        }
        return best
    }

    /// Compares the steps both paths reached (a path that diverged is shorter).
    ///
    /// - Parameters:
    ///   - rtol: relative tolerance (default 1e-9, as `trajviz compare`).
    ///   - atol: absolute tolerance (default 1e-12).
    public init(a: (xs: [Double], ys: [Double]), b: (xs: [Double], ys: [Double]),
                rtol: Double = 1e-9, atol: Double = 1e-12) {
        precondition(a.xs.count == a.ys.count && b.xs.count == b.ys.count, "x and y of a path differ in length")
        precondition(rtol >= 0 && atol >= 0, "tolerances must be non-negative")
        self.rtol = rtol; self.atol = atol
        let n = min(a.xs.count, b.xs.count)
        distances = (0..<n).map { k in
            let dx = a.xs[k] - b.xs[k], dy = a.ys[k] - b.ys[k]
            return (dx * dx + dy * dy).squareRoot()
        }
        func close(_ u: Double, _ v: Double) -> Bool { abs(u - v) <= atol + rtol * max(abs(u), abs(v)) }
        firstDifference = (0..<n).first { k in !close(a.xs[k], b.xs[k]) || !close(a.ys[k], b.ys[k]) }
    }
}
