import RealModule
import Optimizers
import Surfaces

/// The figure of optimizer paths on a surface: filled viridis contour bands with thin iso-lines
/// and a colorbar, every path in its own colour with start, end and divergence markers, the
/// global minima as white stars, a loss panel beside it (unless `options.layout == .contour`),
/// and one legend for both panels below them, outside the data.
///
///     let figure = surfaceFigure(surface: rosenbrock, paths: runs, options: SurfacePlotOptions())
///     let png = try render(figure, format: .png)     // CairoRender
///
/// - Parameters:
///   - surface: what to draw; its domain, minima and level scale give the defaults.
///   - paths: the optimizer runs, drawn in this order with ``PathPalette`` colours.
///   - options: levels, limits, size and layout overrides.
/// - Complexity: O(g² + Σ path lengths) for a g × g grid (g ≤ 400, about 0.8 per pixel).
public func surfaceFigure(surface: any Surface, paths: [Trajectory], options: SurfacePlotOptions = SurfacePlotOptions()) -> Figure {
    let (width, height) = options.size
    let both = options.layout == .both
    let m = Metrics(width: width, height: height, reference: both ? (1200, 900) : (900, 860))
    let W = Double(width), H = Double(height)
    let margin = 16 * m.scale
    let xr = widened(options.xlim ?? surface.domain.x), yr = widened(options.ylim ?? surface.domain.y)
    let view = DataWindow(x: xr, y: yr)
    let lineWidth = 2.2 * m.scale

    // Legend first: its height decides how tall the panels can be.
    let styles = paths.indices.map { PathPalette.style($0, lineWidth: lineWidth) }
    var entries = zip(paths, styles).map { LegendEntry(sample: .path($1, lineWidth: lineWidth), label: legendLabel(for: $0)) }
    let starts = distinctStarts(paths, in: view)
    let minima = surface.minima.filter { xr.contains($0.point.x) && yr.contains($0.point.y) }
    let markerEdge = LineStyle(color: .ink, width: 1.4 * m.scale)
    if !starts.isEmpty { entries.append(LegendEntry(sample: .marker(.circle, fill: .white, edge: markerEdge), label: "start")) }
    if !minima.isEmpty { entries.append(LegendEntry(sample: .marker(.star, fill: .white, edge: markerEdge), label: "global minimum")) }
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m)
    let legendTop = H - margin - legend.height

    let headerBottom = margin + m.title * 1.3 + m.subtitle * 1.4 + 8 * m.scale
    let plotTop = headerBottom + m.tickLabel * 0.6
    let plotHeight = max(40, legendTop - 12 * m.scale - bottomAxisRoom(m) - plotTop)

    // Levels, from the grid over the shown window.
    let scale = options.scale ?? surface.levelScale
    let count = min(200, max(2, options.levels ?? (scale == .log ? 30 : 20)))
    let xAxis = AxisSpec.linear(xr, title: "x"), yAxis = AxisSpec.linear(yr, title: "y")
    let barLabel = "f(x, y)"
    // The colorbar's ticks depend on the levels, and the grid's size on the panel: estimate the
    // panel first with a generous label width, then sample.
    let left = margin + leftAxisRoom(yAxis, m)
    let barGap = 16 * m.scale, barWidth = 16 * m.scale
    func barRoom(_ axis: AxisSpec) -> Double { m.tickLength + m.gap + axis.labelWidth(m) + m.gap * 1.5 + m.axisLabel * 1.1 }
    let loss = both ? LossPanelData(surface: surface, paths: paths, window: view) : nil
    let lossY = loss.map { $0.logScale ? AxisSpec.log($0.yRange, title: $0.title) : AxisSpec.linear($0.yRange, title: $0.title) }
    let panelGap = 44 * m.scale
    let guessBar = barRoom(AxisSpec(ticks: [], labels: ["10⁻⁴"], title: ""))
    func contourWidth(bar: Double) -> Double {
        let fixed = left + barGap + barWidth + bar + margin
        guard let lossY else { return max(40, W - fixed) }
        let shared = W - fixed - panelGap - leftAxisRoom(lossY, m)
        return max(40, shared * 0.58)
    }
    let samples = min(400, max(48, Int((max(contourWidth(bar: guessBar), plotHeight) * 0.8).rounded())))
    let grid = Grid.sample(surface, x: xr, y: yr, nx: samples, ny: samples)
    let levels = ContourLevels.choose(count: count, scale: scale, gridRange: grid.range, minimumValue: surface.minimumValue)
    let bounds = levels.bounds[0]...levels.bounds[levels.count]
    let barAxis = levels.scale == .log
        ? AxisSpec.log(bounds, title: levels.offset == 0 ? barLabel : "f(x, y) − f*")
        : AxisSpec.linear(bounds, title: levels.offset == 0 ? barLabel : "f(x, y) − f*", target: 8)

    let plotWidth = contourWidth(bar: barRoom(barAxis))
    let plot = Rect(x: left, y: plotTop, width: plotWidth, height: plotHeight)
    var layers: [Layer] = []
    var regions: [String: Rect] = [:]

    // Filled bands and iso-lines.
    let geometry = marchingSquares(grid, levels: levels.thresholds.map { $0 + levels.offset })
    // Vertices closer than a quarter pixel to the simplified outline are invisible work.
    let sx = plot.width / (xr.upperBound - xr.lowerBound), sy = plot.height / (yr.upperBound - yr.lowerBound)
    var contour: [Mark] = []
    for (k, rings) in geometry.bands.enumerated() {
        let simple = rings.compactMap { simplify(ring: $0, tolerance: 0.25, sx: sx, sy: sy) }
        if !simple.isEmpty { contour.append(.fill(simple, levels.color(ofBand: k))) }
    }
    let isoStyle = LineStyle(color: Color(hex: 0x000000, alpha: 0.22), width: max(0.5, 0.6 * m.scale))
    for lines in geometry.lines where !lines.isEmpty {
        contour.append(.strokes(lines.map { simplify($0, tolerance: 0.25, sx: sx, sy: sy) }, isoStyle))
    }
    layers.append(Layer(name: "contour", viewport: plot, window: view, clips: true, marks: contour))
    layers.append(pathsLayer(paths, styles: styles, view: view, plot: plot, lineWidth: lineWidth, m: m,
                             starts: starts, minima: minima.map(\.point), markerEdge: markerEdge))
    let (axes, contourRegion) = axesLayer(name: "contour-axes", plot: plot, window: view, x: xAxis, y: yAxis, m: m, frame: .mutedInk)
    layers.append(axes)
    regions["contour"] = contourRegion
    regions["contour-plot"] = plot

    // Colorbar: one rectangle per band, on the levels' own scale.
    let bar = Rect(x: plot.maxX + barGap, y: plot.y, width: barWidth, height: plot.height)
    let barWindow = DataWindow(x: 0...1, y: bounds, yLog: levels.scale == .log)
    let barMarks: [Mark] = (0..<levels.count).map { k in
        let a = levels.bounds[k], b = levels.bounds[k + 1]
        return .fill([[Point(0, a), Point(1, a), Point(1, b), Point(0, b)]], levels.color(ofBand: k))
    }
    layers.append(Layer(name: "colorbar", viewport: bar, window: barWindow, clips: true, marks: barMarks))
    let (barAxes, barRegion) = colorbarAxes(bar: bar, window: barWindow, axis: barAxis, m: m)
    layers.append(barAxes)
    regions["colorbar"] = barRegion

    // Loss panel.
    if let loss, let lossY {
        let lossLeft = barRegion.maxX + panelGap + leftAxisRoom(lossY, m)
        let lossPlot = Rect(x: lossLeft, y: plotTop, width: max(40, W - margin - lossLeft), height: plotHeight)
        let window = DataWindow(x: loss.xRange, y: loss.yRange, yLog: loss.logScale)
        let lossX = AxisSpec.linear(loss.xRange, title: "step", target: max(2, min(5, Int(lossPlot.width / (m.tickLabel * 3.2)))))
        layers.append(gridLayer(name: "loss-grid", plot: lossPlot, window: window, x: lossX, y: lossY, m: m))
        layers.append(loss.layer(plot: lossPlot, window: window, styles: styles, lineWidth: 1.8 * m.scale, m: m))
        let (lossAxes, lossRegion) = axesLayer(name: "loss-axes", plot: lossPlot, window: window, x: lossX, y: lossY, m: m)
        layers.append(lossAxes)
        regions["loss"] = lossRegion
        regions["loss-plot"] = lossPlot
    }

    // Title and formula, centred over the panels.
    let panels = regions.values.reduce(plot) { $0.union($1) }
    let centre = panels.x + panels.width / 2
    let title: [Mark] = [
        .text(surface.title, at: Point(centre, margin), TextStyle(size: m.title, bold: true, alignment: TextAlignment(.center, .top))),
        .text("f(x, y) = " + surface.formula, at: Point(centre, margin + m.title * 1.3),
              TextStyle(size: m.subtitle, color: .mutedInk, alignment: TextAlignment(.center, .top))),
    ]
    let titleRect = Rect(x: 0, y: margin, width: W, height: m.title * 1.3 + m.subtitle * 1.2)
    layers.append(Layer(name: "title", viewport: titleRect, marks: title))
    regions["title"] = titleRect

    let legendOrigin = Point(max(margin, centre - legend.width / 2), legendTop)
    let legendLayer = legend.layer(origin: legendOrigin)
    layers.append(legendLayer)
    regions["legend"] = legendLayer.viewport
    return Figure(width: width, height: height, layers: layers, regions: regions)
}

