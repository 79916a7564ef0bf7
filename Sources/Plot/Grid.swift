import Jobs
import Surfaces

/// Values of a function sampled on a regular rectangular grid: `values[j * nx + i] = f(xs[i], ys[j])`.
///
/// The data side of a contour plot, apart from the algorithm (``marchingSquares(_:levels:)``) and
/// from drawing, as in gonum/plot's `GridXYZ`.
public struct Grid: Sendable, Hashable {
    public var xs: [Double]
    public var ys: [Double]
    /// Row-major, `ys.count` rows of `xs.count` values; row `j` is at height `ys[j]`.
    public var values: [Double]
    /// Row-major like `values`: true where f was NaN (undefined: `log(x)` for x < 0); empty when
    /// f is defined at every sample.
    public var undefined: [Bool] = []

    public var nx: Int { xs.count }
    public var ny: Int { ys.count }

    /// A grid from explicit coordinates and values (`values.count == xs.count * ys.count`,
    /// at least 2 × 2 points, coordinates increasing).
    public init(xs: [Double], ys: [Double], values: [Double]) {
        precondition(xs.count >= 2 && ys.count >= 2, "a grid needs at least 2 × 2 points")
        precondition(values.count == xs.count * ys.count, "a grid needs xs.count * ys.count values")
        self.xs = xs; self.ys = ys; self.values = values
    }

    /// The value at column `i`, row `j`.
    @inlinable public subscript(i: Int, j: Int) -> Double { values[j * xs.count + i] }

    /// Samples `f` at `nx × ny` evenly spaced points covering `x × y`, corners included.
    ///
    /// Values that are not finite (overflow far from the minimum) are replaced by the largest
    /// finite value, so that they fall in the top band instead of tearing holes in the plot; NaN
    /// (f undefined there) is also marked in ``undefined``.
    ///
    /// - Complexity: O(nx · ny) evaluations of `f`.
    public static func sample(x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int,
                              _ f: (Double, Double) -> Double) -> Grid {
        let (xs, ys) = coordinates(x: x, y: y, nx: nx, ny: ny)
        return filled(xs: xs, ys: ys, rows: [values(xs: xs, ys: ys, rows: 0..<ny, f)])
    }

    /// Samples a surface over a window, as ``sample(x:y:nx:ny:_:)`` does. A surface is a pure
    /// function (and `Sendable`), so a large grid's rows are shared among the cores
    /// (``Jobs/parallelMap(_:workers:_:)``); every value is the one a single pass computes.
    public static func sample(_ surface: any Surface, x: ClosedRange<Double>, y: ClosedRange<Double>,
                              nx: Int, ny: Int) -> Grid {
        sample(surface, x: x, y: y, nx: nx, ny: ny, pieces: rowPieces(points: nx * ny))
    }

    /// ``sample(_:x:y:nx:ny:)`` in `pieces` runs of rows, shared among the cores.
    static func sample(_ surface: any Surface, x: ClosedRange<Double>, y: ClosedRange<Double>,
                       nx: Int, ny: Int, pieces: Int) -> Grid {
        let (xs, ys) = coordinates(x: x, y: y, nx: nx, ny: ny)
        let rows = parallelMap(rowRanges(ny, pieces: pieces), workers: min(pieces, Jobs.workerCount)) { rows in
            values(xs: xs, ys: ys, rows: rows) { surface.value($0, $1) }
        }
        return filled(xs: xs, ys: ys, rows: rows)
    }

    /// `n` evenly spaced values from the lower to the upper bound, both included.
    private static func coordinates(x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int) -> ([Double], [Double]) {
        precondition(nx >= 2 && ny >= 2, "a grid needs at least 2 × 2 points")
        let xs = (0..<nx).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(nx - 1) }
        let ys = (0..<ny).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(ny - 1) }
        return (xs, ys)
    }

    /// f on the grid points of `rows`, row by row.
    private static func values(xs: [Double], ys: [Double], rows: Range<Int>, _ f: (Double, Double) -> Double) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(rows.count * xs.count)
        for j in rows {
            let yj = ys[j]
            for xi in xs { values.append(f(xi, yj)) }
        }
        return values
    }

    /// The grid of the rows' values in order, non-finite values replaced by the largest finite one
    /// (NaN, where f is undefined, also marked in ``undefined``).
    private static func filled(xs: [Double], ys: [Double], rows: [[Double]]) -> Grid {
        var values = concatenated(rows)
        var largest = -Double.infinity, sawNonFinite = false
        for v in values { if v.isFinite { largest = max(largest, v) } else { sawNonFinite = true } }
        var undefined: [Bool] = []
        if sawNonFinite {
            let fill = largest.isFinite ? largest : 0
            if values.contains(where: \.isNaN) { undefined = values.map(\.isNaN) }
            for k in values.indices where !values[k].isFinite { values[k] = fill }
        }
        var grid = Grid(xs: xs, ys: ys, values: values)
        grid.undefined = undefined
        return grid
    }

    /// The smallest and largest value.
    public var range: (min: Double, max: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values { lo = min(lo, v); hi = max(hi, v) }
        return (lo, hi)
    }
}

/// The pieces' elements in order, in one array: one copy of each piece (`Array(pieces.joined())`
/// walks a flattening iterator element by element, 3 ms of the default figure's 400 × 400 grid,
/// on one core, before any contouring; issue 17).
func concatenated<T>(_ pieces: [[T]]) -> [T] {
    if pieces.count == 1 { return pieces[0] }
    var out: [T] = []
    out.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
    for piece in pieces { out.append(contentsOf: piece) }
    return out
}

/// How many runs of rows the work on a grid of `points` points is cut into: one for small grids,
/// which are not worth a thread; for large ones four per core, taken in turn by whichever core
/// is free, so that a core that starts late (up to milliseconds on some machines) does not hold
/// the other up at a fixed half. Sampling and contouring share it.
func rowPieces(points: Int) -> Int { points >= 40_000 ? 4 * Jobs.workerCount : 1 }

/// `0..<count` cut into `pieces` consecutive ranges of nearly equal length, in order.
func rowRanges(_ count: Int, pieces: Int) -> [Range<Int>] {
    precondition(count >= 0 && pieces >= 1)
    return (0..<pieces).map { k in (count * k / pieces)..<(count * (k + 1) / pieces) }
}
