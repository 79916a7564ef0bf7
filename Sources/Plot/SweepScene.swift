import RealModule
import Surfaces

/// What a learning-rate sweep's figure shows: one row per optimizer spec, one column per rate,
/// each cell the run (or the noisy runs) of that spec at that rate with its score.
public struct SweepFigure: Sendable {
    /// One row: an optimizer spec.
    public struct Row: Hashable, Sendable {
        /// Beside the row and in the legend: the spec's legend text (`adam`, `adam beta1=0.8`).
        public var title: String
        /// The registry name: the key of the row's colour.
        public var optimizer: String
        /// The spec's `color=`, if any.
        public var color: UInt32?
        public init(title: String, optimizer: String, color: UInt32? = nil) {
            self.title = title; self.optimizer = optimizer; self.color = color
        }
    }

    /// A cell's score under the sweep's metric.
    public enum Score: Hashable, Sendable {
        case value(Double)
        case notReached
        case diverged
    }

    /// One run (or one spec's noisy runs) at one rate.
    public struct Cell: Sendable {
        /// Reduced for the figure's page; noisy runs share a cell (a bold median over faint runs).
        public var paths: [PlotPath]
        public var score: Score
        /// What the cell says in its corner: `1.2e-05`, `diverged at 17`.
        public var note: String
        public init(paths: [PlotPath], score: Score, note: String) {
            self.paths = paths; self.score = score; self.note = note
        }
    }

    public var rows: [Row]
    /// The columns' learning rates, increasing.
    public var rates: [Double]
    /// Row by row: `cells[r * rates.count + c]`.
    public var cells: [Cell]
    /// The sensitivity panel's y title: `final f − f*`.
    public var metricTitle: String
    /// Whether the metric is drawn on a log axis (final loss, distance) or a linear one (steps).
    public var metricLog: Bool
    /// The title and subtitle unless the options set them.
    public var title: String
    public var subtitle: String

    public init(rows: [Row], rates: [Double], cells: [Cell], metricTitle: String, metricLog: Bool,
                title: String, subtitle: String) {
        precondition(cells.count == rows.count * rates.count, "one cell per row and rate")
        self.rows = rows; self.rates = rates; self.cells = cells; self.metricTitle = metricTitle
        self.metricLog = metricLog; self.title = title; self.subtitle = subtitle
    }
}

extension SweepFigure {
    /// The page a sweep of this shape is drawn on by default: cells about 150 px wide (larger when
    /// there are few columns) shaped like the window, room for the titles, the colorbar, the
    /// sensitivity panel under the grid (`layout == .both`) and the legend. `options.width` and
    /// `height` replace it.
    public func pageSize(surface: any Surface, options: SurfacePlotOptions) -> (width: Int, height: Int) {
        let natural = naturalSize(surface: surface, options: options)
        return (options.width ?? natural.0, options.height ?? natural.1)
    }

    func naturalSize(surface: any Surface, options: SurfacePlotOptions) -> (Int, Int) {
        let columns = max(1, rates.count)
        let cell: Double = columns <= 3 ? 280 : columns <= 6 ? 210 : columns <= 9 ? 175 : 150
        let aspect = cellAspect(options.window(for: surface), options: options)
        let width = 32 + 100 + Double(columns) * (cell + 12) + 110
        let sensitivity = options.layout == .both ? 330.0 : 0
        let height = 32 + 80 + 26 + Double(rows.count) * (cell * aspect + 10) + 56 + sensitivity + 40 + 24 * Double((rows.count + 3) / 4 + 1)
        return (Int(min(max(width, 900), 6000).rounded()), Int(min(max(height, 560), 6000).rounded()))
    }
}

/// The shape of a study's cells: equal units (the window's height over its width), or with
/// `--aspect auto` the window's shape within 1:2 and 2:1.
func cellAspect(_ view: DataWindow, options: SurfacePlotOptions) -> Double {
    let ratio = (view.y.upperBound - view.y.lowerBound) / (view.x.upperBound - view.x.lowerBound)
    return options.equalAspect(for: view) ? ratio : min(max(ratio, 0.5), 2)
}

