import Optimizers
import Surfaces

/// The resolution a figure is drawn at, which decides how much of a path it can show: the data
/// window of the contour plot, the pixels across it, and the pixel columns of the step axis.
///
/// Sizes are upper bounds (the page's width and height): a path reduced for them is exact to a
/// fraction of a pixel in any panel of that page, whatever the layout decides later.
public struct PlotResolution: Hashable, Sendable {
    /// The data window of the contour plot.
    public var window: DataWindow
    /// Pixels across the window's width and height (at most).
    public var width: Double
    public var height: Double
    /// Pixel columns of the step axis (loss panel, lr strip), at most.
    public var columns: Int
    /// Detail smaller than this many pixels is dropped; 0 keeps every point.
    public var tolerance: Double

    public init(window: DataWindow, width: Double, height: Double, columns: Int, tolerance: Double = 0.25) {
        self.window = window; self.width = width; self.height = height; self.columns = columns; self.tolerance = tolerance
    }

    /// Every point kept (no reduction), for comparisons against the reduced drawing.
    public static func exact(window: DataWindow) -> PlotResolution {
        PlotResolution(window: window, width: 1, height: 1, columns: .max, tolerance: 0)
    }

    /// The resolution of a surface figure with `options`: its window and its page size.
    public init(surface: any Surface, options: SurfacePlotOptions) {
        let (w, h) = options.size
        self.init(window: options.window(for: surface), width: Double(w), height: Double(h), columns: w)
    }

    /// Whether this resolution keeps every point.
    public var isExact: Bool { tolerance == 0 }
}

/// A path reduced to what a figure at a given ``PlotResolution`` can show, built right after the
/// path is stepped so that the full trajectory can be dropped.
///
/// * the polyline inside the window (plus a 2 % guard band), decimated to a quarter pixel: points
///   that stay in the same quarter-pixel cell are merged, a segment between two cells already
///   joined is not drawn again (a path circling a minimum a million times costs what one circle
///   costs), and each piece is simplified with Ramer–Douglas–Peucker; every kept point carries its
///   step, so an animation can cut the path at any step;
/// * the loss and the learning rate per step reduced to the first, lowest, highest and last value
///   of each pixel column (M4: Jugel et al., "M4: A Visualization-Oriented Time Series Data
///   Aggregation", PVLDB 7(10), 2014), which draws the same pixels as the full curve;
/// * where the path crosses the window's frame, its start, end, and where it diverged.
///
/// Cost: O(steps) time, and memory proportional to the pixels, not to the steps.
public struct PlotPath: Hashable, Sendable {
    /// A continuous piece of the drawn polyline, with the step of each point.
    public struct Piece: Hashable, Sendable {
        public var points: [Point] = []
        public var steps: [Int] = []
        /// How far the full path had travelled at each point, in window widths and heights
        /// (√((Δx/w)² + (Δy/h)²) summed over every step inside the guard band): dashes are laid
        /// along this, so a reduced path is dashed exactly where the full one would be.
        public var lengths: [Double] = []
    }

    /// A place where the path crosses the window's frame.
    public struct Crossing: Hashable, Sendable {
        public enum Side: String, Hashable, Sendable { case left, right, bottom, top }
        /// The first step whose point lies on the far side.
        public var step: Int
        /// On the frame.
        public var point: Point
        /// true: leaving the window; false: entering it.
        public var leaving: Bool
        public var side: Side
    }

    /// Evenly spaced points kept for the median of noisy runs: steps 0, stride, 2·stride, ...
    /// and the last.
    public struct Samples: Hashable, Sendable {
        public var stride: Int
        public var steps: [Int] = []
        public var xs: [Double] = []
        public var ys: [Double] = []
        public var losses: [Double] = []
    }

