import RealModule
import Surfaces

/// What the landscape figure shows (`trajviz landscape`): the loss over a lattice of a plane
/// through parameter space, and each optimizer's recorded path projected onto it.
public struct LandscapeFigureData: Sendable {
    public struct Path: Sendable {
        /// The legend text.
        public var legend: String
        /// Projections onto the plane, one per recorded point.
        public var alpha: [Double]
        public var beta: [Double]
        /// The iteration of each recorded point.
        public var iterations: [Double]
        /// How far each recorded point lies off the plane.
        public var distance: [Double]
        /// The recorded weights' own loss, and the loss the grid shows under their projection
        /// (NaN outside the grid).
        public var loss: [Double]
        public var gridLoss: [Double]
        /// The loss at each of ``LandscapeFigureData/lineT`` on the line from the start through
        /// this path's end.
        public var lineLoss: [Double]
        public var diverged: Bool

        public init(legend: String, alpha: [Double], beta: [Double], iterations: [Double], distance: [Double],
                    loss: [Double], gridLoss: [Double], lineLoss: [Double], diverged: Bool) {
            self.legend = legend; self.alpha = alpha; self.beta = beta; self.iterations = iterations
            self.distance = distance; self.loss = loss; self.gridLoss = gridLoss; self.lineLoss = lineLoss; self.diverged = diverged
        }
    }

    /// The loss over the plane: x is α, y is β.
    public var grid: Grid
    public var xTitle: String
    public var yTitle: String
    public var title: String
    public var subtitle: String
    public var paths: [Path]
    public var lineT: [Double]
    /// The legend text of the plane's origin when it is not the start (a run's end), drawn as a star.
    public var centre: String?

    public init(grid: Grid, xTitle: String, yTitle: String, title: String, subtitle: String, paths: [Path],
                lineT: [Double], centre: String?) {
        self.grid = grid; self.xTitle = xTitle; self.yTitle = yTitle; self.title = title; self.subtitle = subtitle
        self.paths = paths; self.lineT = lineT; self.centre = centre
    }
}

