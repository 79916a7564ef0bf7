import RealModule
import Optimizers
import Surfaces

/// A surface figure split into its static background and an overlay that can be drawn at any
/// step: what an animation frame or a 3D view needs to draw the background once and the paths
/// per frame.
///
/// * `background`: contour bands and iso-lines, the undefined region, the minima, axes, colorbar,
///   cell titles, the loss panel's grid, axes and floor, the title block and the legend.
/// * ``overlay(through:cursor:)``: the paths (cut at a step), their start, end or head, exit and
///   divergence markers, the loss and lr curves up to the step, and a step cursor.
///
///     let scene = surfaceScene(surface: s, paths: reduced, options: o)
///     let still = scene.figure()                        // the whole run
///     let frame = scene.figure(through: 120, cursor: true)
public struct SurfaceScene: Sendable {
    public var width: Int
    public var height: Int
    /// The page colour (transparent with `--background transparent`).
    public var pageColor: Color
    public var background: [Layer]
    /// Named pixel rectangles of the layout (`contour`, `contour-plot`, `colorbar`, `loss`,
    /// `loss-plot`, `lr`, `lr-plot`, `title`, `legend`, `cell-N`).
    public var regions: [String: Rect]
    /// Things a user should be told (on stderr), e.g. where the surface is undefined.
    public var notes: [String]
    /// The largest step of any path: frames run from 0 to here.
    public var lastStep: Int
    var plan: OverlayPlan
    /// The contour levels and colormap the background was drawn with (a 3D view colours its
    /// patches with them, matching the colorbar).
    var levels: ContourLevels?
    var colormap: Colormap = .viridis
    /// A scene's own overlay in place of the plan's (a landscape's recorded paths and side
    /// panels): the layers at a step (nil: every step), with the cursor or not, given the 3D
    /// view's lift when ``lifted3D(_:surface:camera:axisTitles:)`` made one.
    var ownOverlay: (@Sendable (_ step: Int?, _ cursor: Bool, _ lift: (@Sendable (Point) -> Point)?) -> [Layer])? = nil

    /// The overlay layers at `step` (nil: every step), with a vertical cursor on the loss panel
    /// and a step counter (`step 120 / 500`, top right) when `cursor` is set: an animation frame.
    public func overlay(through step: Int? = nil, cursor: Bool = false) -> [Layer] {
        if let ownOverlay { return ownOverlay(step, cursor, plan.lift) }
        return plan.layers(through: step, cursor: cursor)
    }

    /// The whole figure at `step` (nil: every step): background, then overlay.
    public func figure(through step: Int? = nil, cursor: Bool = false) -> Figure {
        Figure(width: width, height: height, background: pageColor,
               layers: background + overlay(through: step, cursor: cursor), regions: regions)
    }
}

/// What the overlay needs: the grouped paths, where each cell and side panel is, and the axes.
struct OverlayPlan: Sendable {
    struct Cell: Sendable { var plot: Rect; var members: [Int] }
    struct Side: Sendable { var plot: Rect; var window: DataWindow }
    var drawn: [DrawnPath]
    var order: [Int]
    var cells: [Cell]
    var window: DataWindow
    var loss: Side?
    var lossModel: LossAxisModel?
    var rate: Side?
    var rateModel: RateAxisModel?
    var m: Metrics
    var theme: Theme
    /// A 3D view: maps a data point to its pixel on the surface (paths and markers are drawn in
    /// pixels, after every patch, so no patch hides them); nil: the 2D cells.
    var lift: (@Sendable (Point) -> Point)? = nil
    /// Where an animation's step counter is anchored (its top right corner), in pixels.
    var counter: Point = Point(0, 0)
    /// The largest step of any path, shown by the counter (`step 120 / 500`).
    var lastStep: Int = 0
    /// The minima's stars, drawn again as outlines above the paths' markers: a run that converges
    /// ends on the star, and its end marker would otherwise hide the one thing the figure is about.
    var minimaOutlines: [Mark] = []

