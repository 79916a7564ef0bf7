import Jobs
import Surfaces

/// The geometry of a filled contour plot: closed band polygons and the iso-lines between them.
public struct ContourGeometry: Sendable, Hashable {
    /// `bands[k]` is the region where `levels[k-1] ≤ f < levels[k]`, as closed rings (the last point
    /// joins the first; no point is repeated). Band 0 is everything below `levels[0]` and the last
    /// band everything at or above `levels.last`, so the bands tile the grid's rectangle.
    /// With y pointing up, outer rings run counter-clockwise and holes clockwise: fill with the
    /// non-zero winding rule (even-odd gives the same picture).
    public var bands: [[[Point]]]
    /// `lines[k]` are the polylines where `f = levels[k]`, each oriented with higher values on its
    /// left. A closed loop repeats its first point at the end.
    public var lines: [[[Point]]]
}

/// Filled contour bands and iso-lines of `grid` at increasing `levels`, by marching squares.
///
/// Each grid cell is split into four triangles around its centre, whose value is the mean of the
/// four corners; on a triangle the bilinear surface is replaced by a linear one, so every level
/// crosses it in at most one straight segment. This resolves the saddle cells of plain marching
/// squares (two diagonal corners above a level, two below) by the cell-centre value: if the centre
/// is above, the two high corners are joined through the middle, otherwise the two low ones.
///
/// A band's boundary is made of the iso-segments of its lower level (walked with the band on the
/// left), those of its upper level (reversed), and the pieces of the grid's border whose values lie
/// in the band. Every crossing point is named by (edge, level), so the pieces join exactly, with no
/// tolerance, into closed rings.
///
/// The classic reference for marching squares on triangles is W. E. Lorensen and H. E. Cline,
/// "Marching Cubes", SIGGRAPH 1987; for contour bands between levels, P. Bourke's CONREC (1987),
/// which gonum/plot also follows.
///
///     let g = Grid(xs: [0, 1], ys: [0, 1], values: [0, 1, 1, 2])
///     let c = marchingSquares(g, levels: [1])
///     // c.bands[0]: the triangle below f = 1; c.bands[1]: the rest of the square
///
/// - Parameters:
///   - grid: the sampled values.
///   - levels: strictly increasing thresholds.
/// - Returns: `levels.count + 1` bands and `levels.count` line sets.
/// - Complexity: O(nx · ny + number of crossings), with one hash lookup per crossing point; large
///   grids are shared among two processors, with the same result as one.
public func marchingSquares(_ grid: Grid, levels: [Double]) -> ContourGeometry {
    // A large grid's rows, then its bands and lines, are shared among the cores; the pieces are
    // joined in the serial order, so the geometry is the same point for point.
    marchingSquares(grid, levels: levels, pieces: rowPieces(points: grid.values.count))
}

/// ``marchingSquares(_:levels:)`` with the rows cut into `pieces` runs, shared among the cores.
func marchingSquares(_ grid: Grid, levels: [Double], pieces: Int) -> ContourGeometry {
    let contour = contourLines(grid, levels: levels, pieces: pieces)
    let bands = parallelMap(Array(0...levels.count), workers: pieces > 1 ? Jobs.workerCount : 1) { contour.bandRings($0) }
    return ContourGeometry(bands: bands, lines: contour.lines.map { $0.map(\.points) })
}

/// The iso-lines of `grid` at increasing `levels`, each with the names of its ends, and the
/// pieces of the grid's border by band: what ``ContourLines/bandRings(_:)`` joins into a band's
/// rings. A renderer simplifies each line once (`transform`, applied to each line as it is
/// linked) and joins the bands from the simplified lines, so that every band's edge is exactly
/// its iso-line.
///
/// - Parameters:
///   - pieces: runs of rows the cells are cut into (1: one pass on the calling thread); the
///     result is the same for any number.
///   - transform: replaces each line's points; it must keep the first and the last (the names
///     the bands are joined at).
/// - Complexity: O(nx · ny + number of crossings).
func contourLines(_ grid: Grid, levels: [Double], pieces: Int,
                  transform: (@Sendable ([Point]) -> [Point])? = nil) -> ContourLines {
    precondition(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 }, "contour levels must increase strictly")
    let march = Marcher(grid: grid, levels: levels)
    let workers = pieces > 1 ? Jobs.workerCount : 1

    // Every iso-segment by level: each run of rows sorts its own by level, in its thread, and a
    // level's segments are its runs' one after the other, in the order one pass over the cells
    // finds them. (Gathering every run's segments into one array first, then sorting it, was a
    // serial copy of a few MB into fresh pages: a tenth of the contours' time.)
    let parts = parallelMap(rowRanges(max(0, grid.ny - 1), pieces: pieces), workers: workers) { rows in
        SegmentsByLevel(march.crossings(rows: rows), levels: levels.count)
    }
    let lines = parallelMap(Array(levels.indices), workers: workers) { k in
        var segments: [Segment] = []
        segments.reserveCapacity(parts.reduce(0) { $0 + $1[k].count })
        for part in parts { segments.append(contentsOf: part[k]) }
        let linked = linkLines(segments)
        guard let transform else { return linked }
        return linked.map { NamedLine(points: transform($0.points), from: $0.from, to: $0.to) }
    }
    return ContourLines(lines: lines, border: march.borderPieces())
}