    /// The trajectory's label (unique per run of the command).
    public var label: String
    /// The registry name: the key of the path's colour.
    public var optimizer: String
    /// The legend text (``legendLabel(for:)``).
    public var legend: String
    public var appearance: PathAppearance
    public var run: Int?
    public var schedule: String?
    /// The steps asked for.
    public var steps: Int
    public var divergedAt: Int?
    /// The step of the last finite point; -1 for an empty path.
    public var lastStep: Int
    public var start: Point?
    public var end: Point?
    public var startsInside: Bool
    public var pieces: [Piece]
    /// Crossings of the window's frame in step order (at most 512: the first and last 256).
    public var crossings: [Crossing]
    /// Loss per step, reduced.
    public var loss: ReducedCurve
    /// The learning rate of each step, reduced; empty when not recorded.
    public var lr: ReducedCurve
    /// Whether the recorded rate changes from step to step.
    public var lrVaries: Bool
    /// Kept for noisy runs (``run`` set) only.
    public var samples: Samples?
    /// The window the path was reduced for.
    public var window: DataWindow
    /// The cells of the window the full path crosses (for the draw order of paths).
    public var footprint: Footprint

    /// Reduces `trajectory` for a figure at `resolution`.
    ///
    /// - Complexity: O(n) for n points, with memory proportional to the resolution.
    public init(_ trajectory: Trajectory, resolution: PlotResolution) {
        let t = trajectory
        self.init(label: t.label, optimizer: t.optimizer, legend: legendText(for: t), appearance: t.appearance,
                  run: t.run, schedule: t.schedule, steps: t.steps, divergedAt: t.divergedAt, resolution: resolution,
                  xs: t.xs, ys: t.ys, losses: t.losses, stepNumbers: nil, lrs: t.lrs)
    }

    /// The general form: points `(xs[k], ys[k])` with their losses at steps `stepNumbers[k]`
    /// (increasing; nil: step k).
    init(label: String, optimizer: String, legend: String, appearance: PathAppearance, run: Int?, schedule: String?,
         steps: Int, divergedAt: Int?, resolution: PlotResolution, xs: [Double], ys: [Double], losses: [Double],
         stepNumbers: [Int]?, lrs: [Double]) {
        self.label = label; self.optimizer = optimizer; self.legend = legend; self.appearance = appearance
        self.run = run; self.schedule = schedule; self.steps = steps; self.divergedAt = divergedAt
        window = resolution.window
        let count = min(xs.count, ys.count, losses.count, stepNumbers?.count ?? .max)
        var polyline = PolylineReducer(resolution: resolution)
        let lastStep = count > 0 ? stepNumbers?[count - 1] ?? count - 1 : 0
        var curve = CurveReducer(steps: lastStep + 1, columns: resolution.columns)
        let stride = max(1, (lastStep + 1 + 4095) / 4096)
        var samples = run != nil ? Samples(stride: stride) : nil
        var footprint = Footprint()
        let w = resolution.window
        let fx = Double(Footprint.size) / (w.x.upperBound - w.x.lowerBound), fy = Double(Footprint.size) / (w.y.upperBound - w.y.lowerBound)
        var previous = Point(.nan, .nan)
        var previousCell = -1
        for k in 0..<count {
            let s = stepNumbers?[k] ?? k, p = Point(xs[k], ys[k]), v = losses[k]
            polyline.add(p, step: s)
            // The footprint changes only when a step crosses into another of its cells.
            let u = (p.x - w.x.lowerBound) * fx, t = (p.y - w.y.lowerBound) * fy
            let cell = u >= 0 && t >= 0 && u < Double(Footprint.size) && t < Double(Footprint.size)
                ? Int(t) * Footprint.size + Int(u) : -1
            if cell >= 0 && previousCell >= 0 && cell != previousCell
                && abs(cell % Footprint.size - previousCell % Footprint.size) <= 1
                && abs(cell / Footprint.size - previousCell / Footprint.size) <= 1 {
                footprint.insert(cell)  // a step to a neighbouring cell crosses no other
            } else if cell != previousCell || cell < 0, previous != p, previous.isFinite, p.isFinite {
                footprint.add(previous, p, window: w)
            } else if k == 0, cell >= 0 {
                footprint.insert(cell)
            }
            previous = p; previousCell = cell
            curve.add(v, step: s)
            if samples != nil, s % stride == 0 || k == count - 1 {
                samples!.steps.append(s); samples!.xs.append(p.x); samples!.ys.append(p.y); samples!.losses.append(v)
            }
        }
        let (pieces, crossings) = polyline.finish()
        self.pieces = pieces
        self.crossings = crossings
        self.footprint = footprint
        startsInside = polyline.startsInside
        self.lastStep = count > 0 ? lastStep : -1
        start = count > 0 ? Point(xs[0], ys[0]) : nil
        end = count > 0 ? Point(xs[count - 1], ys[count - 1]) : nil
        self.loss = curve.finish()
        var rates = CurveReducer(steps: lrs.count, columns: resolution.columns)
        for (k, r) in lrs.enumerated() { rates.add(r, step: k) }
        lr = rates.finish()
        lrVaries = lrs.contains { $0 != lrs[0] }
        self.samples = samples
    }

