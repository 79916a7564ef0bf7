import RealModule
import Surfaces

/// One legend entry's worth of paths as drawn: the main path (a single path, or the median of a
/// spec's noisy runs), the faint runs behind it, its style and its legend text.
struct DrawnPath: Sendable {
    var main: PlotPath
    var runs: [PlotPath]
    var style: PathStyle
    /// The legend text, with the number of runs and the divergence note.
    var legend: String

    var all: [PlotPath] { runs.isEmpty ? [main] : runs + [main] }
}

/// Groups paths into what the legend lists: noisy runs (``PlotPath/run`` set) of one label become
/// one entry with a bold median over faint runs; other paths are one entry each. Order: first
/// appearance.
func drawnPaths(_ paths: [PlotPath], resolution: PlotResolution, lineWidth: Double) -> [DrawnPath] {
    var order: [String] = []
    var runs: [String: [PlotPath]] = [:]
    var out: [(String, DrawnPath?)] = []
    for path in paths {
        if path.run != nil {
            if runs[path.label] == nil { order.append(path.label); out.append((path.label, nil)) }
            runs[path.label, default: []].append(path)
        } else {
            out.append((path.label, DrawnPath(main: path, runs: [], style: style(of: path, lineWidth: lineWidth),
                                              legend: path.legend + divergenceNote(path.divergedAt))))
        }
    }
    return out.compactMap { label, drawn in
        if let drawn { return drawn }
        let group = runs[label]!  // every nil entry has runs
        let main = PlotPath.median(of: group, resolution: resolution) ?? group[0]
        let diverged = group.filter { $0.divergedAt != nil }.count
        let note = diverged > 0 ? ", \(diverged) diverged" : ""
        return DrawnPath(main: main, runs: group, style: style(of: main, lineWidth: lineWidth),
                         legend: main.legend + " (median of \(group.count) runs\(note))")
    }
}

func style(of path: PlotPath, lineWidth: Double) -> PathStyle {
    PathPalette.style(for: path.optimizer, lineWidth: lineWidth, color: path.appearance.color)
}

/// The paths of one panel, cut at `step` (nil: whole): faint runs first, then the main paths in
/// `order`, each a two-tone outline and its core.
func pathMarks(_ drawn: [DrawnPath], order: [Int], through step: Int?, plot: Rect, m: Metrics) -> [Mark] {
    var marks: [Mark] = []
    for index in order {
        for run in drawn[index].runs {
            let style = LineStyle(color: drawn[index].style.color.withAlpha(0.3), width: max(0.6, 0.9 * m.scale))
            marks.append(.strokes((step.map { run.pieces(through: $0) } ?? run.pieces).map(\.points), style))
        }
    }
    for index in order {
        let path = drawn[index]
        let pieces = step.map { path.main.pieces(through: $0) } ?? path.main.pieces
        // Lengths are in window widths and heights: one of those is about √(w·h) pixels here.
        if !pieces.isEmpty {
            let w = path.main.window
            marks += path.style.strokes(pieces: pieces.map(\.points), lengths: pieces.map(\.lengths),
                                        lengthUnit: (plot.width * plot.height).squareRoot(),
                                        span: (w.x.upperBound - w.x.lowerBound, w.y.upperBound - w.y.lowerBound))
        }
    }
    return marks
}