/// Iso-segments sorted by level (a stable counting sort): level k's are `self[k]`, in the order
/// they were found.
struct SegmentsByLevel: Sendable {
    private let segments: [Segment]
    /// Level k's segments are `segments[start[k] ..< start[k + 1]]`.
    private let start: [Int]

    init(_ found: (segments: [Segment], levels: [Int32]), levels count: Int) {
        var start = [Int](repeating: 0, count: count + 1)
        for l in found.levels { start[Int(l) + 1] += 1 }
        for k in 0..<count { start[k + 1] += start[k] }
        var next = start
        let sorted = found.segments.isEmpty ? [] : [Segment](unsafeUninitializedCapacity: found.segments.count) { out, initialized in
            for (s, l) in zip(found.segments, found.levels) {
                (out.baseAddress! + next[Int(l)]).initialize(to: s)
                next[Int(l)] += 1
            }
            initialized = found.segments.count
        }
        segments = sorted
        self.start = start
    }

    subscript(level: Int) -> ArraySlice<Segment> { segments[start[level]..<start[level + 1]] }
}

/// An iso-line and the names of the points it starts and ends at: the same name for a closed loop
/// (which repeats its first point at the end), border crossings for an open line.
struct NamedLine: Sendable, Hashable {
    var points: [Point]
    var from: Int
    var to: Int
}

/// Every level's iso-lines with their end names, and the grid border's pieces by band.
struct ContourLines: Sendable {
    /// `lines[k]`: the lines of level k, open ones first, each with higher values on its left.
    var lines: [[NamedLine]]
    /// `border[k]`: the pieces of the border in band k, walked counter-clockwise.
    var border: [[Segment]]

    /// Band k's closed rings (the region between levels k − 1 and k), walked with the band on the
    /// left: the lines of level k − 1 as they are, those of level k reversed, and the band's pieces
    /// of the border, joined where their end names meet. Runs of points on one straight side of
    /// the border, and repeated points, are dropped; rings of fewer than three points are too.
    func bandRings(_ k: Int) -> [[Point]] {
        var rings: [[Point]] = []
        var open: [(from: Int, to: Int, points: [Point])] = []
        func add(_ line: NamedLine, reversed: Bool) {
            if line.from == line.to {
                let ring = simplified(Array((reversed ? line.points.reversed() : line.points).dropLast()))
                if ring.count >= 3 { rings.append(ring) }
            } else {
                open.append(reversed ? (line.to, line.from, line.points.reversed()) : (line.from, line.to, line.points))
            }
        }
        if k > 0 { for line in lines[k - 1] { add(line, reversed: false) } }
        if k < lines.count { for line in lines[k] { add(line, reversed: true) } }
        for s in border[k] { open.append((s.from, s.to, [s.start, s.end])) }

        let startingAt = SegmentIndex(starts: open.map(\.from))
        var used = [Bool](repeating: false, count: open.count)
        for first in open.indices where !used[first] {
            var ring: [Point] = []
            var n = first
            while !used[n] {
                used[n] = true
                ring.append(contentsOf: open[n].points.dropLast())  // the next piece starts there
                guard let next = startingAt[open[n].to] else { break }
                n = next
            }
            let joined = simplified(ring)
            if joined.count >= 3 { rings.append(joined) }
        }
        return rings
    }
}

/// A directed piece of a band's boundary or of an iso-line, between two named points.
struct Segment: Sendable {
    var from: Int
    var to: Int
    var start: Point
    var end: Point
    var reversed: Segment { Segment(from: to, to: from, start: end, end: start) }
}