/// A learning rate as a column title: `10⁻⁴` for a power of ten, `0.0316` from 0.001 to 10⁴,
/// `2.15×10⁻⁴` otherwise.
func rateLabel(_ v: Double) -> String {
    let e = Double.log10(v)
    if abs(e - e.rounded()) < 1e-9 { return Ticks.logLabel(v) }
    if v >= 1e-3 && v < 1e4 {
        let digits = max(0, 2 - Int(e.rounded(.down)))
        return Ticks.fixed(v, decimals: min(digits, 6)).replacingTrailingZeros()
    }
    return Ticks.scientific(v)
}

/// The figure of a learning-rate sweep: a grid of contour panels, one row per optimizer spec and
/// one column per rate, each with the path at that rate and its score in the corner; under the
/// grid (`layout == .both`), the sensitivity panel: the score against the rate on a log axis, one
/// line per spec, each rate's point under its column; one legend below.
///
/// Panels share their axes and the contour colorbar. A diverged run is marked with a cross where
/// it stopped and on the top edge of the sensitivity panel; a run that never reached the
/// tolerance of `steps-to` with an open triangle there.
///
/// - Complexity: one contour grid for all the panels, plus the reduced paths.
public func sweepScene(surface: any Surface, sweep: SweepFigure, options: SurfacePlotOptions = SurfacePlotOptions()) -> Figure {
    let natural = sweep.naturalSize(surface: surface, options: options)
    let (width, height) = sweep.pageSize(surface: surface, options: options)
    let theme = options.theme ?? .light
    let colormap = options.colormap ?? .viridis
    let m = Metrics(width: width, height: height, reference: (Double(natural.0), Double(natural.1)),
                    fontScale: options.fontScale ?? 1)
    let W = Double(width), H = Double(height)
    let view = options.window(for: surface)
    let xr = view.x, yr = view.y
    let rows = sweep.rows.count, columns = sweep.rates.count
    var sized = options
    sized.width = width; sized.height = height
    let resolution = PlotResolution(surface: surface, options: sized)
    let showsSensitivity = options.layout == .both
    let margin = m.margin

    let rowStyles = sweep.rows.map { PathPalette.style(for: $0.optimizer, lineWidth: m.pathWidth * 0.85, color: $0.color) }
    let drawn: [DrawnPath?] = sweep.cells.enumerated().map { k, cell in
        guard !cell.paths.isEmpty else { return nil }
        var d = drawnPaths(cell.paths, resolution: resolution, lineWidth: m.pathWidth * 0.85)[0]
        d.style = rowStyles[k / max(columns, 1)]
        return d
    }
    let title = TitleBlock(title: options.title ?? sweep.title, subtitle: options.subtitle ?? sweep.subtitle,
                           width: W - 2 * margin, m: m, theme: theme)
    let minima = surface.minima.filter { xr.contains($0.point.x) && yr.contains($0.point.y) }
    let markerEdge = LineStyle(color: Color(hex: 0x1A1A1A), width: 1.2 * m.scale)

    // The sensitivity panel's axes.
    let scores = sweep.cells.map(\.score)
    let model = SensitivityAxis(scores: scores, log: sweep.metricLog, title: sweep.metricTitle)
    let anyDiverged = scores.contains(.diverged) || drawn.contains { $0?.main.divergedAt != nil }
    let anyNotReached = scores.contains(.notReached)

    var entries = zip(sweep.rows, rowStyles).map { row, style in LegendEntry(sample: .path(style), label: row.title) }
    if drawn.contains(where: { d in d.map { $0.main.start.map { xr.contains($0.x) && yr.contains($0.y) } ?? false } ?? false }) {
        entries.append(LegendEntry(sample: .marker(.circle, fill: .white, edge: markerEdge), label: "start"))
    }
    if !minima.isEmpty { entries.append(LegendEntry(sample: .marker(.star, fill: .white, edge: markerEdge), label: "global minimum")) }
    if anyDiverged {
        entries.append(LegendEntry(sample: .marker(.cross, fill: theme.mutedInk, edge: LineStyle(color: theme.background, width: 1.1 * m.scale)),
                                   label: "diverged"))
    }
    if anyNotReached {
        entries.append(LegendEntry(sample: .marker(.triangleUp, fill: theme.background, edge: LineStyle(color: theme.mutedInk, width: 1.3 * m.scale)),
                                   label: "not reached"))
    }
    if drawn.contains(where: { d in d.map { $0.main.isOutside() && $0.main.lastStep >= 0 } ?? false }) {
        entries.append(LegendEntry(sample: .marker(.triangleRight, fill: theme.mutedInk, edge: nil), label: "left the plot"))
    }

    // Rows of panels; the sensitivity panel under them, as wide as the grid.
    let aspect = cellAspect(view, options: options)
    let xAxis = AxisSpec.linear(xr, title: "x", target: 3), yAxis = AxisSpec.linear(yr, title: "y", target: 3)
    let columnTitles = sweep.rates.map { "lr = " + rateLabel($0) }
    let rowTitles = sweep.rows.map(\.title)
    let sensitivityHeight = showsSensitivity ? min(330 * m.text, max(150, H * 0.34)) : 0
    let sensitivityAxis = model.axis
    let gridLeft = m.panelTitle * 1.5 + leftAxisRoom(yAxis, m)
    let extraLeft = showsSensitivity ? max(0, leftAxisRoom(sensitivityAxis, m) - gridLeft) : 0
    func gridSpec(bar: AxisSpec) -> PanelGridSpec {
        PanelGridSpec(count: rows * columns, columns: columns, aspect: aspect, x: xAxis, y: yAxis,
                      columnTitles: columnTitles, rowTitles: rowTitles, colorbar: bar)
    }
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m, theme: theme)
    let top = margin + title.height + (title.height > 0 ? 4 * m.text : 0)
    let bottom = H - margin - legend.height - (legend.rows > 0 ? 8 * m.text : 0)
    let sensitivityBlock = showsSensitivity ? sensitivityHeight + bottomAxisRoom(m) + 14 * m.text : 0
    let gridBody = Rect(x: margin + extraLeft, y: top, width: W - 2 * margin - extraLeft, height: max(40, bottom - top - sensitivityBlock))

    let guess = PanelGridLayout(gridSpec(bar: AxisSpec(ticks: [0], labels: ["10⁻⁴"], title: "f")), in: gridBody, m: m)
    let samples = min(300, max(40, Int((max(guess.cells[0].width, guess.cells[0].height) * 0.8).rounded())))
    let grid = Grid.sample(surface, x: xr, y: yr, nx: samples, ny: samples)
    let scale = options.scale ?? surface.levelScale
    let count = min(200, max(2, options.levels ?? (scale == .log ? 20 : 14)))
    let levels = ContourLevels.choose(count: count, scale: scale, gridRange: grid.range, minimumValue: surface.minimumValue)
    let bounds = levels.bounds[0]...levels.bounds[levels.count]
    let barTitle = levels.offset == 0 ? "f(x, y)" : "f(x, y) − f*"
    let barAxis = levels.scale == .log ? AxisSpec.log(bounds, title: barTitle) : AxisSpec.linear(bounds, title: barTitle, target: 6)
    var layout = PanelGridLayout(gridSpec(bar: barAxis), in: gridBody, m: m)
    // The grid, the sensitivity panel and the legend as one block, centred in the page under the title.
    let span = layout.contentSpan(m, cellTitleLines: 0)
    let columnTitleRoom = m.panelTitle * 1.55
    let blockHeight = span.bottom - span.top + columnTitleRoom + sensitivityBlock + (legend.rows > 0 ? 8 * m.text + legend.height : 0)
    let spare = H - margin - top - blockHeight
    layout = layout.shifted(by: top + columnTitleRoom + max(0, spare) / 2 - span.top)
    let gridBottom = layout.contentSpan(m, cellTitleLines: 0).bottom

    var background: [Layer] = []
    var overlay: [Layer] = []
    let plot0 = layout.cells[0]
    let contour = contourMarks(grid: grid, levels: levels, colormap: colormap, window: view,
                               width: plot0.width, height: plot0.height, m: m)
    let undefined = undefinedMarks(grid: grid, window: view, width: plot0.width, height: plot0.height, m: m, theme: theme)
    let starSize = min(19 * m.scale, max(9, plot0.width * 0.08))
    let stars: [Mark] = minima.map { .marker($0.point, .star, size: starSize, fill: .white, edge: markerEdge) }
    let noteStyle = TextStyle(size: m.note, color: theme.ink, alignment: TextAlignment(.left, .top))
    for (k, plot) in layout.cells.enumerated() {
        background.append(Layer(name: "contour", viewport: plot, window: view, clips: true, marks: contour))
        if !undefined.isEmpty { background.append(Layer(name: "undefined", viewport: plot, window: view, clips: true, marks: undefined)) }
        if !stars.isEmpty { background.append(Layer(name: "minima", viewport: plot, window: view, clips: true, marks: stars)) }
        let (axes, _) = axesLayer(name: "contour-axes", plot: plot, window: view, x: xAxis, y: yAxis, m: m, theme: theme,
                                  frame: theme.frame, parts: layout.parts[k])
        background.append(axes)
        if let d = drawn[k] {
            overlay.append(Layer(name: "paths", group: .overlay, viewport: plot, window: view, clips: true,
                                 marks: pathMarks([d], order: [0], through: nil, plot: plot, m: m)))
            overlay.append(Layer(name: "path-markers", group: .overlay, viewport: plot, window: view, clips: false,
                                 marks: markerMarks([d], order: [0], through: nil, window: view, plot: plot, m: m, theme: theme)))
        }
        // The score in the top-left corner, on a pale box so that it reads on any band.
        let note = sweep.cells[k].note
        if !note.isEmpty {
            let size = min(m.note, plot.width / max(1, Double(note.count)) * 1.7)
            var style = noteStyle
            style.size = size
            let w = TextMetrics.width(note, size: size) + 2 * m.gap * 0.6, h = size * 1.35
            let box = Rect(x: plot.x + 1, y: plot.y + 1, width: min(w, plot.width - 2), height: h)
            overlay.append(Layer(name: "cell-score", group: .overlay, viewport: box, marks: [
                .fill([[Point(box.x, box.y), Point(box.maxX, box.y), Point(box.maxX, box.maxY), Point(box.x, box.maxY)]],
                      theme.background.withAlpha(0.78)),
                .text(note, at: Point(box.x + m.gap * 0.6, box.y + size * 0.15), style),
            ]))
        }
    }
    // Column and row titles, and the grid's axis titles once.
    let grid0 = layout.gridPlot
    var titles: [Mark] = []
    for (c, text) in columnTitles.enumerated() where c < layout.cells.count {
        let cell = layout.cells[c]
        let size = min(m.panelTitle, m.panelTitle * cell.width / max(1, TextMetrics.width(text, size: m.panelTitle) + 4))
        titles.append(.text(text, at: Point(cell.x + cell.width / 2, cell.y - m.tickLabel * 0.6 - 3 * m.text),
                            TextStyle(size: size, color: theme.ink, bold: true, alignment: TextAlignment(.center, .bottom))))
    }
    let rowTitleX = grid0.x - leftAxisRoom(yAxis, m) - m.panelTitle * 0.3
    for (r, text) in rowTitles.enumerated() where r * columns < layout.cells.count {
        let cell = layout.cells[r * columns]
        let fitted = truncated(text, width: cell.height, size: m.panelTitle)
        titles.append(.text(fitted, at: Point(rowTitleX, cell.y + cell.height / 2),
                            TextStyle(size: m.panelTitle, color: rowStyles[r].color.luminance > 0.5 ? theme.ink : rowStyles[r].color,
                                      bold: true, alignment: TextAlignment(.center, .bottom), angle: Double.pi / 2)))
    }
    titles.append(.text(xAxis.title, at: Point(grid0.x + grid0.width / 2, grid0.maxY + m.tickLength + m.gap + m.tickLabel * 1.2 + m.gap * 1.5),
                        TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top))))
    background.append(Layer(name: "sweep-titles", viewport: Rect(x: 0, y: 0, width: W, height: H), marks: titles))
    var regions: [String: Rect] = ["grid": grid0]
    for (k, plot) in layout.cells.enumerated() { regions["cell-\(k)"] = plot }
    if let bar = layout.colorbar {
        let (layers, region) = colorbarLayers(bar: bar, levels: levels, axis: barAxis, colormap: colormap, m: m, theme: theme)
        background += layers
        regions["colorbar"] = region
    }

    // The sensitivity panel: each rate's point under its column.
    if showsSensitivity {
        let plot = Rect(x: grid0.x, y: gridBottom + 14 * m.text, width: grid0.width, height: sensitivityHeight)
        let centres = (0..<columns).map { layout.cells[$0].x + layout.cells[$0].width / 2 }
        let logs = sweep.rates.map { Double.log10($0) }
        // Pixels per decade from the first and last columns (one column: a decade across the panel).
        let perDecade = columns > 1 && logs[columns - 1] > logs[0] ? (centres[columns - 1] - centres[0]) / (logs[columns - 1] - logs[0]) : plot.width
        let lo = logs[0] - (centres[0] - plot.x) / perDecade, hi = logs[0] + (plot.maxX - centres[0]) / perDecade
        let window = DataWindow(x: Double.pow(10, lo)...Double.pow(10, hi), y: model.range, xLog: true, yLog: model.log)
        let xAxisRates = AxisSpec.log(window.x, title: "learning rate")
        background.append(gridLayer(name: "sensitivity-grid", plot: plot, window: window, x: xAxisRates, y: sensitivityAxis, m: m, theme: theme))
        let (axes, region) = axesLayer(name: "sensitivity-axes", plot: plot, window: window, x: xAxisRates, y: sensitivityAxis, m: m, theme: theme)
        background.append(axes)
        regions["sensitivity"] = region
        regions["sensitivity-plot"] = plot
        if let floor = model.floor {
            background.append(zeroFloorLayer(floor, plot: plot, window: window, m: m, theme: theme))
        }
        var marks: [Mark] = []
        var edgeMarks: [Mark] = []
        for r in 0..<rows {
            let style = rowStyles[r]
            var runs: [[Point]] = [[]]
            var points: [Point] = []
            for c in 0..<columns {
                let score = sweep.cells[r * columns + c].score
                let x = sweep.rates[c]
                if case .value(let v) = score, let y = model.y(v) {
                    runs[runs.count - 1].append(Point(x, y))
                    points.append(Point(x, y))
                } else {
                    if !runs[runs.count - 1].isEmpty { runs.append([]) }
                    let px = window.map(Point(x, window.y.lowerBound), into: plot).x
                    // Off the scale: on the top edge, stacked a little per row so that rows do not hide each other.
                    let py = plot.y - 5 * m.scale - Double(r) * 3 * m.scale
                    if score == .diverged {
                        edgeMarks.append(.marker(Point(px, py), .cross, size: 11 * m.scale, fill: style.color,
                                                 edge: LineStyle(color: style.halo, width: 1.1 * m.scale)))
                    } else {
                        edgeMarks.append(.marker(Point(px, py), .triangleUp, size: 11 * m.scale, fill: theme.background,
                                                 edge: LineStyle(color: style.color, width: 1.6 * m.scale)))
                    }
                }
            }
            let lineWidth = 0.8 * m.pathWidth
            for line in runs where line.count >= 2 {
                if style.color.luminance > 0.3 {
                    marks.append(.stroke(line, LineStyle(color: style.halo.withAlpha(0.45), width: lineWidth + 1.6 * m.scale)))
                }
                marks.append(.stroke(line, LineStyle(color: style.color, width: lineWidth, dash: style.dash.map { $0 * 0.8 })))
            }
            for p in points {
                marks.append(.marker(p, .circle, size: 8 * m.scale, fill: style.color, edge: LineStyle(color: style.halo, width: 1.1 * m.scale)))
            }
        }
        overlay.append(Layer(name: "sensitivity", group: .overlay, viewport: plot, window: window, clips: false, marks: marks))
        if !edgeMarks.isEmpty { overlay.append(Layer(name: "sensitivity-off-scale", group: .overlay, viewport: plot, marks: edgeMarks)) }
    }

    let content = regions.values.reduce(grid0) { $0.union($1) }
    let centre = min(max(content.x + content.width / 2, W / 2 - 40 * m.text), W / 2 + 40 * m.text)
    if title.height > 0 {
        let placed = title.placed(preferred: centre, pageWidth: W, margin: margin, m: m)
        let layer = placed.block.layer(centre: placed.centre, top: margin, width: placed.width)
        background.append(layer)
        regions["title"] = layer.viewport
    }
    if legend.rows > 0 {
        let legendTop = (showsSensitivity ? regions["sensitivity"]!.maxY : gridBottom) + 8 * m.text  // set above
        let layer = legend.layer(origin: Point(min(max(margin, centre - legend.width / 2), max(margin, W - margin - legend.width)), min(legendTop, H - margin - legend.height)))
        background.append(layer)
        regions["legend"] = layer.viewport
    }
    return Figure(width: width, height: height,
                  background: options.background == .transparent ? theme.background.withAlpha(0) : theme.background,
                  layers: background + overlay, regions: regions)
}