/// The markers above every path of one panel: the starts (white circles), then each path's end
/// (or, cut at `step`, its head), a cross where it diverged, a triangle pointing out where it
/// left the window. End markers at one place are drawn as concentric rings, the first drawn
/// largest, so that none hides another.
func markerMarks(_ drawn: [DrawnPath], order: [Int], through step: Int?, window: DataWindow, plot: Rect,
                 m: Metrics, theme: Theme) -> [Mark] {
    var marks: [Mark] = []
    var starts: [Point] = []
    for index in order {
        guard let s = drawn[index].main.start, s.isFinite, window.x.contains(s.x), window.y.contains(s.y),
              !starts.contains(s) else { continue }
        starts.append(s)
    }
    let startEdge = LineStyle(color: Color(hex: 0x1A1A1A), width: 1.4 * m.scale)
    for s in starts { marks.append(.marker(s, .circle, size: 11 * m.scale, fill: .white, edge: startEdge)) }

    struct End { var point: Point; var pixel: Point; var index: Int; var diverged: Bool }
    var ends: [End] = []
    for index in order {
        let path = drawn[index].main
        let finished = step.map { $0 >= path.lastStep } ?? true
        if let exit = path.exit(before: finished ? nil : step) {
            let shape: MarkerShape = exit.side == .left ? .triangleLeft : exit.side == .right ? .triangleRight
                : exit.side == .top ? .triangleUp : .triangleDown
            marks.append(.marker(exit.point, shape, size: 13 * m.scale, fill: drawn[index].style.color,
                                 edge: LineStyle(color: drawn[index].style.halo, width: 1.3 * m.scale)))
            continue
        }
        let at = finished ? path.end : step.flatMap { path.position(at: $0) }
        guard let p = at, p.isFinite, window.x.contains(p.x), window.y.contains(p.y) else { continue }
        ends.append(End(point: p, pixel: window.map(p, into: plot), index: index, diverged: finished && path.divergedAt != nil))
    }
    let base = 9 * m.scale
    for (k, end) in ends.enumerated() {
        // Markers drawn later at the same place: this one grows so that it shows around them.
        // At most five rings: beyond that the marker would hide the place it marks.
        let later = min(5, ends[(k + 1)...].filter { other in
            let dx = other.pixel.x - end.pixel.x, dy = other.pixel.y - end.pixel.y
            return dx * dx + dy * dy < base * base * 0.64
        }.count)
        let style = drawn[end.index].style
        let edge = LineStyle(color: style.halo, width: 1.3 * m.scale)
        if end.diverged {
            marks.append(.marker(end.point, .cross, size: 13 * m.scale + Double(later) * 4 * m.scale, fill: style.color, edge: edge))
        } else {
            marks.append(.marker(end.point, .circle, size: base + Double(later) * 4 * m.scale, fill: style.color, edge: edge))
        }
    }
    return marks
}

/// Curves against step (loss or lr) of every path, cut at `step`, for the panel `plot` showing
/// `window`: faint runs, then each main curve with an outline when its colour is light, and a
/// cross where it diverged.
func curveMarks(_ drawn: [DrawnPath], order: [Int], through step: Int?, curve: (PlotPath) -> ReducedCurve,
                y: (Double) -> Double?, marksDivergence: Bool, plot: Rect, window: DataWindow,
                lastStep: Int, m: Metrics) -> [Mark] {
    let columns = Int(plot.width.rounded(.up))
    func points(_ path: PlotPath) -> [Point] {
        // The curves were reduced for the page's width; the panel is narrower (M4 of M4 is exact).
        let c = (step.map { curve(path).prefix(through: $0) } ?? curve(path)).reduced(steps: lastStep + 1, columns: columns)
        let line = zip(c.steps, c.values).compactMap { s, v in y(v).map { Point(Double(s), $0) } }
        // M4 keeps four points a column, most of them within a hair of their neighbours on the
        // page: those within a quarter pixel of the simplified curve are invisible work to stroke.
        let pixels = line.map { window.map($0, into: plot) }
        guard pixels.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return line }
        return simplifiedIndices(pixels, tolerance: 0.25).map { line[$0] }
    }
    var marks: [Mark] = []
    let lineWidth = 0.8 * m.pathWidth
    for index in order {
        for run in drawn[index].runs {
            marks.append(.stroke(points(run), LineStyle(color: drawn[index].style.color.withAlpha(0.3), width: max(0.6, 0.8 * m.scale))))
        }
    }
    for index in order {
        let style = drawn[index].style
        let line = points(drawn[index].main)
        guard !line.isEmpty else { continue }
        let width = lineWidth
        if style.color.luminance > 0.3 {  // light colours need their outline on a light panel too
            marks.append(.stroke(line, LineStyle(color: style.halo.withAlpha(0.45), width: width + 1.6 * m.scale)))
        }
        marks.append(.stroke(line, LineStyle(color: style.color, width: width, dash: style.dash.map { $0 * 0.8 })))
        let finished = step.map { $0 >= drawn[index].main.lastStep } ?? true
        if marksDivergence, finished, drawn[index].main.divergedAt != nil, let last = line.last {
            marks.append(.marker(last, .cross, size: 11 * m.scale, fill: style.color,
                                 edge: LineStyle(color: style.halo, width: 1.1 * m.scale)))
        }
    }
    return marks
}