/// One marching-squares pass over a grid: the iso-segments of any rows of cells, and the pieces
/// of the border.
struct Marcher: Sendable {
    let grid: Grid
    let levels: [Double]
    let nx: Int, ny: Int
    let horizontalEdges: Int, verticalEdges: Int

    init(grid: Grid, levels: [Double]) {
        self.grid = grid; self.levels = levels
        nx = grid.nx; ny = grid.ny
        horizontalEdges = (nx - 1) * ny
        verticalEdges = nx * (ny - 1)
    }

    /// The band of every grid point of rows `rows` (how many levels are ≤ its value), row by row.
    func bands(rows: ClosedRange<Int>) -> [Int32] {
        grid.values.withUnsafeBufferPointer { values in
            levels.withUnsafeBufferPointer { levels in
                var b = 0
                return ((rows.lowerBound * nx)..<((rows.upperBound + 1) * nx)).map { n -> Int32 in
                    b = band(of: values[n], levels: levels, near: b)
                    return Int32(b)
                }
            }
        }
    }

    // Point names: grid corners are negative, crossings are edge * levels.count + level.
    func cornerKey(_ i: Int, _ j: Int) -> Int { -(j * nx + i) - 1 }
    func horizontalEdge(_ i: Int, _ j: Int) -> Int { j * (nx - 1) + i }
    func verticalEdge(_ i: Int, _ j: Int) -> Int { horizontalEdges + j * nx + i }
    func diagonalEdge(cell: Int, corner: Int) -> Int { horizontalEdges + verticalEdges + cell * 4 + corner }
    func crossingKey(edge: Int, level: Int) -> Int { edge * levels.count + level }

    /// The iso-segments of the cells in rows `rows` (row j spans ys[j]…ys[j+1]), row by row, each
    /// oriented with higher values on its left, and the level of each.
    func crossings(rows: Range<Int>) -> (segments: [Segment], levels: [Int32]) {
        guard !levels.isEmpty, !rows.isEmpty else { return ([], []) }
        let nx = nx
        // The bands of the rows' grid points, from the first row's bottom to the last row's top:
        // each piece of rows works out its own (the rows where two pieces meet, twice).
        let bandOfRows = bands(rows: rows.lowerBound...rows.upperBound)
        let first = rows.lowerBound * nx  // bandOfRows[n - first] is point n's band
        // The output goes to the triangles `inout`, not captured: a captured var is boxed, and
        // every append then paid a dynamic exclusivity check (1.5% of the default figure).
        var out = (segments: [Segment](), levels: [Int32]())
        // Room for one segment a cell, which figures rarely exceed (the default figure has about
        // 0.4): growing by doubling copied every segment about twice, into fresh pages each time.
        // Capacity never written is never touched, so the room costs no memory.
        let cells = rows.count * (nx - 1)
        out.segments.reserveCapacity(cells)
        out.levels.reserveCapacity(cells)
        grid.values.withUnsafeBufferPointer { f in
        bandOfRows.withUnsafeBufferPointer { bandOf in
        grid.xs.withUnsafeBufferPointer { xs in
        grid.ys.withUnsafeBufferPointer { ys in
        levels.withUnsafeBufferPointer { levels in
            /// The iso-segments of the counter-clockwise triangle (P, Q, M), whose edges are named
            /// `pq`, `qm`, `mp`.
            func triangle(_ p: Point, _ fp: Double, _ bp: Int, _ q: Point, _ fq: Double, _ bq: Int,
                          _ m: Point, _ fm: Double, _ bm: Int, _ pq: Int, _ qm: Int, _ mp: Int,
                          into out: inout (segments: [Segment], levels: [Int32])) {
                let lo = min(bp, bq, bm), hi = max(bp, bq, bm)
                guard lo < hi else { return }
                for k in lo..<hi {
                    let t = levels[k]
                    let ap = bp > k, aq = bq > k, am = bm > k
                    // The vertex alone on its side of the level, and the two edges leaving it, in
                    // counter-clockwise order: the segment a → b then has that vertex on its left.
                    let a: Point, b: Point, ka: Int, kb: Int, oddAbove: Bool
                    if ap != aq && ap != am {
                        a = cross(p, fp, q, fq, t); b = cross(p, fp, m, fm, t); ka = pq; kb = mp; oddAbove = ap
                    } else if aq != ap && aq != am {
                        a = cross(q, fq, m, fm, t); b = cross(q, fq, p, fp, t); ka = qm; kb = pq; oddAbove = aq
                    } else {
                        a = cross(m, fm, p, fp, t); b = cross(m, fm, q, fq, t); ka = mp; kb = qm; oddAbove = am
                    }
                    let s = Segment(from: crossingKey(edge: ka, level: k), to: crossingKey(edge: kb, level: k), start: a, end: b)
                    out.segments.append(oddAbove ? s : s.reversed)  // higher values on the left
                    out.levels.append(Int32(k))
                }
            }
            for j in rows {
                for i in 0..<(nx - 1) {
                    let below = j * nx + i - first, above = below + nx
                    let b0 = Int(bandOf[below]), b1 = Int(bandOf[below + 1])
                    let b2 = Int(bandOf[above + 1]), b3 = Int(bandOf[above])
                    if b0 == b1 && b1 == b2 && b2 == b3 { continue }  // the centre lies in the same band
                    let f0 = f[j * nx + i], f1 = f[j * nx + i + 1], f2 = f[(j + 1) * nx + i + 1], f3 = f[(j + 1) * nx + i]
                    let fm = (f0 + f1 + f2 + f3) * 0.25
                    let bm = band(of: fm, levels: levels, near: b0)
                    let p0 = Point(xs[i], ys[j]), p1 = Point(xs[i + 1], ys[j])
                    let p2 = Point(xs[i + 1], ys[j + 1]), p3 = Point(xs[i], ys[j + 1])
                    let pm = Point((xs[i] + xs[i + 1]) * 0.5, (ys[j] + ys[j + 1]) * 0.5)
                    let cell = j * (nx - 1) + i
                    let d0 = diagonalEdge(cell: cell, corner: 0), d1 = d0 + 1, d2 = d0 + 2, d3 = d0 + 3
                    // Four counter-clockwise triangles (corner, next corner, centre).
                    triangle(p0, f0, b0, p1, f1, b1, pm, fm, bm, horizontalEdge(i, j), d1, d0, into: &out)
                    triangle(p1, f1, b1, p2, f2, b2, pm, fm, bm, verticalEdge(i + 1, j), d2, d1, into: &out)
                    triangle(p2, f2, b2, p3, f3, b3, pm, fm, bm, horizontalEdge(i, j + 1), d3, d2, into: &out)
                    triangle(p3, f3, b3, p0, f0, b0, pm, fm, bm, verticalEdge(i, j), d0, d3, into: &out)
                }
            }
        } } } } }
        return out
    }

