import RealModule
import Surfaces

/// What the landscape figure shows (`trajviz landscape`): the loss over a lattice of a plane
/// through parameter space, and each optimizer's recorded path projected onto it.
public struct LandscapeFigureData: Sendable {
    public struct Path: Sendable {
        /// The legend text.
        public var legend: String
        /// The registry name: the key of the path's colour (the same as its 2D paths').
        public var optimizer: String
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
        /// The short name written beside the path's head (a spec's `label=`, or the optimizer).
        public var name: String
        /// A spec's `color=` (0xRRGGBB), replacing the optimizer's colour.
        public var color: UInt32?

        public init(legend: String, optimizer: String, alpha: [Double], beta: [Double], iterations: [Double], distance: [Double],
                    loss: [Double], gridLoss: [Double], lineLoss: [Double], diverged: Bool, name: String? = nil, color: UInt32? = nil) {
            self.legend = legend; self.optimizer = optimizer; self.alpha = alpha; self.beta = beta; self.iterations = iterations
            self.distance = distance; self.loss = loss; self.gridLoss = gridLoss; self.lineLoss = lineLoss; self.diverged = diverged
            self.name = name ?? optimizer; self.color = color
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

/// How the landscape figure is drawn: the page and the colours, as the surface figure's options.
public struct LandscapeFigureStyle: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var theme: Theme
    public var colormap: Colormap
    /// Multiplies every text size (``Metrics``'s rule).
    public var fontScale: Double
    /// Contour levels.
    public var levels: Int
    /// `.transparent` leaves the page unpainted.
    public var background: PageBackground

    public init(width: Int = 1500, height: Int = 1000, theme: Theme = .light, colormap: Colormap = .viridis,
                fontScale: Double = 1, levels: Int = 24, background: PageBackground = .opaque) {
        self.width = width; self.height = height; self.theme = theme; self.colormap = colormap
        self.fontScale = fontScale; self.levels = levels; self.background = background
    }
}

/// The landscape figure, laid out as the surface figure (``PanelGridLayout``: one contour panel,
/// its colorbar, side panels): the loss contours of the plane (log levels) with every path
/// projected onto it, start, end and centre marked, each path's name beside its end; beside it,
/// over the recorded points, each path's own loss (solid) against the loss the contours show
/// under its projection (dashed), and each point's distance from the plane (where the two parted,
/// this says why); under them the loss on the straight line from the start through each end
/// (Goodfellow et al. 2015). The title block above, one legend below.
///
/// Paths, markers, names and curves are ``LayerGroup/overlay`` layers; the rest is background.
/// ``landscapeScene(_:style:camera:)`` draws the same figure at any iteration (an animation's
/// frames) or in 3D.
///
/// - Complexity: O(grid points + recorded points).
public func landscapeFigure(_ data: LandscapeFigureData, style: LandscapeFigureStyle = LandscapeFigureStyle()) -> Figure {
    landscapeScene(data, style: style).figure()
}

/// The landscape figure as a scene: its static background and an overlay drawn through any
/// iteration (the scene's steps are iterations), so that ``animate(_:timeline:format:progress:)``
/// grows the paths over the landscape; with `camera`, the contour panel is the loss seen in 3D
/// (``lifted3D(_:surface:camera:axisTitles:)`` over the grid's ``SampledSurface``), the paths
/// lifted onto it, the side panels kept.
///
/// At an iteration, a path runs through its records up to it; the loss and distance panels show
/// the same records with a cursor at the iteration, and the line panel (a property of the ends)
/// stays whole.
public func landscapeScene(_ data: LandscapeFigureData, style: LandscapeFigureStyle = LandscapeFigureStyle(),
                           camera: Camera3D? = nil) -> SurfaceScene {
    let width = max(300, style.width), height = max(240, style.height)
    let theme = style.theme
    let m = Metrics(width: width, height: height, reference: (1500, 1000), fontScale: style.fontScale)
    let W = Double(width), H = Double(height)
    let margin = m.margin
    let styles = data.paths.map { PathPalette.style(for: $0.optimizer, lineWidth: m.pathWidth, color: $0.color) }
    let markerEdge = LineStyle(color: Color(hex: 0x1A1A1A), width: 1.4 * m.scale)

    // Header and legend: their heights decide the body's.
    let title = TitleBlock(title: data.title, subtitle: data.subtitle, width: W - 2 * margin, m: m, theme: theme)
    var entries = zip(data.paths, styles).map { LegendEntry(sample: .path($1), label: $0.legend) }
    entries.append(LegendEntry(sample: .marker(.circle, fill: .white, edge: markerEdge), label: "start"))
    if let centre = data.centre { entries.append(LegendEntry(sample: .marker(.star, fill: .white, edge: markerEdge), label: centre)) }
    if data.paths.contains(where: \.diverged) {
        entries.append(LegendEntry(sample: .marker(.cross, fill: theme.mutedInk, edge: LineStyle(color: theme.background, width: 1.1 * m.scale)),
                                   label: "diverged"))
    }
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m, theme: theme)