    func layers(through step: Int?, cursor: Bool) -> [Layer] {
        var layers: [Layer] = []
        if let lift, let cell = cells.first {
            let order = self.order.filter(cell.members.contains)
            // The marks are made in data coordinates for the window, then moved onto the surface.
            let paths = pathMarks(drawn, order: order, through: step, plot: cell.plot, m: m)
            let markers = markerMarks(drawn, order: order, through: step, window: window, plot: cell.plot, m: m, theme: theme)
            // Segments are cut every 4 pixels of the 2D plot before they are lifted.
            let window = self.window, plot = cell.plot
            let pieces = { (a: Point, b: Point) -> Int in
                let p = window.map(a, into: plot), q = window.map(b, into: plot)
                let d = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                return d.isFinite ? Int((d / 4).rounded(.up)) : 1
            }
            layers.append(Layer(name: "paths", group: .overlay, viewport: cell.plot, marks: paths.map { $0.lifted(lift, pieces: pieces) }))
            layers.append(Layer(name: "path-markers", group: .overlay, viewport: cell.plot, marks: markers.map { $0.mapped(lift) }))
            // As in 2D: the stars' outlines over the end markers that converge onto them.
            if !minimaOutlines.isEmpty {
                layers.append(Layer(name: "minima-outline", group: .overlay, viewport: cell.plot, marks: minimaOutlines.map { $0.mapped(lift) }))
            }
        }
        for cell in cells where lift == nil {
            let order = self.order.filter(cell.members.contains)
            layers.append(Layer(name: "paths", group: .overlay, viewport: cell.plot, window: window, clips: true,
                                marks: pathMarks(drawn, order: order, through: step, plot: cell.plot, m: m)))
        }
        for cell in cells where lift == nil {
            let order = self.order.filter(cell.members.contains)
            layers.append(Layer(name: "path-markers", group: .overlay, viewport: cell.plot, window: window, clips: false,
                                marks: markerMarks(drawn, order: order, through: step, window: window, plot: cell.plot, m: m, theme: theme)))
        }
        for cell in cells where lift == nil && !minimaOutlines.isEmpty {
            layers.append(Layer(name: "minima-outline", group: .overlay, viewport: cell.plot, window: window, clips: true,
                                marks: minimaOutlines))
        }
        if let loss, let lossModel {
            layers.append(Layer(name: "loss", group: .overlay, viewport: loss.plot, window: loss.window, clips: true,
                                marks: curveMarks(drawn, order: order, through: step, curve: \.loss, y: lossModel.y,
                                                  marksDivergence: true, plot: loss.plot, window: loss.window,
                                                  lastStep: Int(loss.window.x.upperBound), m: m)))
        }
        if let rate {
            layers.append(Layer(name: "lr", group: .overlay, viewport: rate.plot, window: rate.window, clips: true,
                                marks: curveMarks(drawn, order: order, through: step, curve: \.lr, y: rateModel?.y ?? { $0 },
                                                  marksDivergence: false, plot: rate.plot, window: rate.window,
                                                  lastStep: Int(rate.window.x.upperBound), m: m)))
        }
        if cursor, let step {
            // The step counter: in the page's top right corner, where titles (centred) do not reach.
            let text = "step \(min(step, lastStep)) / \(lastStep)"
            let size = m.tickLabel
            let box = Rect(x: counter.x - TextMetrics.width(text, size: size), y: counter.y, width: TextMetrics.width(text, size: size), height: size * 1.3)
            layers.append(Layer(name: "step-counter", group: .overlay, viewport: box, marks: [
                .text(text, at: Point(counter.x, counter.y), TextStyle(size: size, color: theme.mutedInk, alignment: TextAlignment(.right, .top))),
            ]))
            let style = LineStyle(color: theme.ink.withAlpha(0.55), width: max(0.8, m.scale), dash: [4 * m.scale, 3 * m.scale])
            for side in [loss, rate].compactMap({ $0 }) {
                let top = side.window.y.upperBound, bottom = side.window.y.lowerBound
                layers.append(Layer(name: "cursor", group: .overlay, viewport: side.plot, window: side.window, clips: true,
                                    marks: [.stroke([Point(Double(step), bottom), Point(Double(step), top)], style)]))
            }
        }
        return layers
    }
}

/// Builds the scene of optimizer paths on a surface: filled contour bands with thin iso-lines and
/// a colorbar, every path in its optimizer's colour with start, end, exit and divergence markers,
/// the global minima as white stars, a loss panel beside it (unless `options.layout ==
/// .contour`) with an lr strip under it when a rate changes, and one legend below, outside the
/// data. With `options.facet == .optimizer`, one panel per path in a grid with shared axes and
/// colorbar.
///
/// - Parameters:
///   - surface: what to draw; its domain, minima and level scale give the defaults.
///   - paths: the runs, reduced for this figure (``PlotResolution/init(surface:options:)``).
///   - options: levels, limits, size, layout and style.
/// - Complexity: O(g²) for the g × g contour grid (g ≤ 400, about 0.8 per pixel) plus the reduced
///   paths' size, independent of the number of steps.
public func surfaceScene(surface: any Surface, paths: [PlotPath], options: SurfacePlotOptions = SurfacePlotOptions()) -> SurfaceScene {
    surfaceScene(surface: surface, paths: paths, options: options, panelAspect: nil)
}