/// The paths, their markers, the starts and the minima, clipped to the plot.
func pathsLayer(_ paths: [Trajectory], styles: [PathStyle], view: DataWindow, plot: Rect, lineWidth: Double,
                m: Metrics, starts: [Point], minima: [Point], markerEdge: LineStyle) -> Layer {
    var marks: [Mark] = []
    let sx = plot.width / (view.x.upperBound - view.x.lowerBound), sy = plot.height / (view.y.upperBound - view.y.lowerBound)
    // Clip in data a little outside the window, so that the canvas clip, not the geometry, cuts
    // the line at the frame (no visible round caps at the border).
    let dx = (view.x.upperBound - view.x.lowerBound) * 0.02, dy = (view.y.upperBound - view.y.lowerBound) * 0.02
    let cx = (view.x.lowerBound - dx)...(view.x.upperBound + dx), cy = (view.y.lowerBound - dy)...(view.y.upperBound + dy)
    for (path, style) in zip(paths, styles) {
        let points = zip(path.xs, path.ys).map { Point($0, $1) }
        let pieces = clip(polyline: points, x: cx, y: cy).map { simplify($0, tolerance: 0.2, sx: sx, sy: sy) }
        for piece in pieces {
            marks.append(.stroke(piece, LineStyle(color: style.halo, width: lineWidth + 2.4 * m.scale)))
            marks.append(.stroke(piece, LineStyle(color: style.color, width: lineWidth, dash: style.dash)))
        }
        guard let end = points.last(where: \.isFinite), cx.contains(end.x), cy.contains(end.y) else { continue }
        let edge = LineStyle(color: style.halo, width: 1.3 * m.scale)
        if path.divergedAt != nil {
            marks.append(.marker(end, .cross, size: 13 * m.scale, fill: style.color, edge: edge))
        } else {
            marks.append(.marker(end, .circle, size: 9 * m.scale, fill: style.color, edge: edge))
        }
    }
    for s in starts { marks.append(.marker(s, .circle, size: 11 * m.scale, fill: .white, edge: markerEdge)) }
    for p in minima { marks.append(.marker(p, .star, size: 19 * m.scale, fill: .white, edge: markerEdge)) }
    return Layer(name: "paths", viewport: plot, window: view, clips: true, marks: marks)
}