    // The contour panel shaped like its window (α and β are in the same units) within 3:4 and 4:3:
    // a plane whose second axis holds little of the paths still gets room to show it.
    let grid = data.grid
    let xr = grid.xs.first!...grid.xs.last!, yr = grid.ys.first!...grid.ys.last!  // a grid has ≥ 2 × 2 points
    let view = DataWindow(x: xr, y: yr)
    let ratio = (yr.upperBound - yr.lowerBound) / (xr.upperBound - xr.lowerBound)
    let xAxis = AxisSpec.linear(xr, title: data.xTitle), yAxis = AxisSpec.linear(yr, title: data.yTitle)
    let levels = ContourLevels.choose(count: max(2, style.levels), scale: .log, gridRange: grid.range, minimumValue: nil)
    let bounds = levels.bounds[0]...levels.bounds[levels.count]
    let barAxis = AxisSpec.log(bounds, title: "loss on the records")

    // The side panels' data ranges.
    let lastIteration = max(1, data.paths.flatMap(\.iterations).max() ?? 1)
    let iterationRange = 0...lastIteration
    let lossRange = logRange(data.paths.flatMap { $0.loss + $0.gridLoss })
    let distanceMax = data.paths.flatMap(\.distance).filter(\.isFinite).max() ?? 1
    let distanceRange = 0...(distanceMax > 0 ? distanceMax * 1.08 : 1)
    let tRange = (data.lineT.first ?? 0)...(data.lineT.last ?? 1)
    let lineRange = logRange(data.paths.flatMap(\.lineLoss))
    let lossAxis = AxisSpec.log(lossRange, title: "loss"), lineAxis = AxisSpec.log(lineRange, title: "loss")
    let distanceAxis = AxisSpec.linear(distanceRange, title: "‖θ − projection‖", target: 4)
    let spec = PanelGridSpec(count: 1, columns: 1, aspect: camera == nil ? min(max(ratio, 0.75), 4.0 / 3) : 1, x: xAxis, y: yAxis,
                             colorbar: barAxis,
                             side: [SidePanelSpec(y: lossAxis, weight: 1), SidePanelSpec(y: distanceAxis, weight: 0.7),
                                    SidePanelSpec(y: lineAxis, weight: 1)],
                             sideShare: 0.42)
    let blockTop = margin + title.height + (title.height > 0 ? 4 * m.text : 0)
    let legendRoom = legend.rows > 0 ? 8 * m.text + legend.height : 0
    var layout = PanelGridLayout(spec, in: Rect(x: margin, y: blockTop, width: W - 2 * margin,
                                                height: max(40, H - margin - legendRoom - blockTop)), m: m)
    // Spare height goes around the panels and the legend, not between them.
    let span = layout.contentSpan(m, cellTitleLines: 0)
    let spare = H - margin - blockTop - (span.bottom - span.top + legendRoom)
    layout = layout.shifted(by: blockTop + max(0, spare) / 2 - span.top)
    let legendTop = layout.contentSpan(m, cellTitleLines: 0).bottom + 8 * m.text