/// ``surfaceScene(surface:paths:options:)`` with the contour panel's height / width given
/// (`panelAspect`; nil: from the window and `options.aspect`): the 3D view's panel is shaped for
/// its projected box, not for the window it replaces.
func surfaceScene(surface: any Surface, paths: [PlotPath], options: SurfacePlotOptions, panelAspect: Double?) -> SurfaceScene {
    let (width, height) = options.size
    let both = options.layout == .both
    let theme = options.theme ?? .light
    let colormap = options.colormap ?? .viridis
    let m = Metrics(width: width, height: height, reference: both ? (1200, 900) : (900, 860), fontScale: options.fontScale ?? 1)
    let W = Double(width), H = Double(height)
    let view = options.window(for: surface)
    let resolution = PlotResolution(surface: surface, options: options)
    let drawn = drawnPaths(paths, resolution: resolution, lineWidth: m.pathWidth)
    let facets = options.facet == .optimizer && drawn.count > 1
    let xr = view.x, yr = view.y

    // The loss panel's axes, from the curves (and, on a linear axis, the values the contour shows).
    let curves = drawn.flatMap { $0.all.map(\.loss) }
    let lossModel: LossAxisModel? = both ? LossAxisModel(
        surface: surface, curves: curves, requested: options.lossScale,
        shownRange: Grid.sample(surface, x: xr, y: yr, nx: 33, ny: 33).range) : nil
    let showsRate = both && drawn.contains { d in d.all.contains { !$0.lr.isEmpty && ($0.lrVaries || $0.schedule != nil) } }
    let rateModel = showsRate ? RateAxisModel(curves: drawn.flatMap { $0.all.map(\.lr) }) : nil
    let lastStep = max(1, drawn.map { max($0.main.steps, $0.main.lastStep) }.max() ?? 1)
    let stepRange = 0...Double(lastStep)

    // Header and legend: their heights decide the body's.
    let margin = m.margin
    let title = TitleBlock(title: options.title ?? surface.title,
                           subtitle: options.subtitle ?? ("f(x, y) = " + prettyFormula(surface.formula)),
                           width: W - 2 * margin, m: m, theme: theme)
    let minima = surface.minima.filter { xr.contains($0.point.x) && yr.contains($0.point.y) }
    let markerEdge = LineStyle(color: Color(hex: 0x1A1A1A), width: 1.4 * m.scale)
    func legendEntries(undefined: Bool) -> [LegendEntry] {
        var entries = facets ? [] : drawn.map { LegendEntry(sample: .path($0.style), label: $0.legend) }
        if drawn.contains(where: { $0.main.start.map { xr.contains($0.x) && yr.contains($0.y) } ?? false }) {
            entries.append(LegendEntry(sample: .marker(.circle, fill: .white, edge: markerEdge), label: "start"))
        }
        if !minima.isEmpty { entries.append(LegendEntry(sample: .marker(.star, fill: .white, edge: markerEdge), label: "global minimum")) }
        if drawn.contains(where: { $0.main.divergedAt != nil && !$0.main.isOutside() }) {
            entries.append(LegendEntry(sample: .marker(.cross, fill: theme.mutedInk, edge: LineStyle(color: theme.background, width: 1.1 * m.scale)),
                                       label: "diverged"))
        }
        if drawn.contains(where: { $0.main.isOutside() && $0.main.lastStep >= 0 }) {
            entries.append(LegendEntry(sample: .marker(.triangleRight, fill: theme.mutedInk, edge: nil), label: "left the plot"))
        }
        if undefined {
            entries.append(LegendEntry(sample: .hatch(fill: theme.undefinedFill, lines: theme.hatch), label: "f undefined"))
        }
        return entries
    }

    // The grid of panels: one, or one per path.
    // Equal units, or (auto) a panel shaped like the window within 1:2 and 2:1.
    let ratio = (yr.upperBound - yr.lowerBound) / (xr.upperBound - xr.lowerBound)
    let aspect = panelAspect ?? (options.equalAspect(for: view) ? ratio : min(max(ratio, 0.5), 2))
    let xAxis = AxisSpec.linear(xr, title: "x"), yAxis = AxisSpec.linear(yr, title: "y")
    var side: [SidePanelSpec] = []
    if let lossModel { side.append(SidePanelSpec(y: lossModel.axis, weight: 1)) }
    if let rateModel { side.append(SidePanelSpec(y: rateModel.axis, weight: 0.3)) }
    var titleLines = 1
    func gridSpec(bar: AxisSpec) -> PanelGridSpec {
        PanelGridSpec(count: facets ? drawn.count : 1, columns: nil,
                      aspect: aspect,
                      x: xAxis, y: yAxis, cellTitles: facets, cellTitleLines: titleLines, colorbar: bar, side: side,
                      sideShare: facets ? 0.25 : 0.42)
    }
    func body(legend: LegendLayout) -> Rect {
        let top = margin + title.height + (title.height > 0 ? 4 * m.text : 0)
        let bottom = H - margin - legend.height - (legend.rows > 0 ? 8 * m.text : 0)
        return Rect(x: margin, y: top, width: W - 2 * margin, height: max(40, bottom - top))
    }

    // Pass 1 with a guessed colorbar sizes the grid; the grid's values give the levels and the
    // colorbar's real labels; pass 2 lays out with them.
    let guessLegend = LegendLayout(entries: legendEntries(undefined: false), width: W - 2 * margin, m: m, theme: theme)
    let guess = PanelGridLayout(gridSpec(bar: AxisSpec(ticks: [0], labels: ["10⁻⁴"], title: "f")), in: body(legend: guessLegend), m: m)
    let samples = min(400, max(48, Int((max(guess.cells[0].width, guess.cells[0].height) * 0.8).rounded())))
    let grid = Grid.sample(surface, x: xr, y: yr, nx: samples, ny: samples)
    let scale = options.scale ?? surface.levelScale
    let count = min(200, max(2, options.levels ?? (scale == .log ? 30 : 20)))
    let levels = ContourLevels.choose(count: count, scale: scale, gridRange: grid.range, minimumValue: surface.minimumValue)
    let bounds = levels.bounds[0]...levels.bounds[levels.count]
    let barTitle = levels.offset == 0 ? "f(x, y)" : "f(x, y) − f*"
    let barAxis = levels.scale == .log ? AxisSpec.log(bounds, title: barTitle) : AxisSpec.linear(bounds, title: barTitle, target: 8)
    let share = undefinedShare(grid)
    let legend = LegendLayout(entries: legendEntries(undefined: share > 0), width: W - 2 * margin, m: m, theme: theme)
    var layout = PanelGridLayout(gridSpec(bar: barAxis), in: body(legend: legend), m: m)
    // Facet titles that do not fit one line (at 80 % size) get two.
    if facets, drawn.contains(where: { TextMetrics.width($0.legend, size: 0.8 * m.panelTitle) > layout.cells[0].width - 22 * m.text - m.gap }) {
        titleLines = 2
        layout = PanelGridLayout(gridSpec(bar: barAxis), in: body(legend: legend), m: m)
    }
    // The panels and the legend as one block, centred in the page below the title, so that
    // spare height (equal units on a wide window) goes around them rather than between them.
    let span = layout.contentSpan(m, cellTitleLines: facets ? titleLines : 0)
    let blockTop = margin + title.height + (title.height > 0 ? 4 * m.text : 0)
    let blockHeight = span.bottom - span.top + (legend.rows > 0 ? 8 * m.text + legend.height : 0)
    let spare = H - margin - blockTop - blockHeight
    layout = layout.shifted(by: blockTop + max(0, spare) / 2 - span.top)
    let legendTop = layout.contentSpan(m, cellTitleLines: facets ? titleLines : 0).bottom + 8 * m.text

    var background: [Layer] = []
    var regions: [String: Rect] = [:]
    let plot0 = layout.cells[0]
    let contour = contourMarks(grid: grid, levels: levels, colormap: colormap, window: view,
                               width: plot0.width, height: plot0.height, m: m)
    let undefined = undefinedMarks(grid: grid, window: view, width: plot0.width, height: plot0.height, m: m, theme: theme)
    let stars: [Mark] = minima.map { .marker($0.point, .star, size: 19 * m.scale, fill: .white, edge: markerEdge) }
    var contourRegion: Rect?
    var cells: [OverlayPlan.Cell] = []
    for (k, plot) in layout.cells.enumerated() {
        background.append(Layer(name: "contour", viewport: plot, window: view, clips: true, marks: contour))
        if !undefined.isEmpty { background.append(Layer(name: "undefined", viewport: plot, window: view, clips: true, marks: undefined)) }
        if !stars.isEmpty { background.append(Layer(name: "minima", viewport: plot, window: view, clips: true, marks: stars)) }
        let (axes, region) = axesLayer(name: "contour-axes", plot: plot, window: view, x: xAxis, y: yAxis, m: m, theme: theme,
                                       frame: theme.frame, parts: layout.parts[k])
        background.append(axes)
        contourRegion = contourRegion.map { $0.union(region) } ?? region
        regions["cell-\(k)"] = plot
        if facets {
            background.append(cellTitle(drawn[k], plot: plot, lines: titleLines, m: m, theme: theme))
            cells.append(OverlayPlan.Cell(plot: plot, members: [k]))
        } else {
            cells.append(OverlayPlan.Cell(plot: plot, members: Array(drawn.indices)))
        }
    }
    // The shared axis titles, once for the grid.
    let grid0 = layout.gridPlot
    let xTitleY = grid0.maxY + m.tickLength + m.gap + m.tickLabel * 1.2 + m.gap * 1.5
    let yTitleX = grid0.x - leftAxisRoom(yAxis, m)
    background.append(Layer(name: "contour-titles", viewport: grid0, marks: [
        .text(xAxis.title, at: Point(grid0.x + grid0.width / 2, xTitleY),
              TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top))),
        .text(yAxis.title, at: Point(yTitleX, grid0.y + grid0.height / 2),
              TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top), angle: Double.pi / 2)),
    ]))
    regions["contour"] = contourRegion!.union(Rect(x: yTitleX, y: grid0.y, width: 1, height: grid0.height))  // ≥ 1 cell
    regions["contour-plot"] = plot0

    if let bar = layout.colorbar {
        let (layers, region) = colorbarLayers(bar: bar, levels: levels, axis: barAxis, colormap: colormap, m: m, theme: theme)
        background += layers
        regions["colorbar"] = region
    }

    // Side panels: the loss, and the lr strip under it sharing its step axis.
    var lossSide: OverlayPlan.Side?, rateSide: OverlayPlan.Side?
    let panels = [lossModel.map { ("loss", $0.axis, $0.range, $0.log) }, rateModel.map { ("lr", $0.axis, $0.range, $0.log) }]
        .compactMap { $0 }
    for (k, (name, yAxis, range, log)) in panels.enumerated() {
        let plot = layout.side[k]
        let window = DataWindow(x: stepRange, y: range, yLog: log)
        let lowest = k == panels.count - 1
        let xSteps = AxisSpec.linear(stepRange, title: "step", target: AxisSpec.xTarget(width: plot.width, m, most: 5))
        background.append(gridLayer(name: "\(name)-grid", plot: plot, window: window, x: xSteps, y: yAxis, m: m, theme: theme))
        let (axes, region) = axesLayer(name: "\(name)-axes", plot: plot, window: window, x: xSteps, y: yAxis, m: m, theme: theme,
                                       parts: AxisParts(xLabels: lowest, yLabels: true, xTitle: lowest, yTitle: true))
        background.append(axes)
        regions[name] = region
        regions["\(name)-plot"] = plot
        if name == "loss" {
            lossSide = OverlayPlan.Side(plot: plot, window: window)
            if let floor = lossModel?.floor {
                background.append(floorLayer(floor, plot: plot, window: window, m: m, theme: theme))
            }
        } else {
            rateSide = OverlayPlan.Side(plot: plot, window: window)
        }
    }

    // Title over the panels, legend under them.
    let panelsRect = regions.values.reduce(plot0) { $0.union($1) }
    let centre = min(max(panelsRect.x + panelsRect.width / 2, W / 2 - 40 * m.text), W / 2 + 40 * m.text)
    if title.height > 0 {
        let layer = title.layer(centre: centre, top: margin, width: W - 2 * margin)
        background.append(layer)
        regions["title"] = layer.viewport
    }
    if legend.rows > 0 {
        let layer = legend.layer(origin: Point(max(margin, centre - legend.width / 2), min(legendTop, H - margin - legend.height)))
        background.append(layer)
        regions["legend"] = layer.viewport
    }

    // Paths drawn longest first, widened where later ones cover them (one panel with several paths).
    var order = Array(drawn.indices), widened = drawn
    if !facets && drawn.count > 1 {
        let stacking = PathStacking(footprints: drawn.map(\.main.footprint))
        order = stacking.order
        for k in widened.indices { widened[k].style.width *= stacking.widths[k] }
    }
    var notes: [String] = []
    if share > 0 {
        let percent = share * 100
        let text = percent < 0.1 ? "less than 0.1" : percent > 99.9 && share < 1 ? "more than 99.9" : Ticks.fixed(percent, decimals: percent < 10 ? 1 : 0)
        notes.append("f is undefined (not a number) on \(text)% of the shown domain; hatched in the figure")
    }
    let plan = OverlayPlan(drawn: widened, order: order, cells: cells, window: view, loss: lossSide, lossModel: lossModel,
                           rate: rateSide, rateModel: rateModel, m: m, theme: theme,
                           counter: Point(W - margin, margin * 0.6), lastStep: drawn.map(\.main.lastStep).max() ?? 0,
                           minimaOutlines: minima.map { .marker($0.point, .star, size: 19 * m.scale, fill: nil, edge: markerEdge) })
    return SurfaceScene(width: width, height: height,
                        pageColor: options.background == .transparent ? theme.background.withAlpha(0) : theme.background,
                        background: background, regions: regions, notes: notes,
                        lastStep: drawn.map(\.main.lastStep).max() ?? 0, plan: plan, levels: levels, colormap: colormap)
}