/// The sensitivity panel's y axis: a log axis over the positive scores (zero and below on a
/// marked floor under them), or a linear one from 0 (steps).
struct SensitivityAxis {
    var log: Bool
    var range: ClosedRange<Double>
    var floor: Double?
    var title: String

    init(scores: [SweepFigure.Score], log: Bool, title: String) {
        self.log = log
        self.title = title
        let values = scores.compactMap { if case .value(let v) = $0, v.isFinite { return v } else { return nil } }
        if log {
            let positive = values.filter { $0 > 0 }
            var lo = positive.min() ?? 0.1, hi = positive.max() ?? 10
            if !(hi > lo) { lo /= 3.16; hi *= 3.16 }
            lo = max(lo, 1e-290); hi = min(hi, 1e290)
            let pad = max(0.05 * Double.log10(hi / lo), 0.08)
            var lower = lo / Double.pow(10, pad)
            if values.contains(where: { $0 <= 0 }) {
                let f = lower / Double.pow(10, max(0.06 * Double.log10(hi / lo), 0.1))
                floor = f
                lower = f / Double.pow(10, 0.05)
            } else {
                floor = nil
            }
            range = lower...(hi * Double.pow(10, pad))
        } else {
            floor = nil
            let hi = max(values.max() ?? 1, 1)
            range = min(0, values.min() ?? 0)...(hi * 1.08)
        }
    }

    /// The plotted y of `v`: on a log axis, zero and below on the floor.
    func y(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        guard log else { return v }
        return v > 0 ? v : floor
    }

    var axis: AxisSpec { AxisSpec.make(range, log: log, title: title) }
}

/// The floor of a log axis where scores of exactly zero (or below) are drawn, marked `0`.
func zeroFloorLayer(_ floor: Double, plot: Rect, window: DataWindow, m: Metrics, theme: Theme) -> Layer {
    let y = window.map(Point(window.x.lowerBound, floor), into: plot).y
    return Layer(name: "sensitivity-floor", viewport: plot, marks: [
        .stroke([Point(plot.x, y), Point(plot.maxX, y)], LineStyle(color: theme.ink.withAlpha(0.6), width: max(0.8, m.scale),
                                                                 dash: [5 * m.scale, 3 * m.scale])),
        .text("0", at: Point(plot.x - m.tickLength - m.gap, y),
              TextStyle(size: m.tickLabel, color: theme.mutedInk, alignment: TextAlignment(.right, .middle))),
    ])
}