    var layers: [Layer] = []
    var regions: [String: Rect] = [:]
    let plot = layout.cells[0]
    layers.append(Layer(name: "contour", viewport: plot, window: view, clips: true,
                        marks: contourMarks(grid: grid, levels: levels, colormap: style.colormap, window: view,
                                            width: plot.width, height: plot.height, m: m)))
    let (axes, contourRegion) = axesLayer(name: "contour-axes", plot: plot, window: view, x: xAxis, y: yAxis, m: m, theme: theme,
                                          frame: theme.frame)
    layers.append(axes)
    regions["contour"] = contourRegion
    regions["contour-plot"] = plot
    if let bar = layout.colorbar {
        let (barLayers, region) = colorbarLayers(bar: bar, levels: levels, axis: barAxis, colormap: style.colormap, m: m, theme: theme)
        layers += barLayers
        regions["colorbar"] = region
    }

    // Paths: the one drawn first wider where a later one covers it.
    let projected = data.paths.map { p in zip(p.alpha, p.beta).map { Point($0, $1) } }
    var widened = styles
    var order = Array(data.paths.indices)
    if data.paths.count > 1 {
        let stacking = PathStacking(footprints: projected.map { Footprint(pieces: [$0.filter(\.isFinite)], window: view) })
        order = stacking.order
        for k in widened.indices { widened[k].width *= stacking.widths[k] }
    }

    // The side panels, each under its title: the loss and the distance share the iteration axis
    // (labelled under the distance); the line has its own.
    let column = layout.side[0]
    let titleRoom = m.panelTitle * 1.45
    let top = column.y, bottom = layout.side[2].maxY
    let usable = max(60, bottom - top - 3 * titleRoom - bottomAxisRoom(m) - m.gap)
    let heights = [1.0, 0.7, 1.0].map { usable * $0 / 2.7 }
    let iterationAxis = AxisSpec.linear(iterationRange, title: "iteration", target: AxisSpec.xTarget(width: column.width, m))
    let tAxis = AxisSpec.linear(tRange, title: "t (0: start, 1: end)", target: AxisSpec.xTarget(width: column.width, m))
    struct Side {
        var name: String; var title: String; var window: DataWindow; var x: AxisSpec; var y: AxisSpec; var parts: AxisParts
    }
    let sides = [
        Side(name: "loss", title: "Loss: own (solid), on the plane (dashed)",
             window: DataWindow(x: iterationRange, y: lossRange, yLog: true), x: iterationAxis, y: lossAxis,
             parts: AxisParts(xLabels: false, yLabels: true, xTitle: false, yTitle: true)),
        Side(name: "distance", title: "Distance from the plane",
             window: DataWindow(x: iterationRange, y: distanceRange), x: iterationAxis, y: distanceAxis, parts: .all),
        Side(name: "line", title: "Loss on the line from the start to each end",
             window: DataWindow(x: tRange, y: lineRange, yLog: true), x: tAxis, y: lineAxis, parts: .all),
    ]
    var panels: [LandscapeOverlay.Panel] = []
    var y = top
    for (k, s) in sides.enumerated() {
        if k == 2 { y += bottomAxisRoom(m) + m.gap }
        y += titleRoom
        let panel = Rect(x: column.x, y: y, width: column.width, height: heights[k])
        y += heights[k]
        layers.append(gridLayer(name: "\(s.name)-grid", plot: panel, window: s.window, x: s.x, y: s.y, m: m, theme: theme))
        if s.name == "line" {
            let guide = LineStyle(color: theme.mutedInk, width: max(0.8, m.scale), dash: [4 * m.scale, 3 * m.scale])
            layers.append(Layer(name: "line-ends", viewport: panel, window: s.window, clips: true,
                                marks: [0.0, 1.0].filter(tRange.contains).map { .stroke([Point($0, lineRange.lowerBound), Point($0, lineRange.upperBound)], guide) }))
        }
        panels.append(LandscapeOverlay.Panel(name: s.name, plot: panel, window: s.window))
        let (sideAxes, region) = axesLayer(name: "\(s.name)-axes", plot: panel, window: s.window, x: s.x, y: s.y, m: m,
                                           theme: theme, parts: s.parts)
        layers.append(sideAxes)
        // Shrunk to fit down to three quarters, then cut.
        let natural = TextMetrics.width(s.title, size: m.panelTitle, bold: true)
        let titleSize = natural > panel.width ? max(0.75 * m.panelTitle, m.panelTitle * panel.width / natural) : m.panelTitle
        let titleText = truncated(s.title, width: panel.width, size: titleSize)
        layers.append(Layer(name: "\(s.name)-title", viewport: Rect(x: panel.x, y: panel.y - titleRoom, width: panel.width, height: titleRoom), marks: [
            .text(titleText, at: Point(panel.x + panel.width / 2, panel.y - titleRoom + 0.2 * m.panelTitle),
                  TextStyle(size: titleSize, color: theme.ink, bold: true, alignment: TextAlignment(.center, .top))),
        ]))
        regions[s.name] = region
        regions["\(s.name)-plot"] = panel
    }

