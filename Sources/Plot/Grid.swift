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
        precondition(nx >= 2 && ny >= 2, "a grid needs at least 2 × 2 points")
        let xs = (0..<nx).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(nx - 1) }
        let ys = (0..<ny).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(ny - 1) }
        var values = [Double](repeating: 0, count: nx * ny)
        var largest = -Double.infinity
        var sawNonFinite = false
        values.withUnsafeMutableBufferPointer { v in
            for j in 0..<ny {
                let yj = ys[j]
                for i in 0..<nx {
                    let f = f(xs[i], yj)
                    v[j * nx + i] = f
                    if f.isFinite { largest = max(largest, f) } else { sawNonFinite = true }
                }
            }
        }
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

    /// Samples a surface over a window.
    public static func sample(_ surface: any Surface, x: ClosedRange<Double>, y: ClosedRange<Double>,
                              nx: Int, ny: Int) -> Grid {
        sample(x: x, y: y, nx: nx, ny: ny) { surface.value($0, $1) }
    }

    /// The smallest and largest value.
    public var range: (min: Double, max: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values { lo = min(lo, v); hi = max(hi, v) }
        return (lo, hi)
    }
}