    /// Walks the grid's border counter-clockwise, giving each piece between crossings to its band.
    func borderPieces() -> [[Segment]] {
        var bandSegments = [[Segment]](repeating: [], count: levels.count + 1)
        var corners: [(Int, Int)] = []
        for i in 0..<(nx - 1) { corners.append((i, 0)) }
        for j in 0..<(ny - 1) { corners.append((nx - 1, j)) }
        for i in stride(from: nx - 1, to: 0, by: -1) { corners.append((i, ny - 1)) }
        for j in stride(from: ny - 1, to: 0, by: -1) { corners.append((0, j)) }
        for (n, (i, j)) in corners.enumerated() {
            let (i2, j2) = corners[(n + 1) % corners.count]
            let edge = j == j2 ? horizontalEdge(min(i, i2), j) : verticalEdge(i, min(j, j2))
            let pa = Point(grid.xs[i], grid.ys[j]), pb = Point(grid.xs[i2], grid.ys[j2])
            let fa = grid[i, j], fb = grid[i2, j2]
            let ba = levels.withUnsafeBufferPointer { band(of: fa, levels: $0) }
            let bb = levels.withUnsafeBufferPointer { band(of: fb, levels: $0) }
            var key = cornerKey(i, j), point = pa, current = ba
            let crossed: [Int] = ba < bb ? Array(ba..<bb) : Array((bb..<ba).reversed())
            for k in crossed {
                let next = crossingKey(edge: edge, level: k), at = cross(pa, fa, pb, fb, levels[k])
                bandSegments[current].append(Segment(from: key, to: next, start: point, end: at))
                key = next; point = at
                current = ba < bb ? k + 1 : k
            }
            bandSegments[current].append(Segment(from: key, to: cornerKey(i2, j2), start: point, end: pb))
        }
        return bandSegments
    }
}