    // Title over the panels, legend under them, both centred on the page.
    if title.height > 0 {
        let layer = title.layer(centre: W / 2, top: margin, width: W - 2 * margin)
        layers.append(layer)
        regions["title"] = layer.viewport
    }
    let legendLayer = legend.layer(origin: Point(max(margin, (W - legend.width) / 2), min(legendTop, H - margin - legend.height)))
    layers.append(legendLayer)
    regions["legend"] = legendLayer.viewport

    let overlay = LandscapeOverlay(paths: data.paths, projected: projected, styles: styles, widened: widened, order: order,
                                   plot: plot, window: view, panels: panels, lineT: data.lineT, lossFloor: lossRange.lowerBound,
                                   lineFloor: lineRange.lowerBound, centre: data.centre != nil, lastIteration: Int(lastIteration.rounded()),
                                   counter: Point(plot.maxX - m.gap, plot.y + m.gap), m: m, theme: theme)
    var scene = SurfaceScene(width: width, height: height,
                             pageColor: style.background == .transparent ? theme.background.withAlpha(0) : theme.background,
                             background: layers, regions: regions, notes: [], lastStep: Int(lastIteration.rounded()),
                             plan: OverlayPlan(drawn: [], order: [], cells: [], window: view, loss: nil, lossModel: nil, rate: nil,
                                               rateModel: nil, m: m, theme: theme),
                             levels: levels, colormap: style.colormap,
                             ownOverlay: { step, cursor, lift in overlay.layers(through: step, cursor: cursor, lift: lift) })
    if let camera {
        scene = lifted3D(scene, surface: SampledSurface(grid: grid, name: "landscape", title: data.title), camera: camera,
                         axisTitles: (shortAxisTitle(data.xTitle), shortAxisTitle(data.yTitle)))
        scene.regions["surface-3d"] = regions["contour"]
    }
    return scene
}

/// An axis title up to its first " (": `PC1 (73.5% of the displacement)` is `PC1` on a 3D floor.
private func shortAxisTitle(_ title: String) -> String {
    guard let open = title.firstIndex(of: "("), open > title.startIndex else { return title }
    return String(title[..<open].reversed().drop { $0 == " " }.reversed())
}

/// What moves in a landscape figure: each path through its records up to an iteration, its start,
/// head and name, its loss and distance curves with a cursor, the lines; in 2D or lifted in 3D.
struct LandscapeOverlay: Sendable {
    struct Panel: Sendable { var name: String; var plot: Rect; var window: DataWindow }
    var paths: [LandscapeFigureData.Path]
    var projected: [[Point]]
    var styles: [PathStyle]
    var widened: [PathStyle]
    var order: [Int]
    var plot: Rect
    var window: DataWindow
    var panels: [Panel]
    var lineT: [Double]
    var lossFloor: Double
    var lineFloor: Double
    var centre: Bool
    var lastIteration: Int
    var counter: Point
    var m: Metrics
    var theme: Theme

    /// How many records of path `k` are shown at `step` (nil: all).
    func shown(_ k: Int, through step: Int?) -> Int {
        guard let step else { return paths[k].iterations.count }
        return paths[k].iterations.prefix { $0 <= Double(step) }.count
    }