/// A facet's title: a short sample of the path's line, then its legend text, over the cell; on
/// two lines (broken at a space) when `lines` is 2, shrunk to fit down to three quarters, then cut.
func cellTitle(_ path: DrawnPath, plot: Rect, lines: Int, m: Metrics, theme: Theme) -> Layer {
    let sample = 22 * m.text
    let available = plot.width - sample - m.gap
    var rows = lines > 1 ? wrapText(path.legend, width: available, size: 0.8 * m.panelTitle) : [path.legend]
    if rows.count > lines { rows = Array(rows.prefix(lines - 1)) + [rows[(lines - 1)...].joined(separator: " ")] }
    let natural = rows.map { TextMetrics.width($0, size: m.panelTitle) }.max() ?? 0
    let size = natural > available ? max(0.75 * m.panelTitle, m.panelTitle * available / natural) : m.panelTitle
    rows = rows.map { truncated($0, width: available, size: size) }
    let textWidth = rows.map { TextMetrics.width($0, size: size) }.max() ?? 0
    let x0 = plot.x + max(0, (plot.width - sample - m.gap - textWidth) / 2)
    let lineHeight = size * 1.25
    let top = plot.y - size * 0.3 - lineHeight * Double(rows.count)
    var marks = path.style.strokes([Point(x0, top + lineHeight / 2), Point(x0 + sample, top + lineHeight / 2)])
    for (k, row) in rows.enumerated() {
        marks.append(.text(row, at: Point(x0 + sample + m.gap, top + lineHeight * (Double(k) + 0.5)),
                           TextStyle(size: size, color: theme.ink, alignment: TextAlignment(.left, .middle))))
    }
    return Layer(name: "cell-title", viewport: Rect(x: plot.x, y: top, width: plot.width, height: plot.y - top), marks: marks)
}

