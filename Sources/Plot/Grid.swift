import Parallel
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
    /// finite value, so that they fall in the top band instead of tearing holes in the plot.
    ///
    /// - Complexity: O(nx · ny) evaluations of `f`.
    public static func sample(x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int,
                              _ f: (Double, Double) -> Double) -> Grid {
        sample(x: x, y: y, nx: nx, ny: ny, pieces: 1, f)
    }

    /// ``sample(x:y:nx:ny:_:)`` with the rows shared among `pieces` threads: `f` is then called
    /// from several threads at once and must be a pure function.
    static func sample(x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int, pieces: Int,
                       _ f: (Double, Double) -> Double) -> Grid {
        precondition(nx >= 2 && ny >= 2, "a grid needs at least 2 × 2 points")
        let xs = (0..<nx).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(nx - 1) }
        let ys = (0..<ny).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(ny - 1) }
        var values = [Double](repeating: 0, count: nx * ny)
        let rows = split(ny, into: pieces)
        var largestOf = [Double](repeating: -.infinity, count: pieces)
        var nonFinite = [Bool](repeating: false, count: pieces)
        values.withUnsafeMutableBufferPointer { v in
            largestOf.withUnsafeMutableBufferPointer { largestOf in
                nonFinite.withUnsafeMutableBufferPointer { nonFinite in
                    concurrently(pieces) { k in
                        var largest = -Double.infinity, sawNonFinite = false
                        for j in rows[k] {
                            let yj = ys[j]
                            for i in 0..<nx {
                                let f = f(xs[i], yj)
                                v[j * nx + i] = f
                                if f.isFinite { largest = max(largest, f) } else { sawNonFinite = true }
                            }
                        }
                        largestOf[k] = largest; nonFinite[k] = sawNonFinite
                    }
                }
            }
        }
        let largest = largestOf.max() ?? -.infinity
        if nonFinite.contains(true) {
            let fill = largest.isFinite ? largest : 0
            for k in values.indices where !values[k].isFinite { values[k] = fill }
        }
        return Grid(xs: xs, ys: ys, values: values)
    }

    /// Samples a surface over a window, as ``sample(x:y:nx:ny:_:)`` does. A surface is a pure
    /// function (and `Sendable`), so large grids are shared among two processors by rows; every
    /// value is the one a single pass computes.
    public static func sample(_ surface: any Surface, x: ClosedRange<Double>, y: ClosedRange<Double>,
                              nx: Int, ny: Int) -> Grid {
        sample(x: x, y: y, nx: nx, ny: ny, pieces: nx * ny >= 40_000 ? min(2, processorCount) : 1) { surface.value($0, $1) }
    }

    /// The smallest and largest value.
    public var range: (min: Double, max: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values { lo = min(lo, v); hi = max(hi, v) }
        return (lo, hi)
    }
}