    func layers(through step: Int?, cursor: Bool, lift: (@Sendable (Point) -> Point)?) -> [Layer] {
        let xr = window.x, yr = window.y
        let sx = plot.width / (xr.upperBound - xr.lowerBound), sy = plot.height / (yr.upperBound - yr.lowerBound)
        // In 2D a path may run a little past the frame (clipped there); lifted in 3D, it stops at the grid's edge.
        let dx = lift == nil ? (xr.upperBound - xr.lowerBound) * 0.02 : 0, dy = lift == nil ? (yr.upperBound - yr.lowerBound) * 0.02 : 0
        let cx = (xr.lowerBound - dx)...(xr.upperBound + dx), cy = (yr.lowerBound - dy)...(yr.upperBound + dy)
        let counts = paths.indices.map { shown($0, through: step) }
        let markerEdge = LineStyle(color: Color(hex: 0x1A1A1A), width: 1.4 * m.scale)

        var pathMarks: [Mark] = [], markers: [Mark] = []
        var starts: [Point] = []
        // Starts first: a path that barely moved keeps its end marker visible on top of its start.
        for k in paths.indices where counts[k] > 0 {
            guard let s = projected[k].first, s.isFinite, cx.contains(s.x), cy.contains(s.y), !starts.contains(s) else { continue }
            starts.append(s)
            markers.append(.marker(s, .circle, size: 12 * m.scale, fill: .white, edge: markerEdge))
        }
        var heads: [(k: Int, point: Point)] = []
        for k in order where counts[k] > 0 {
            let line = projected[k].prefix(counts[k]).filter(\.isFinite)
            let pieces = clip(polyline: Array(line), x: cx, y: cy).map { simplify($0, tolerance: 0.2, sx: sx, sy: sy) }
            pathMarks += widened[k].strokes(pieces: pieces)
            guard let head = line.last, cx.contains(head.x), cy.contains(head.y) else { continue }
            let finished = counts[k] == paths[k].iterations.count
            let diverged = finished && paths[k].diverged
            markers.append(.marker(head, diverged ? .cross : .circle, size: (diverged ? 13 : 10) * m.scale,
                                   fill: styles[k].color, edge: LineStyle(color: styles[k].halo, width: 1.3 * m.scale)))
            heads.append((k, head))
        }
        if centre, xr.contains(0), yr.contains(0) {
            markers.append(.marker(Point(0, 0), .star, size: 19 * m.scale, fill: .white, edge: markerEdge))
        }
        var layers: [Layer] = []
        if let lift {
            // Marks made in data coordinates, then moved onto the surface; segments cut every 4
            // pixels of the 2D panel first, so that a lifted segment follows the surface.
            let window = self.window, plot = self.plot
            let pieces = { (a: Point, b: Point) -> Int in
                let p = window.map(a, into: plot), q = window.map(b, into: plot)
                let d = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                return d.isFinite ? Int((d / 4).rounded(.up)) : 1
            }
            layers.append(Layer(name: "paths", group: .overlay, viewport: plot, marks: pathMarks.map { $0.lifted(lift, pieces: pieces) }))
            layers.append(Layer(name: "path-markers", group: .overlay, viewport: plot, marks: markers.map { $0.mapped(lift) }))
        } else {
            layers.append(Layer(name: "paths", group: .overlay, viewport: plot, window: window, clips: true, marks: pathMarks))
            layers.append(Layer(name: "path-markers", group: .overlay, viewport: plot, window: window, clips: false, marks: markers))
        }
        let pixel = { (p: Point) -> Point in lift?(p) ?? window.map(p, into: plot) }
        layers.append(Layer(name: "path-labels", group: .overlay, viewport: plot,
                            marks: nameMarks(heads.map { (paths[$0.k].name, styles[$0.k].color, pixel($0.point)) },
                                             markers: heads.map { pixel($0.point) } + starts.map(pixel))))

        for panel in panels {
            var marks: [Mark] = []
            for k in order {
                let path = paths[k], n = counts[k]
                let solid = LineStyle(color: styles[k].color, width: 0.8 * m.pathWidth * (widened[k].width / styles[k].width), dash: styles[k].dash)
                let its = Array(path.iterations.prefix(n))
                switch panel.name {
                case "loss":
                    marks.append(.stroke(series(its, Array(path.loss.prefix(n)), floor: lossFloor), solid))
                    marks.append(.stroke(series(its, Array(path.gridLoss.prefix(n)), floor: lossFloor),
                                         LineStyle(color: styles[k].color, width: 0.65 * m.pathWidth, dash: [5 * m.scale, 3 * m.scale])))
                case "distance":
                    marks.append(.stroke(series(its, Array(path.distance.prefix(n)), floor: -.infinity), solid))
                default:
                    marks.append(.stroke(series(lineT, path.lineLoss, floor: lineFloor), solid))
                }
            }
            layers.append(Layer(name: panel.name, group: .overlay, viewport: panel.plot, window: panel.window, clips: true, marks: marks))
        }
        if cursor, let step {
            let text = "iteration \(min(step, lastIteration)) / \(lastIteration)"
            let size = m.tickLabel
            // In the contour panel's top right corner (the title above may fill the page's width), on a plate.
            let pad = 3 * m.text, w = TextMetrics.width(text, size: size)
            let box = Rect(x: counter.x - w - 2 * pad, y: counter.y, width: w + 2 * pad, height: size * 1.5)
            let ring = [Point(box.x, box.y), Point(box.maxX, box.y), Point(box.maxX, box.maxY), Point(box.x, box.maxY)]
            layers.append(Layer(name: "step-counter", group: .overlay, viewport: box, marks: [
                .fill([ring], theme.background.withAlpha(0.82)),
                .text(text, at: Point(box.maxX - pad, box.y + box.height / 2), TextStyle(size: size, color: theme.ink, alignment: TextAlignment(.right, .middle))),
            ]))
            let style = LineStyle(color: theme.ink.withAlpha(0.55), width: max(0.8, m.scale), dash: [4 * m.scale, 3 * m.scale])
            for panel in panels where panel.name != "line" {
                let w = panel.window
                layers.append(Layer(name: "cursor", group: .overlay, viewport: panel.plot, window: w, clips: true,
                                    marks: [.stroke([Point(Double(step), w.y.lowerBound), Point(Double(step), w.y.upperBound)], style)]))
            }
        }
        return layers
    }

