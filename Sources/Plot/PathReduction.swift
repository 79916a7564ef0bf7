import Surfaces

/// Streams a path's points into the pieces a figure draws (see ``PlotPath``): clipped to the
/// window plus a guard band, merged per quarter-pixel cell, with segments that would only
/// repaint what is drawn already skipped, each piece simplified at the end; and records where
/// the path crosses the window's frame.
///
/// "Drawn already" is tracked on a bitmap of quarter-pixel cells around the kept centre lines: a
/// segment all of whose cells lie within half a pixel of drawn line adds at most a half-pixel
/// sliver to a stroke over two pixels wide. A path circling or jittering around a minimum a
/// million times thus costs what one circle costs.
struct PolylineReducer {
    let window: DataWindow
    let guardX: ClosedRange<Double>, guardY: ClosedRange<Double>
    let exact: Bool
    /// Cells per data unit, and the bitmap's size in cells.
    let cx: Double, cy: Double
    let columns: Int, rows: Int
    /// The Ramer–Douglas–Peucker tolerance, in pixels, and the pixels per data unit.
    let tolerance: Double, sx: Double, sy: Double

    private(set) var startsInside = false
    private var pieces: [PlotPath.Piece] = []
    private var current = PlotPath.Piece()
    private var last: (Point, cell: Int)?
    /// The latest point merged into the last kept point's cell, its step and length.
    private var pending: (Point, Int, Double)?
    /// The length travelled so far (see ``PlotPath/Piece/lengths``).
    private var travelled = 0.0
    private let inverseWidth: Double, inverseHeight: Double
    /// The bitmap of drawn cells in tiles of 64 × 64 cells (one word a row), each tile allocated
    /// when a cell in it is first marked: a path covers a thin band of a panel's cells, so most
    /// tiles stay empty (a whole bitmap of quarter-pixel cells was 1.3 MB to clear per path).
    /// `tileStart[t]` is tile t's first word in `words`, or −1 while nothing in it is drawn.
    private var tileStart: [Int32]
    private var words: [UInt64] = []
    private let tileColumns: Int
    /// Segments known to be drawn or covered, by their ends' cells at ``reach`` resolution: a path
    /// swinging across a valley a million times walks each swing's cells once, not a million times.
    private var known: Set<UInt64> = []
    /// Kept segments not yet marked, oldest first, and their total length in cells.
    private var unmarked: [((Double, Double), (Double, Double), Double)] = []
    /// The first of ``unmarked`` not marked yet: a queue, emptied when the piece closes.
    private var unmarkedStart = 0
    private var unmarkedLength = 0.0
    /// Scratch for ``mark(_:_:)``: each row's run of cells to mark.
    private var runs: [Int] = []
    private var crossings: [PlotPath.Crossing] = []
    private var previous: (Point, Int)?
    private var inside = false

    static let maxCrossings = 512
    /// A centre line covers the cells this many cells around it: a segment within half a pixel
    /// of drawn line is drawn already (the line is over two pixels wide).
    static let reach = 2
    /// Segments are marked once the path has gone this many cells (three pixels) past them, so
    /// that a path moving on is never "covered" by its own last steps.
    static let lag = 12.0
    /// The bitmap's size limit in cells (4 MiB).
    static let maxCells = 1 << 25

    init(resolution r: PlotResolution) {
        window = r.window
        let w = r.window.x.upperBound - r.window.x.lowerBound, h = r.window.y.upperBound - r.window.y.lowerBound
        // Clip a little outside the window, so that the canvas clip, not the geometry, cuts the
        // line at the frame (no round caps visible at the border).
        guardX = (r.window.x.lowerBound - 0.02 * w)...(r.window.x.upperBound + 0.02 * w)
        guardY = (r.window.y.lowerBound - 0.02 * h)...(r.window.y.upperBound + 0.02 * h)
        exact = r.isExact
        inverseWidth = 1 / w; inverseHeight = 1 / h
        sx = r.width / w; sy = r.height / h
        tolerance = r.tolerance
        // Cells of `tolerance` pixels, larger on huge pages so that the bitmap stays small.
        let area = 1.04 * r.width * 1.04 * r.height
        let cell = exact ? 1 : max(r.tolerance, (area / Double(Self.maxCells)).squareRoot())
        cx = sx / cell; cy = sy / cell
        columns = exact ? 0 : Int((1.04 * r.width / cell).rounded(.up)) + 1
        rows = exact ? 0 : Int((1.04 * r.height / cell).rounded(.up)) + 1
        tileColumns = (columns + 63) >> 6
        tileStart = [Int32](repeating: -1, count: exact ? 0 : tileColumns * ((rows + 63) >> 6))
    }