/// The landscape figure: the loss contours of the plane (log levels, a colorbar) with every path
/// projected onto it, start, end and centre marked; beside it three panels over the recorded
/// points: each path's own loss (solid) against the loss the contours show under its projection
/// (dashed), each point's distance from the plane (where the two parted, this says why), and the
/// loss on the straight line from the start through each end (Goodfellow et al. 2015). One legend
/// below.
///
/// - Complexity: O(grid points + recorded points).
public func landscapeFigure(_ data: LandscapeFigureData, width: Int = 1500, height: Int = 1000) -> Figure {
    let width = max(300, width), height = max(240, height)
    let m = Metrics(width: width, height: height, reference: (1500, 1000))
    let W = Double(width), H = Double(height)
    let margin = 16 * m.scale
    let lineWidth = 2.2 * m.scale
    let styles = data.paths.indices.map { PathPalette.style($0, lineWidth: lineWidth) }
    let markerEdge = LineStyle(color: .ink, width: 1.4 * m.scale)

    // Legend first: its height decides the body's.
    var entries = zip(data.paths, styles).map { LegendEntry(sample: .path($1, lineWidth: lineWidth), label: $0.legend) }
    entries.append(LegendEntry(sample: .marker(.circle, fill: .white, edge: markerEdge), label: "start"))
    if let centre = data.centre { entries.append(LegendEntry(sample: .marker(.star, fill: .white, edge: markerEdge), label: centre)) }
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m)
    let legendTop = H - margin - legend.height
    let bodyTop = margin + m.title * 1.3 + m.subtitle * 1.4 + 14 * m.scale
    let bodyBottom = legendTop - 12 * m.scale - bottomAxisRoom(m)

    // The contour panel: square if it fits in 55% of the width.
    let grid = data.grid
    let xr = grid.xs.first!...grid.xs.last!, yr = grid.ys.first!...grid.ys.last!
    let view = DataWindow(x: xr, y: yr)
    let xAxis = AxisSpec.linear(xr, title: data.xTitle), yAxis = AxisSpec.linear(yr, title: data.yTitle)
    let left = margin + leftAxisRoom(yAxis, m)
    let side = max(60, min(bodyBottom - bodyTop, W * 0.5 - left))
    let plot = Rect(x: left, y: bodyTop, width: side, height: side)
    var layers: [Layer] = []
    var regions: [String: Rect] = [:]

    let levels = ContourLevels.choose(count: 24, scale: .log, gridRange: grid.range, minimumValue: nil)
    let geometry = marchingSquares(grid, levels: levels.thresholds.map { $0 + levels.offset })
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

    // Paths, then every marker above every path.
    var pathMarks: [Mark] = [], markers: [Mark] = []
    let dx = (xr.upperBound - xr.lowerBound) * 0.02, dy = (yr.upperBound - yr.lowerBound) * 0.02
    let cx = (xr.lowerBound - dx)...(xr.upperBound + dx), cy = (yr.lowerBound - dy)...(yr.upperBound + dy)
    var starts: [Point] = []
    // The start first: a path that barely moved keeps its end marker visible on top of it.
    let firsts = data.paths.compactMap { p -> Point? in
        guard let a = p.alpha.first, let b = p.beta.first else { return nil }
        return Point(a, b)
    }
    for s in firsts where s.isFinite && cx.contains(s.x) && cy.contains(s.y) && !starts.contains(s) {
        starts.append(s)
        markers.append(.marker(s, .circle, size: 12 * m.scale, fill: .white, edge: markerEdge))
    }
    for (path, style) in zip(data.paths, styles) {
        let points = zip(path.alpha, path.beta).map { Point($0, $1) }.filter(\.isFinite)
        for piece in clip(polyline: points, x: cx, y: cy) {
            let simple = simplify(piece, tolerance: 0.2, sx: sx, sy: sy)
            pathMarks.append(.stroke(simple, LineStyle(color: style.halo, width: lineWidth + 2.4 * m.scale)))
            pathMarks.append(.stroke(simple, LineStyle(color: style.color, width: lineWidth, dash: style.dash)))
        }
        if let end = points.last, cx.contains(end.x), cy.contains(end.y) {
            markers.append(.marker(end, path.diverged ? .cross : .circle, size: (path.diverged ? 13 : 10) * m.scale,
                                   fill: style.color, edge: LineStyle(color: style.halo, width: 1.3 * m.scale)))
        }
    }
    if data.centre != nil, xr.contains(0), yr.contains(0) {
        markers.append(.marker(Point(0, 0), .star, size: 19 * m.scale, fill: .white, edge: markerEdge))
    }
    layers.append(Layer(name: "paths", viewport: plot, window: view, clips: true, marks: pathMarks + markers))
    let (axes, contourRegion) = axesLayer(name: "contour-axes", plot: plot, window: view, x: xAxis, y: yAxis, m: m, frame: .mutedInk)
    layers.append(axes)
    regions["contour"] = contourRegion
    regions["contour-plot"] = plot

    // Colorbar: one rectangle per band, on the levels' log scale.
    let bounds = levels.bounds[0]...levels.bounds[levels.count]
    let barAxis = AxisSpec.log(bounds, title: "loss on the records")
    let bar = Rect(x: plot.maxX + 16 * m.scale, y: plot.y, width: 16 * m.scale, height: plot.height)
    let barWindow = DataWindow(x: 0...1, y: bounds, yLog: true)
    let barMarks: [Mark] = (0..<levels.count).map { k in
        let a = levels.bounds[k], b = levels.bounds[k + 1]
        return .fill([[Point(0, a), Point(1, a), Point(1, b), Point(0, b)]], levels.color(ofBand: k))
    }
    layers.append(Layer(name: "colorbar", viewport: bar, window: barWindow, clips: true, marks: barMarks))
    let (barAxes, barRegion) = colorbarAxes(bar: bar, window: barWindow, axis: barAxis, m: m)
    layers.append(barAxes)
    regions["colorbar"] = barRegion

    // The side panels, stacked: titles above, x axes below each.
    let lastIteration = max(1, data.paths.flatMap(\.iterations).max() ?? 1)
    let iterationRange = 0...lastIteration
    let lossValues = data.paths.flatMap { $0.loss + $0.gridLoss }
    let lossRange = logRange(lossValues)
    let distanceMax = data.paths.flatMap(\.distance).filter(\.isFinite).max() ?? 1
    let distanceRange = 0...(distanceMax > 0 ? distanceMax * 1.08 : 1)
    let tRange = (data.lineT.first ?? 0)...(data.lineT.last ?? 1)
    let lineRange = logRange(data.paths.flatMap(\.lineLoss))
    struct Side { var name: String; var title: String; var window: DataWindow; var x: AxisSpec; var y: AxisSpec }
    var sides = [
        Side(name: "loss", title: "Loss of the weights (solid) and under their projection (dashed)",
             window: DataWindow(x: iterationRange, y: lossRange, yLog: true),
             x: .linear(iterationRange, title: "iteration"), y: .log(lossRange, title: "loss")),
        Side(name: "distance", title: "Distance of the weights from the plane",
             window: DataWindow(x: iterationRange, y: distanceRange),
             x: .linear(iterationRange, title: "iteration"), y: .linear(distanceRange, title: "‖θ − projection‖", target: 4)),
        Side(name: "line", title: "Loss on the line from the start (t = 0) through each end (t = 1)",
             window: DataWindow(x: tRange, y: lineRange, yLog: true),
             x: .linear(tRange, title: "t"), y: .log(lineRange, title: "loss")),
    ]
    let sideLeft = barRegion.maxX + 40 * m.scale + (sides.map { leftAxisRoom($0.y, m) }.max() ?? 0)
    let sideWidth = max(40, W - margin - m.tickLabel - sideLeft)
    let titleRoom = m.axisLabel * 1.5
    let slot = (bodyBottom + bottomAxisRoom(m) - bodyTop) / Double(sides.count)
    let sideHeight = max(30, slot - titleRoom - bottomAxisRoom(m) - 6 * m.scale)
    let xTarget = max(2, min(6, Int(sideWidth / (m.tickLabel * 3.2))))
    for k in sides.indices { sides[k].x = .linear(sides[k].window.x, title: sides[k].x.title, target: xTarget) }
    for (k, s) in sides.enumerated() {
        let top = bodyTop + Double(k) * slot + titleRoom
        let panel = Rect(x: sideLeft, y: top, width: sideWidth, height: sideHeight)
        layers.append(gridLayer(name: "\(s.name)-grid", plot: panel, window: s.window, x: s.x, y: s.y, m: m))
        var marks: [Mark] = []
        if s.name == "line" {
            let guide = LineStyle(color: .mutedInk, width: max(0.8, m.scale), dash: [4 * m.scale, 3 * m.scale])
            for t in [0.0, 1.0] where tRange.contains(t) {
                marks.append(.stroke([Point(t, lineRange.lowerBound), Point(t, lineRange.upperBound)], guide))
            }
        }
        for (path, style) in zip(data.paths, styles) {
            let solid = LineStyle(color: style.color, width: 1.8 * m.scale, dash: style.dash)
            switch s.name {
            case "loss":
                marks.append(.stroke(series(path.iterations, path.loss, floor: lossRange.lowerBound), solid))
                marks.append(.stroke(series(path.iterations, path.gridLoss, floor: lossRange.lowerBound),
                                     LineStyle(color: style.color, width: 1.5 * m.scale, dash: [5 * m.scale, 3 * m.scale])))
            case "distance":
                marks.append(.stroke(series(path.iterations, path.distance, floor: -.infinity), solid))
            default:
                marks.append(.stroke(series(data.lineT, path.lineLoss, floor: lineRange.lowerBound), solid))
            }
        }
        layers.append(Layer(name: s.name, viewport: panel, window: s.window, clips: true, marks: marks))
        let (sideAxes, region) = axesLayer(name: "\(s.name)-axes", plot: panel, window: s.window, x: s.x, y: s.y, m: m)
        layers.append(sideAxes)
        layers.append(Layer(name: "\(s.name)-title", viewport: panel, marks: [
            .text(s.title, at: Point(panel.x + panel.width / 2, top - titleRoom + 2 * m.scale),
                  TextStyle(size: m.axisLabel * 0.95, bold: true, alignment: TextAlignment(.center, .top))),
        ]))
        regions[s.name] = region
        regions["\(s.name)-plot"] = panel
    }

    // Title and subtitle, centred on the page.
    layers.append(Layer(name: "title", viewport: Rect(x: 0, y: margin, width: W, height: m.title * 1.3 + m.subtitle * 1.2), marks: [
        .text(data.title, at: Point(W / 2, margin), TextStyle(size: m.title, bold: true, alignment: TextAlignment(.center, .top))),
        .text(data.subtitle, at: Point(W / 2, margin + m.title * 1.3),
              TextStyle(size: m.subtitle, color: .mutedInk, alignment: TextAlignment(.center, .top))),
    ]))
    let legendLayer = legend.layer(origin: Point(max(margin, (W - legend.width) / 2), legendTop))
    layers.append(legendLayer)
    regions["legend"] = legendLayer.viewport
    return Figure(width: width, height: height, layers: layers, regions: regions)
}

/// The finite points (x, max(y, floor)) of a series.
private func series(_ xs: [Double], _ ys: [Double], floor: Double) -> [Point] {
    zip(xs, ys).compactMap { x, y in x.isFinite && y.isFinite ? Point(x, max(y, floor)) : nil }
}

/// A log axis range around the positive finite values: a fifth of a decade beyond each end.
private func logRange(_ values: [Double]) -> ClosedRange<Double> {
    let positive = values.filter { $0 > 0 && $0.isFinite }
    guard let lo = positive.min(), let hi = positive.max() else { return 0.1...10 }
    let a = Double.log10(lo) - 0.2, b = Double.log10(max(hi, lo * 1.01)) + 0.2
    return Double.pow(10, a)...Double.pow(10, b)
}