/// The band of `v`: how many of the increasing `levels` are ≤ v.
@inline(__always)
func band(of v: Double, levels: UnsafeBufferPointer<Double>) -> Int {
    var lo = 0, hi = levels.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if levels[mid] <= v { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// ``band(of:levels:)``, trying `guess` first: neighbouring grid points are mostly in one band.
@inline(__always)
func band(of v: Double, levels: UnsafeBufferPointer<Double>, near guess: Int) -> Int {
    if (guess == 0 || levels[guess - 1] <= v) && (guess == levels.count || v < levels[guess]) { return guess }
    return band(of: v, levels: levels)
}

/// Where the linear interpolation between (a, fa) and (b, fb) takes the value t.
@inline(__always)
func cross(_ a: Point, _ fa: Double, _ b: Point, _ fb: Double, _ t: Double) -> Point {
    let s = (t - fa) / (fb - fa)
    return Point(a.x + s * (b.x - a.x), a.y + s * (b.y - a.y))
}

/// Joins directed iso-segments into polylines, each with the names of its ends: open ones from
/// the border first, then closed loops.
func linkLines(_ segments: [Segment]) -> [NamedLine] {
    let startingAt = SegmentIndex(segments)
    // A line starts at a segment no other segment leads to.
    var continues = [Bool](repeating: false, count: segments.count)
    for s in segments { if let next = startingAt[s.to] { continues[next] = true } }
    var used = [Bool](repeating: false, count: segments.count)
    var lines: [NamedLine] = []
    func follow(_ first: Int) {
        var line = [segments[first].start]
        var n = first, last = first
        while !used[n] {
            used[n] = true
            line.append(segments[n].end)
            last = n
            guard let next = startingAt[segments[n].to] else { break }
            n = next
        }
        lines.append(NamedLine(points: line, from: segments[first].from, to: segments[last].to))
    }
    for n in segments.indices where !continues[n] { follow(n) }
    for n in segments.indices where !used[n] { follow(n) }
    return lines
}

/// Which segment starts at each point name: a hash table with open addressing, linear probing and
/// Fibonacci hashing (Knuth, TAOCP vol. 3, 6.4), for the one job of linking segments. Point names
/// are dense integers, so a multiplication spreads them well; `Dictionary`'s SipHash made its
/// lookups most of the contour time.
struct SegmentIndex {
    private var keys: [Int]
    private var values: [Int32]
    private let shift: UInt64
    private let mask: Int
    /// No point name is `Int.min` (corners are −1 … −nx·ny, crossings non-negative).
    private static let empty = Int.min

    /// Maps every segment's `from` to its index (a later segment with the same name wins).
    init(_ segments: [Segment]) { self.init(starts: segments.map(\.from)) }

    /// Maps each name in `starts` to its index (a later equal name wins).
    init(starts: [Int]) {
        var bits: UInt64 = 4
        while (1 << bits) < 2 * starts.count { bits += 1 }
        let capacity = 1 << Int(bits)
        keys = [Int](repeating: Self.empty, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        shift = 64 - bits
        mask = capacity - 1
        for (n, name) in starts.enumerated() { insert(name, Int32(n)) }
    }

    @inline(__always) private func home(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func insert(_ key: Int, _ value: Int32) {
        var i = home(key)
        while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
    }

    subscript(key: Int) -> Int? {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { return Int(values[i]) }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }
}

/// Drops repeated points (where a level passes exactly through a grid point, or a line is cut
/// to nothing) and points that lie exactly on the straight line through their neighbours (runs
/// of grid corners along the border), which only cost time when filling.
func simplified(_ ring: [Point]) -> [Point] {
    var distinct: [Point] = []
    distinct.reserveCapacity(ring.count)
    for p in ring where p != distinct.last { distinct.append(p) }
    while distinct.count > 1 && distinct.last == distinct.first { distinct.removeLast() }
    guard distinct.count > 3 else { return distinct }
    var out: [Point] = []
    out.reserveCapacity(distinct.count)
    for n in distinct.indices {
        let a = out.last ?? distinct[distinct.count - 1], b = distinct[n], c = distinct[(n + 1) % distinct.count]
        let collinear = (a.x == b.x && b.x == c.x) || (a.y == b.y && b.y == c.y)
        if !collinear { out.append(b) }
    }
    return out.count >= 3 ? out : distinct
}