    mutating func add(_ p: Point, step: Int) {
        guard let (a, _) = previous else {
            previous = (p, step)
            inside = contains(p)
            startsInside = inside
            if p.isFinite, guardX.contains(p.x), guardY.contains(p.y) { begin(p, step: step) }
            return
        }
        previous = (p, step)
        guard a.isFinite, p.isFinite else { close(); return }
        if contains(p) != inside || !inside { recordCrossings(a, p, step: step) }
        if a == p { return }
        if !current.points.isEmpty, guardX.contains(p.x), guardY.contains(p.y) {
            travel(a, p)
            append(p, step: step)  // the common case: a step inside the band, continuing the piece
            return
        }
        // (A segment from −1e308 to 1e308 overflows; its clipped ends are then not finite.)
        guard let (q0, q1) = clipSegment(a, p, x: guardX, y: guardY), q0.isFinite, q1.isFinite else { close(); return }
        if current.points.isEmpty || q0 != a { close(); begin(q0, step: step - 1) }
        travel(q0, q1)
        append(q1, step: step)
        if q1 != p { close() }
    }

    /// The pieces (each simplified) and the crossings.
    mutating func finish() -> ([PlotPath.Piece], [PlotPath.Crossing]) {
        close()
        return (pieces, crossings)
    }

    private func contains(_ p: Point) -> Bool { window.x.contains(p.x) && window.y.contains(p.y) }

    private mutating func travel(_ a: Point, _ b: Point) {
        let dx = (b.x - a.x) * inverseWidth, dy = (b.y - a.y) * inverseHeight
        travelled += (dx * dx + dy * dy).squareRoot()
    }

    /// The cell coordinates of a point inside the guard band.
    private func cellXY(_ p: Point) -> (Double, Double) {
        ((p.x - guardX.lowerBound) * cx, (p.y - guardY.lowerBound) * cy)
    }

    /// The cell's identity: its row in the high 32 bits, its column in the low.
    private func index(_ u: Double, _ v: Double) -> Int {
        let i = clampedInt(u, 0, columns - 1), j = clampedInt(v, 0, rows - 1)
        return j << 32 | i
    }

    private func isDrawn(_ k: Int) -> Bool {
        let i = k & 0xFFFF_FFFF, j = k >> 32
        let start = tileStart[(j >> 6) * tileColumns + (i >> 6)]
        return start >= 0 && words[Int(start) + (j & 63)] & (1 << UInt64(i & 63)) != 0
    }

    /// Marks cells lo...hi of row j (all in one tile's word when lo and hi share a tile column).
    private mutating func markRow(_ j: Int, _ lo: Int, _ hi: Int) {
        var i = lo
        while i <= hi {
            let end = min(hi, i | 63)  // the last cell of this tile's word
            let t = (j >> 6) * tileColumns + (i >> 6)
            if tileStart[t] < 0 {
                tileStart[t] = Int32(words.count)
                words.append(contentsOf: repeatElement(0, count: 64))
            }
            let width = UInt64(end - i + 1)
            let bits: UInt64 = width == 64 ? ~0 : ((1 << width) - 1) << UInt64(i & 63)
            words[Int(tileStart[t]) + (j & 63)] |= bits
            i = end + 1
        }
    }

    /// Whether every cell along a–b (in cell coordinates) lies within ``reach`` cells of a
    /// marked centre line; the end is looked at first, as it is the cell most often new.
    private func isCovered(_ a: (Double, Double), _ b: (Double, Double)) -> Bool {
        guard isDrawn(index(b.0, b.1)) else { return false }
        // Every `reach` cells: the marks reach that far around each marked sample.
        let n = clampedInt((max(abs(b.0 - a.0), abs(b.1 - a.1)) / Double(Self.reach)).rounded(.up), 1, 1 << 20)
        for k in 0..<n {
            let t = Double(k) / Double(n)
            if !isDrawn(index(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)) { return false }
        }
        return true
    }