/// The colorbar's frame, ticks on its right and its title.
func colorbarAxes(bar: Rect, window: DataWindow, axis: AxisSpec, m: Metrics) -> (Layer, Rect) {
    var marks: [Mark] = [.stroke([Point(bar.x, bar.y), Point(bar.maxX, bar.y), Point(bar.maxX, bar.maxY),
                                  Point(bar.x, bar.maxY), Point(bar.x, bar.y)], LineStyle(color: .mutedInk, width: m.spine))]
    let text = TextStyle(size: m.tickLabel, color: .mutedInk, alignment: TextAlignment(.left, .middle))
    for (t, label) in zip(axis.ticks, axis.labels) {
        let y = window.map(Point(0, t), into: bar).y
        guard y >= bar.y - 0.5 && y <= bar.maxY + 0.5 else { continue }
        marks.append(.stroke([Point(bar.maxX, y), Point(bar.maxX + m.tickLength, y)], LineStyle(color: .mutedInk, width: m.spine)))
        marks.append(.text(label, at: Point(bar.maxX + m.tickLength + m.gap, y), text))
    }
    let labelX = bar.maxX + m.tickLength + m.gap + axis.labelWidth(m) + m.gap * 1.5
    marks.append(.text(axis.title, at: Point(labelX, bar.y + bar.height / 2),
                       TextStyle(size: m.axisLabel, alignment: TextAlignment(.center, .top), angle: Double.pi / 2)))
    let region = Rect(x: bar.x, y: bar.y - m.tickLabel * 0.6, width: labelX + m.axisLabel * 1.1 - bar.x,
                      height: bar.height + m.tickLabel * 1.2)
    return (Layer(name: "colorbar-axes", viewport: region, marks: marks), region)
}

/// The first point of each path, once per distinct place, inside the window.
func distinctStarts(_ paths: [Trajectory], in view: DataWindow) -> [Point] {
    var seen: [Point] = []
    for path in paths {
        guard let x = path.xs.first, let y = path.ys.first else { continue }
        let p = Point(x, y)
        if p.isFinite, view.x.contains(x), view.y.contains(y), !seen.contains(p) { seen.append(p) }
    }
    return seen
}

/// A range with room in it: a single value becomes value ± 1.
func widened(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
    r.upperBound > r.lowerBound ? r : (r.lowerBound - 1)...(r.upperBound + 1)
}
