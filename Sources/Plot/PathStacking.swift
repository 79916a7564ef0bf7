import RealModule
import Surfaces

/// Where a path goes, coarsely: which cells of a 64 × 64 grid over the data window its segments
/// cross. Computed from every point of the path (before any reduction), so that a figure drawn
/// from a reduced path stacks its paths exactly as one drawn from the full path.
public struct Footprint: Hashable, Sendable {
    public static let size = 64
    /// 64 rows of 64 bits, row 0 at the window's bottom.
    public var rows = [UInt64](repeating: 0, count: Footprint.size)

    public init() {}

    /// The number of cells crossed.
    public var count: Int { rows.reduce(0) { $0 + $1.nonzeroBitCount } }

    func contains(_ cell: Int) -> Bool { rows[cell >> 6] & (1 << UInt64(cell & 63)) != 0 }

    /// Adds cell `row * 64 + column`.
    mutating func insert(_ cell: Int) { rows[cell >> 6] |= 1 << UInt64(cell & 63) }

    /// Adds the cells segment a–b crosses inside `window` (nothing outside it).
    mutating func add(_ a: Point, _ b: Point, window: DataWindow) {
        guard let (t0, t1) = clipParameters(a, b, x: window.x, y: window.y) else { return }
        let n = Double(Footprint.size)
        let sx = n / (window.x.upperBound - window.x.lowerBound), sy = n / (window.y.upperBound - window.y.lowerBound)
        let ax = (a.x + (b.x - a.x) * t0 - window.x.lowerBound) * sx, ay = (a.y + (b.y - a.y) * t0 - window.y.lowerBound) * sy
        let bx = (a.x + (b.x - a.x) * t1 - window.x.lowerBound) * sx, by = (a.y + (b.y - a.y) * t1 - window.y.lowerBound) * sy
        guard ax.isFinite, ay.isFinite, bx.isFinite, by.isFinite else { return }
        let steps = clampedInt((max(abs(bx - ax), abs(by - ay)) * 2).rounded(.up), 1, 4 * Footprint.size)
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            let i = clampedInt(ax + (bx - ax) * t, 0, Footprint.size - 1)
            let j = clampedInt(ay + (by - ay) * t, 0, Footprint.size - 1)
            rows[j] |= 1 << UInt64(i)
        }
    }

    /// The footprint of polylines.
    init(pieces: [[Point]], window: DataWindow) {
        for piece in pieces { for (a, b) in zip(piece, piece.dropFirst()) { add(a, b, window: window) } }
    }
}

/// The draw order and widths that keep every path visible where paths share a valley.
///
/// Paths that cover more cells of their ``Footprint`` are drawn first (by bands 25 % wide, so
/// that paths of about one size keep the input order), so short paths lie on top of long ones
/// instead of vanishing under them. A path whose cells are mostly covered by paths drawn after it
/// is drawn wider, by up to half a line width per path covering it (at most two), so that it
/// shows as a coloured border on both sides of the ones above: width becomes the second channel
/// after colour. The widening grows smoothly with the share covered (35 % → none, 65 % → full).
struct PathStacking {
    /// Indices into the paths, bottom first.
    var order: [Int]
    /// The width factor of each path (by index, not by order).
    var widths: [Double]

    /// - Complexity: O(n · 4096) for n paths.
    init(footprints: [Footprint]) {
        let n = footprints.count
        let counts = footprints.map(\.count)
        let band = counts.map { $0 == 0 ? -1 : Int((Double.log(Double($0)) / Double.log(1.25)).rounded(.down)) }
        order = Array(0..<n).sorted { band[$0] != band[$1] ? band[$0] > band[$1] : $0 < $1 }
        widths = [Double](repeating: 1, count: n)
        var above = [Int](repeating: 0, count: Footprint.size * Footprint.size)  // paths drawn above each cell so far
        for index in order.reversed() {
            let own = footprints[index]
            guard counts[index] > 0 else { continue }
            var covered = 0, depth = 0
            for cell in 0..<above.count where own.contains(cell) {
                if above[cell] > 0 { covered += 1; depth += above[cell] }
                above[cell] += 1
            }
            guard covered > 0 else { continue }
            let share = Double(covered) / Double(counts[index])
            let t = min(max((share - 0.35) / 0.3, 0), 1)
            widths[index] = 1 + 0.5 * min(2, Double(depth) / Double(covered)) * t * t * (3 - 2 * t)
        }
    }
}
