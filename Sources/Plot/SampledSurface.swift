import Surfaces

/// A surface known only at the points of a grid (a landscape's loss over a lattice of a plane),
/// as a ``Surface`` between them: the bilinear interpolant of the grid's values, the function
/// whose iso-lines marching squares draws (``marchingSquares(_:levels:)`` interpolates linearly
/// along cell edges). What lets the 3D view (``lifted3D(_:surface:camera:axisTitles:)``) shade a
/// measured height field and lift paths onto it, as it does an analytic one.
///
/// For x in cell [x_i, x_{i+1}] and y in [y_j, y_{j+1}], with s = (x − x_i)/(x_{i+1} − x_i) and
/// t = (y − y_j)/(y_{j+1} − y_j):
///
///     f(x, y) = (1−s)(1−t) f_ij + s(1−t) f_(i+1)j + (1−s)t f_i(j+1) + st f_(i+1)(j+1)
///
/// Points outside the grid take the value at the nearest point of its edge.
///
///     let s = SampledSurface(grid: Grid(xs: [0, 1], ys: [0, 1], values: [0, 1, 2, 3]))
///     s.value(0.5, 0.5)     // 1.5
///
/// - Complexity: O(log n) per value (binary search of the cell).
public struct SampledSurface: Surface {
    public var grid: Grid
    public var name: String
    public var title: String
    public var formula: String { "sampled on a \(grid.nx) × \(grid.ny) grid" }
    public var citation: String { "" }
    public var domain: Domain { Domain(x: grid.xs.first!...grid.xs.last!, y: grid.ys.first!...grid.ys.last!) }  // ≥ 2 × 2 points
    public var minima: [Minimum] { [] }
    public var suggestedStart: Point { Point(grid.xs[grid.nx / 2], grid.ys[grid.ny / 2]) }
    public var levelScale: LevelScale

    public init(grid: Grid, name: String = "sampled", title: String = "Sampled surface", levelScale: LevelScale = .log) {
        self.grid = grid; self.name = name; self.title = title; self.levelScale = levelScale
    }

    /// The cell holding `v` along `axis` and the fraction of the way across it, clamped to the grid.
    private static func locate(_ v: Double, _ axis: [Double]) -> (Int, Double) {
        guard v > axis[0] else { return (0, 0) }
        guard v < axis[axis.count - 1] else { return (axis.count - 2, 1) }
        var lo = 0, hi = axis.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if axis[mid] <= v { lo = mid } else { hi = mid }
        }
        return (lo, (v - axis[lo]) / (axis[lo + 1] - axis[lo]))
    }

    public func value(_ x: Double, _ y: Double) -> Double {
        guard x.isFinite, y.isFinite else { return .nan }
        let (i, s) = Self.locate(x, grid.xs), (j, t) = Self.locate(y, grid.ys)
        return (1 - s) * (1 - t) * grid[i, j] + s * (1 - t) * grid[i + 1, j] + (1 - s) * t * grid[i, j + 1] + s * t * grid[i + 1, j + 1]
    }

    /// The interpolant's gradient inside a cell (zero across an edge the value is clamped at).
    public func gradient(_ x: Double, _ y: Double) -> Point {
        guard x.isFinite, y.isFinite else { return Point(.nan, .nan) }
        let (i, s) = Self.locate(x, grid.xs), (j, t) = Self.locate(y, grid.ys)
        let inX = x > grid.xs[0] && x < grid.xs[grid.nx - 1], inY = y > grid.ys[0] && y < grid.ys[grid.ny - 1]
        let dx = ((1 - t) * (grid[i + 1, j] - grid[i, j]) + t * (grid[i + 1, j + 1] - grid[i, j + 1])) / (grid.xs[i + 1] - grid.xs[i])
        let dy = ((1 - s) * (grid[i, j + 1] - grid[i, j]) + s * (grid[i + 1, j + 1] - grid[i + 1, j])) / (grid.ys[j + 1] - grid.ys[j])
        return Point(inX ? dx : 0, inY ? dy : 0)
    }
}