    /// Marks the cells within ``reach`` of segment a–b, sampling it every `reach` cells: the
    /// square of cells ±``reach`` around each sample.
    ///
    /// The samples' rows and columns both move monotonically and by at most ``reach`` from one
    /// sample to the next, so on each row the squares that reach it overlap into one run of
    /// cells: each row is marked once, from the first to the last of them, rather than once per
    /// square (five times over, cell by cell, along a flat segment).
    private mutating func mark(_ a: (Double, Double), _ b: (Double, Double)) {
        let r = Self.reach
        let n = clampedInt((max(abs(b.0 - a.0), abs(b.1 - a.1)) / Double(r)).rounded(.up), 1, 1 << 20)
        func sample(_ k: Int) -> (i: Int, j: Int) {
            let t = Double(k) / Double(n)
            return (clampedInt(a.0 + (b.0 - a.0) * t, 0, columns - 1), clampedInt(a.1 + (b.1 - a.1) * t, 0, rows - 1))
        }
        let j0 = sample(0).j, j1 = sample(n).j
        let top = max(0, min(j0, j1) - r), bottom = min(rows - 1, max(j0, j1) + r)
        // runs[2(j − top)], runs[2(j − top) + 1]: row j's first and last column.
        runs.removeAll(keepingCapacity: true)
        runs.append(contentsOf: repeatElement(0, count: 2 * (bottom - top + 1)))
        runs.withUnsafeMutableBufferPointer { runs in
            for m in stride(from: 0, to: runs.count, by: 2) { runs[m] = Int.max; runs[m + 1] = Int.min }
            for k in 0...n {
                let (i, j) = sample(k)
                let lo = max(0, i - r), hi = min(columns - 1, i + r)
                for row in max(0, j - r)...min(rows - 1, j + r) {
                    let m = 2 * (row - top)
                    runs[m] = min(runs[m], lo); runs[m + 1] = max(runs[m + 1], hi)
                }
            }
        }
        for row in top...bottom {
            let m = 2 * (row - top)
            if runs[m] <= runs[m + 1] { markRow(row, runs[m], runs[m + 1]) }
        }
    }

    /// The unordered pair of the ends' cells at ``reach`` resolution, packed in 64 bits.
    private func segmentKey(_ a: (Double, Double), _ b: (Double, Double)) -> UInt64 {
        func cell(_ p: (Double, Double)) -> UInt64 {
            UInt64(clampedInt(p.1, 0, 0xFFFF) / Self.reach) << 16 | UInt64(clampedInt(p.0, 0, 0xFFFF) / Self.reach)
        }
        let x = cell(a), y = cell(b)
        return x < y ? x << 32 | y : y << 32 | x
    }

    private mutating func begin(_ p: Point, step: Int) {
        current.points.append(p); current.steps.append(step); current.lengths.append(travelled)
        if !exact {
            let (u, v) = cellXY(p)
            last = (p, index(u, v))
        }
    }

    private mutating func append(_ q: Point, step: Int) {
        if exact { current.points.append(q); current.steps.append(step); current.lengths.append(travelled); return }
        let (u, v) = cellXY(q)
        let c = index(u, v)
        guard let (p, lastCell) = last else { begin(q, step: step); return }
        if c == lastCell { pending = (q, step, travelled); return }
        let a = cellXY(p)
        // Only a segment ending in drawn territory can be covered (a bitmap look-up, before any hashing).
        let maybeCovered = isDrawn(c)
        let key = maybeCovered ? segmentKey(a, (u, v)) : 0
        if maybeCovered && (known.contains(key) || isCovered(a, (u, v))) {
            known.insert(key)
            // Drawn already: start again from here without drawing the segment twice.
            if current.points.count == 1 && pending == nil {
                current.points[0] = q; current.steps[0] = step; current.lengths[0] = travelled  // nothing to keep of a one-point piece
                last = (q, c)
                return
            }
            close()
            begin(q, step: step)
            return
        }
        if maybeCovered { known.insert(key) }
        let length = max(abs(u - a.0), abs(v - a.1))
        unmarked.append((a, (u, v), length))
        unmarkedLength += length
        while unmarkedStart < unmarked.count, unmarkedLength - unmarked[unmarkedStart].2 > Self.lag {
            let first = unmarked[unmarkedStart]
            mark(first.0, first.1)
            unmarkedLength -= first.2
            unmarkedStart += 1
        }
        current.points.append(q); current.steps.append(step); current.lengths.append(travelled)
        last = (q, c)
        pending = nil
    }

    private mutating func close() {
        for (a, b, _) in unmarked[unmarkedStart...] { mark(a, b) }
        unmarked.removeAll(keepingCapacity: true)
        unmarkedStart = 0
        unmarkedLength = 0
        // A piece one cell long draws nothing new (its cell was reached by a drawn segment).
        if let (p, s, l) = pending, current.points.last != p, current.points.count >= 2 {
            current.points.append(p); current.steps.append(s); current.lengths.append(l)
        }
        pending = nil
        if current.points.count >= 2 {
            if exact {
                pieces.append(current)
            } else {
                let keep = simplifiedIndices(current.points, tolerance: tolerance * 0.8, sx: sx, sy: sy)
                pieces.append(PlotPath.Piece(points: keep.map { current.points[$0] }, steps: keep.map { current.steps[$0] },
                                             lengths: keep.map { current.lengths[$0] }))
            }
        }
        current.points.removeAll(keepingCapacity: true)
        current.steps.removeAll(keepingCapacity: true)
        current.lengths.removeAll(keepingCapacity: true)
        last = nil
    }