    /// Whether the path is outside the window after `step` (nil: at its end).
    public func isOutside(after step: Int? = nil) -> Bool {
        let s = step ?? lastStep
        guard let last = crossings.last(where: { $0.step <= s }) else { return !startsInside }
        return last.leaving
    }

    /// The crossing where the path last left the window before `step` (nil: its end), if it is
    /// outside then.
    public func exit(before step: Int? = nil) -> Crossing? {
        guard isOutside(after: step) else { return nil }
        let s = step ?? lastStep
        return crossings.last { $0.leaving && $0.step <= s }
    }

    /// The pieces cut at `step`: every point up to it, and the segment to the next point cut in
    /// proportion to the steps (an animation frame).
    public func pieces(through step: Int) -> [Piece] {
        var out: [Piece] = []
        for piece in pieces {
            guard let first = piece.steps.first, first <= step else { break }
            if piece.steps.last! <= step { out.append(piece); continue }
            let n = piece.steps.firstIndex { $0 > step }!  // exists: the last step is beyond
            var cut = Piece(points: Array(piece.points[..<n]), steps: Array(piece.steps[..<n]), lengths: Array(piece.lengths[..<n]))
            let a = piece.points[n - 1], b = piece.points[n]
            let t = Double(step - piece.steps[n - 1]) / Double(piece.steps[n] - piece.steps[n - 1])
            if t > 0 {
                cut.points.append(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)); cut.steps.append(step)
                cut.lengths.append(piece.lengths[n - 1] + (piece.lengths[n] - piece.lengths[n - 1]) * t)
            }
            if cut.points.count >= 2 { out.append(cut) }
            break
        }
        return out
    }

    /// Where the path is at `step` (interpolated between kept points), if inside the guard band.
    public func position(at step: Int) -> Point? {
        guard step < lastStep else { return end }
        for piece in pieces {
            guard let first = piece.steps.first, let last = piece.steps.last else { continue }
            if step < first { return nil }
            if step > last { continue }
            let n = piece.steps.firstIndex { $0 >= step }!
            if piece.steps[n] == step || n == 0 { return piece.points[n] }
            let a = piece.points[n - 1], b = piece.points[n]
            let t = Double(step - piece.steps[n - 1]) / Double(piece.steps[n] - piece.steps[n - 1])
            return Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        }
        return nil
    }
}

/// A curve over steps reduced to what pixel columns can show: per column its first, lowest,
/// highest and last value, in step order (M4).
public struct ReducedCurve: Hashable, Sendable {
    public var steps: [Int] = []
    public var values: [Double] = []
    /// Steps per column (1: every value kept).
    public var bucket = 1

    public var isEmpty: Bool { steps.isEmpty }

    /// The curve reduced again for `columns` pixel columns across `steps` steps.
    public func reduced(steps: Int, columns: Int) -> ReducedCurve {
        // Power-of-two columns: wider ones are whole multiples of this curve's own, so that the
        // result is what reducing the full curve would give.
        var r = CurveReducer(steps: steps, columns: columns)
        guard r.bucket > bucket else { return self }
        for (s, v) in zip(self.steps, values) { r.add(v, step: s) }
        return r.finish()
    }

    /// The points up to `step`.
    public func prefix(through step: Int) -> ReducedCurve {
        let n = steps.firstIndex { $0 > step } ?? steps.count
        return ReducedCurve(steps: Array(steps[..<n]), values: Array(values[..<n]), bucket: bucket)
    }
}