/// The loss panel's floor: where curves that reached the minimum to rounding are drawn, marked
/// so that it reads as "reached f*", not as a plateau.
func floorLayer(_ floor: Double, plot: Rect, window: DataWindow, m: Metrics, theme: Theme,
                note: String = "f* reached (to rounding)") -> Layer {
    let y = window.map(Point(window.x.lowerBound, floor), into: plot).y
    return Layer(name: "loss-floor", viewport: plot, marks: [
        .stroke([Point(plot.x, y), Point(plot.maxX, y)], LineStyle(color: theme.ink.withAlpha(0.6), width: max(0.8, m.scale),
                                                                 dash: [5 * m.scale, 3 * m.scale])),
        .text(note, at: Point(plot.x + m.gap, y - 3 * m.text),
              TextStyle(size: m.note, color: theme.mutedInk, alignment: TextAlignment(.left, .bottom))),
    ])
}

/// The figure of optimizer paths on a surface, from full trajectories (reduced here for the
/// figure's resolution). See ``surfaceScene(surface:paths:options:)``.
///
///     let figure = surfaceFigure(surface: rosenbrock, paths: runs, options: SurfacePlotOptions())
///     let png = try render(figure, format: .png)     // CairoRender
public func surfaceFigure(surface: any Surface, paths: [Trajectory], options: SurfacePlotOptions = SurfacePlotOptions()) -> Figure {
    let resolution = PlotResolution(surface: surface, options: options)
    return surfaceScene(surface: surface, paths: paths.map { PlotPath($0, resolution: resolution) }, options: options).figure()
}