    /// Records where segment a–b (b at `step`) crosses the window's frame.
    private mutating func recordCrossings(_ a: Point, _ b: Point, step: Int) {
        let isIn = contains(b)
        defer { inside = isIn }
        guard let (t0, t1) = clipParameters(a, b, x: window.x, y: window.y) else { return }
        func point(_ t: Double) -> Point { Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t) }
        if !inside { add(PlotPath.Crossing(step: step, point: point(t0), leaving: false, side: side(of: point(t0)))) }
        if !isIn { add(PlotPath.Crossing(step: step, point: point(t1), leaving: true, side: side(of: point(t1)))) }
    }

    private mutating func add(_ c: PlotPath.Crossing) {
        if crossings.count >= Self.maxCrossings { crossings.remove(at: Self.maxCrossings / 2) }
        crossings.append(c)
    }

    private func side(of p: Point) -> PlotPath.Crossing.Side {
        let w = window.x.upperBound - window.x.lowerBound, h = window.y.upperBound - window.y.lowerBound
        let d = [(abs(p.x - window.x.lowerBound) / w, PlotPath.Crossing.Side.left),
                 (abs(p.x - window.x.upperBound) / w, .right),
                 (abs(p.y - window.y.lowerBound) / h, .bottom),
                 (abs(p.y - window.y.upperBound) / h, .top)]
        return d.min { $0.0 < $1.0 }!.1  // four entries
    }
}

/// The Liang–Barsky parameters (t0, t1) of the part of segment a–b inside the rectangle, or nil.
func clipParameters(_ a: Point, _ b: Point, x: ClosedRange<Double>, y: ClosedRange<Double>) -> (Double, Double)? {
    var t0 = 0.0, t1 = 1.0
    let dx = b.x - a.x, dy = b.y - a.y
    // One boundary: p·t ≤ q (no array of the four, which would allocate on every call).
    @inline(__always) func edge(_ p: Double, _ q: Double) -> Bool {
        if p == 0 { return q >= 0 }
        let r = q / p
        if p < 0 { if r > t1 { return false }; t0 = max(t0, r) } else { if r < t0 { return false }; t1 = min(t1, r) }
        return true
    }
    guard edge(-dx, a.x - x.lowerBound), edge(dx, x.upperBound - a.x),
          edge(-dy, a.y - y.lowerBound), edge(dy, y.upperBound - a.y) else { return nil }
    return (t0, t1)
}

/// Streams a curve over steps into its first, lowest, highest and last value per pixel column.
struct CurveReducer {
    /// Steps per column.
    let bucket: Int
    private var curve = ReducedCurve()
    private var column = -1
    private var first = (0, 0.0), low = (0, 0.0), high = (0, 0.0), last = (0, 0.0)

    /// A curve over `steps` steps drawn `columns` pixel columns wide.
    ///
    /// Columns are a power of two steps wide (at most one pixel column), so that reducing a
    /// reduced curve again for a narrower panel gives exactly what reducing the full curve would.
    init(steps: Int, columns: Int) {
        let b = columns >= steps || columns <= 0 ? 1 : (steps + columns - 1) / columns
        var p = 1
        while p * 2 <= b { p *= 2 }
        bucket = p
        curve.bucket = bucket
    }

    /// The first step of the next column.
    private var nextColumn = 0

    mutating func add(_ v: Double, step: Int) {
        if bucket == 1 { curve.steps.append(step); curve.values.append(v); return }
        if step >= nextColumn {
            let c = step / bucket  // only once per column
            nextColumn = (c + 1) * bucket
            flush()
            column = c
            first = (step, v); low = first; high = first; last = first
            return
        }
        if v < low.1 { low = (step, v) }
        if v > high.1 { high = (step, v) }
        last = (step, v)
    }

    mutating func finish() -> ReducedCurve {
        flush()
        return curve
    }

    private mutating func flush() {
        guard column >= 0 else { return }
        var points = [first, low, high, last]
        points.sort { $0.0 < $1.0 }
        var previous = -1
        for (s, v) in points where s != previous {
            curve.steps.append(s); curve.values.append(v)
            previous = s
        }
        column = -1
    }
}

/// `v` as an Int within lo...hi; NaN gives lo (no trap on any Double).
@inline(__always)
func clampedInt(_ v: Double, _ lo: Int, _ hi: Int) -> Int {
    guard v == v else { return lo }
    return v <= Double(lo) ? lo : v >= Double(hi) ? hi : Int(v)
}
