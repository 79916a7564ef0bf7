/// The loss and accuracy over a lattice of a plane: `loss[j * alphas.count + i]` is the loss at
/// (alphas[i], betas[j]), row by row from the lowest β (the layout of Plot's `Grid`).
public struct LossGrid: Sendable, Hashable {
    public var alphas: [Double]
    public var betas: [Double]
    public var loss: [Double]
    public var accuracy: [Double]

    public init(alphas: [Double], betas: [Double], loss: [Double], accuracy: [Double]) {
        precondition(alphas.count >= 2 && betas.count >= 2, "a grid needs at least 2 × 2 points")
        precondition(loss.count == alphas.count * betas.count && accuracy.count == loss.count, "one value per grid point")
        self.alphas = alphas; self.betas = betas; self.loss = loss; self.accuracy = accuracy
    }

    /// `n` evenly spaced values over `range`, both ends included; the middle one is exactly 0 when
    /// the range is symmetric about 0 and `n` is odd (the plane's origin is then a grid point).
    public static func lattice(_ range: ClosedRange<Double>, count n: Int) -> [Double] {
        precondition(n >= 2)
        let lo = range.lowerBound, hi = range.upperBound
        // lo·(1 − s) + hi·s rather than lo + (hi − lo)·s: exact at both ends, and exactly 0 in the
        // middle of a symmetric range.
        return (0..<n).map { k in
            let s = Double(k) / Double(n - 1)
            return lo * (1 - s) + hi * s
        }
    }

    /// `n` evenly spaced values covering `range` (which holds 0), one of them exactly 0: (i − k)·h
    /// for i in 0..<n, with k the node whose step h is the smallest that covers the range. The plane's origin
    /// is then a grid point whatever the window.
    public static func originLattice(_ range: ClosedRange<Double>, count n: Int) -> [Double] {
        precondition(n >= 3 && range.contains(0) && range.upperBound > range.lowerBound, "a range around 0")
        let lo = range.lowerBound, hi = range.upperBound
        // The node of 0: the one that needs the smallest step, kept off an end that the range passes.
        func step(_ k: Int) -> Double { max(k > 0 ? -lo / Double(k) : 0, k < n - 1 ? hi / Double(n - 1 - k) : 0) }
        let first = lo < 0 ? 1 : 0, last = hi > 0 ? n - 2 : n - 1
        let k = (first...max(first, last)).min { step($0) < step($1) }!  // a closed range is not empty
        let h = step(k)
        return (0..<n).map { Double($0 - k) * h }
    }

    /// The loss over `window` on an `n × n` lattice of `plane` (β outer, α inner).
    ///
    /// - Precondition: OpenBLAS is loaded.
    public static func evaluate(_ evaluator: PlaneEvaluator, plane: Plane, alpha: ClosedRange<Double>,
                                beta: ClosedRange<Double>, count n: Int,
                                progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> LossGrid {
        evaluate(evaluator, plane: plane, alphas: lattice(alpha, count: n), betas: lattice(beta, count: n), progress: progress)
    }

    /// The loss at every (α, β) of the two lattices (β outer, α inner).
    public static func evaluate(_ evaluator: PlaneEvaluator, plane: Plane, alphas: [Double], betas: [Double],
                                progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> LossGrid {
        let points = betas.flatMap { b in alphas.map { a in (a, b) } }
        let values = evaluator.evaluate(plane, at: points, progress: progress)
        return LossGrid(alphas: alphas, betas: betas, loss: values.map(\.loss), accuracy: values.map(\.accuracy))
    }

    /// The loss at (alpha, beta) by bilinear interpolation between the four grid points around
    /// it; nil outside the grid. At a grid point it is that point's value.
    public func interpolatedLoss(_ alpha: Double, _ beta: Double) -> Double? {
        guard let (i, s) = cell(alphas, alpha), let (j, t) = cell(betas, beta) else { return nil }
        let nx = alphas.count
        let i1 = min(i + 1, nx - 1), j1 = min(j + 1, betas.count - 1)
        let a = loss[j * nx + i], b = loss[j * nx + i1], c = loss[j1 * nx + i], d = loss[j1 * nx + i1]
        return (1 - t) * ((1 - s) * a + s * b) + t * ((1 - s) * c + s * d)
    }

    /// The cell of a sorted lattice holding x, and x's fraction of the way across it.
    private func cell(_ xs: [Double], _ x: Double) -> (Int, Double)? {
        guard let lo = xs.first, let hi = xs.last, x >= lo, x <= hi else { return nil }
        var i = 0
        while i + 2 < xs.count && xs[i + 1] <= x { i += 1 }
        let width = xs[i + 1] - xs[i]
        return (i, width > 0 ? min(1, max(0, (x - xs[i]) / width)) : 0)
    }
}