    /// Each path's name beside its head (pixels): on a plate of the page's colour, to the upper
    /// right of the head, moved a line at a time (up, down, two up, ...) while it would cover a
    /// name already placed or one of the `markers` (every head and start, in pixels), so that
    /// paths that end close together (or barely left the start) are still told apart and no
    /// plate hides another path's end.
    func nameMarks(_ heads: [(name: String, color: Color, at: Point)], markers: [Point] = []) -> [Mark] {
        let size = m.legend * 0.9, pad = 3 * m.text
        let r = 6 * m.scale  // a head's or start's radius, and its edge
        var placed = markers.map { Rect(x: $0.x - r, y: $0.y - r, width: 2 * r, height: 2 * r) }, marks: [Mark] = []
        for head in heads {
            let w = TextMetrics.width(head.name, size: size) + 2 * pad, h = size * 1.35
            var box = Rect(x: head.at.x + 7 * m.scale, y: head.at.y - h - 4 * m.scale, width: w, height: h)
            // Inside the panel: to the left of the head at its right edge, below it at its top.
            if box.maxX > plot.maxX { box.x = head.at.x - 7 * m.scale - w }
            if box.y < plot.y { box.y = head.at.y + 6 * m.scale }
            // Then a line up, a line down, two up, ... until it is clear (or 12 tries).
            let first = box.y
            var tries = 0
            while placed.contains(where: { $0.intersects(box) }), tries < 12 {
                tries += 1
                let lines = Double((tries + 1) / 2) * (tries % 2 == 1 ? -1 : 1)
                box.y = min(max(first + lines * (h + m.scale), plot.y), plot.maxY - h)
            }
            placed.append(box)
            let ring = [Point(box.x, box.y), Point(box.maxX, box.y), Point(box.maxX, box.maxY), Point(box.x, box.maxY)]
            marks.append(.fill([ring], theme.background.withAlpha(0.82)))
            marks.append(.stroke(ring + [ring[0]], LineStyle(color: head.color, width: max(1, 1.2 * m.scale))))
            marks.append(.text(head.name, at: Point(box.x + pad, box.y + h / 2),
                               TextStyle(size: size, color: theme.ink, bold: true, alignment: TextAlignment(.left, .middle))))
        }
        return marks
    }
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
