import RealModule
import Surfaces

/// What a basin map shows: for every start of a grid over the window, where one optimizer's run
/// from there ended up, one panel per optimizer spec (and rate).
public struct BasinFigure: Sendable {
    /// Where a run from one start ended up.
    public enum Cell: Hashable, Sendable {
        /// Reached listed minimum k (an index into ``minima``).
        case minimum(Int)
        /// Ended in the window near no listed minimum.
        case elsewhere
        /// Ended outside the window.
        case left
        case diverged
        /// The start is where f is undefined.
        case undefined
        /// Coloured by a metric (surfaces without listed minima, or `--metric` given).
        case value(Double)
        /// `steps-to`: never within the tolerance.
        case notReached
    }

    /// One map: one optimizer spec at one rate.
    public struct Panel: Sendable {
        /// Over the panel (`adam lr=0.05`).
        public var title: String
        /// The registry name: the key of the title's colour sample.
        public var optimizer: String
        public var color: UInt32?
        /// One per start, ``StartGrid``'s order: row by row from the lowest y, each from the lowest x.
        public var cells: [Cell]
        public init(title: String, optimizer: String, color: UInt32? = nil, cells: [Cell]) {
            self.title = title; self.optimizer = optimizer; self.color = color; self.cells = cells
        }
    }

    /// The start grid: `columns × rows` points over `x × y`, edges included.
    public var columns: Int
    public var rows: Int
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var panels: [Panel]
    /// Panels per row of the page; nil: the count that makes them largest.
    public var panelColumns: Int?
    /// With several rates: the titles over the columns (rates) and beside the rows (specs); the
    /// panels then carry no title of their own.
    public var columnTitles: [String]
    public var rowTitles: [String]
    /// The surface's listed minima and how the legend names them (`(3, 2)`).
    public var minima: [Point]
    public var minimumLabels: [String]
    /// Coloured by a metric: its title and scale; nil: by the minimum reached.
    public var metricTitle: String?
    public var metricLog: Bool
    public var title: String
    public var subtitle: String

    public init(columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>, panels: [Panel],
                panelColumns: Int? = nil, columnTitles: [String] = [], rowTitles: [String] = [],
                minima: [Point], minimumLabels: [String], metricTitle: String? = nil, metricLog: Bool = true,
                title: String, subtitle: String) {
        precondition(panels.allSatisfy { $0.cells.count == columns * rows }, "one cell per start")
        self.columns = columns; self.rows = rows; self.x = x; self.y = y; self.panels = panels
        self.panelColumns = panelColumns; self.columnTitles = columnTitles; self.rowTitles = rowTitles
        self.minima = minima; self.minimumLabels = minimumLabels; self.metricTitle = metricTitle
        self.metricLog = metricLog; self.title = title; self.subtitle = subtitle
    }

    /// The colours of the minima's basins: Paul Tol's "light" scheme (SRON technical note, 2021),
    /// pale enough for the iso-lines and the minima's stars to read on them, distinct under
    /// colour blindness; then the same scheme darker.
    public static let minimumColors: [UInt32] = [0x77AADD, 0xEE8866, 0xEEDD88, 0x44BB99, 0xFFAABB, 0x99DDFF, 0xBBCC33, 0xAAAA00]

    /// The colour of minimum k's basin.
    public static func color(ofMinimum k: Int) -> Color {
        let base = Color(hex: minimumColors[k % minimumColors.count])
        return k < minimumColors.count ? base : base.mixed(with: .black, amount: min(0.6, 0.25 * Double(k / minimumColors.count)))
    }

    static let elsewhereColor = Color(hex: 0xDDDDDD)
    static let leftColor = Color(hex: 0x9E9E9E)
    static let divergedColor = Color(hex: 0x3B3B3B)

    /// How many panel columns the page has.
    func pageColumns() -> Int {
        if !columnTitles.isEmpty { return max(1, columnTitles.count) }
        if let panelColumns { return max(1, min(panelColumns, panels.count)) }
        let n = panels.count
        return n <= 3 ? n : Int(Double(n).squareRoot().rounded(.up))
    }

    /// The default page: panels of 420 px (one or two), 330 (up to four), 260 (more), shaped like
    /// the window; `options.width` and `height` replace it.
    public func pageSize(options: SurfacePlotOptions) -> (width: Int, height: Int) {
        let natural = naturalSize(options: options)
        return (options.width ?? natural.0, options.height ?? natural.1)
    }

    func naturalSize(options: SurfacePlotOptions) -> (Int, Int) {
        let c = pageColumns()
        let r = (panels.count + c - 1) / c
        let n = panels.count
        let cell: Double = n <= 2 ? 420 : n <= 4 ? 330 : 260
        let view = DataWindow(x: widened(options.xlim ?? x), y: widened(options.ylim ?? y))
        let aspect = cellAspect(view, options: options)
        let width = 32 + 110 + Double(c) * (cell + 16) + (metricTitle == nil ? 0 : 110)
        let height = 32 + 80 + Double(r) * (cell * aspect + 60) + 60 + 30 * 2
        return (Int(min(max(width, 700), 6000).rounded()), Int(min(max(height, 500), 6000).rounded()))
    }
}

/// The figure of a basin map: one panel per optimizer spec (rows × rates when there are several
/// rates), each start's cell coloured by where the run from it ended (the basin of the listed
/// minimum it reached, on a categorical palette, with the minima as stars in their basin's colour),
/// or by the metric on the colormap when the surface lists no minimum; the surface's iso-lines
/// over it; a bar under each panel's title with the share of starts in each category; a legend.
///
/// - Complexity: O(panels × starts) cells (merged into one rectangle per run of equal cells in a
///   row), plus one contour grid for the iso-lines.
public func basinScene(surface: any Surface, basins: BasinFigure, options: SurfacePlotOptions = SurfacePlotOptions()) -> Figure {
    let natural = basins.naturalSize(options: options)
    let (width, height) = basins.pageSize(options: options)
    let theme = options.theme ?? .light
    let colormap = options.colormap ?? .viridis
    let m = Metrics(width: width, height: height, reference: (Double(natural.0), Double(natural.1)), fontScale: options.fontScale ?? 1)
    let W = Double(width), H = Double(height)
    let view = options.window(for: surface)
    let xr = view.x, yr = view.y
    let margin = m.margin
    let byMetric = basins.metricTitle != nil
    let grid2D = basins.columnTitles.count > 0
    let panelColumns = basins.pageColumns()

    // Metric colours: a log or linear scale over the values shown.
    let values = basins.panels.flatMap { $0.cells.compactMap { if case .value(let v) = $0, v.isFinite { return v } else { return nil } } }
    let metricAxis = SensitivityAxis(scores: values.map { .value($0) }, log: basins.metricLog, title: basins.metricTitle ?? "")
    func metricColor(_ v: Double) -> Color {
        let r = metricAxis.range
        let t: Double
        if metricAxis.log {
            let y = metricAxis.y(v) ?? r.lowerBound
            t = (Double.log10(y) - Double.log10(r.lowerBound)) / (Double.log10(r.upperBound) - Double.log10(r.lowerBound))
        } else {
            t = (v - r.lowerBound) / (r.upperBound - r.lowerBound)
        }
        return colormap.color(at: min(max(t, 0), 1))
    }
    func color(_ cell: BasinFigure.Cell) -> Color {
        switch cell {
        case .minimum(let k): return BasinFigure.color(ofMinimum: k)
        case .elsewhere, .notReached: return BasinFigure.elsewhereColor
        case .left: return BasinFigure.leftColor
        case .diverged: return BasinFigure.divergedColor
        case .undefined: return theme.undefinedFill
        case .value(let v): return metricColor(v)
        }
    }

    // Legend: the categories present, in a fixed order.
    let all = Set(basins.panels.flatMap(\.cells).map { cell -> BasinFigure.Cell in
        if case .value = cell { return .value(0) }
        return cell
    })
    let swatchEdge = LineStyle(color: theme.mutedInk, width: max(0.6, 0.8 * m.scale))
    var entries: [LegendEntry] = []
    if !byMetric {
        for (k, label) in basins.minimumLabels.enumerated() where all.contains(.minimum(k)) || k < basins.minima.count {
            entries.append(LegendEntry(sample: .marker(.square, fill: BasinFigure.color(ofMinimum: k), edge: swatchEdge),
                                       label: "reached " + label))
        }
    }
    let categories: [(BasinFigure.Cell, String)] = [
        (.elsewhere, "ended elsewhere (local minimum, saddle or still moving)"), (.notReached, "tolerance not reached"),
        (.left, "left the plot"), (.diverged, "diverged"),
    ]
    for (cell, label) in categories where all.contains(cell) {
        entries.append(LegendEntry(sample: .marker(.square, fill: color(cell), edge: swatchEdge), label: label))
    }
    if all.contains(.undefined) {
        entries.append(LegendEntry(sample: .hatch(fill: theme.undefinedFill, lines: theme.hatch), label: "f undefined at the start"))
    }

    let title = TitleBlock(title: options.title ?? basins.title, subtitle: options.subtitle ?? basins.subtitle,
                           width: W - 2 * margin, m: m, theme: theme)
    let aspect = cellAspect(view, options: options)
    let xAxis = AxisSpec.linear(xr, title: "x", target: 4), yAxis = AxisSpec.linear(yr, title: "y", target: 4)
    let barAxis: AxisSpec? = byMetric ? metricAxis.axis : nil
    // Each panel's title (unless rows and columns are titled) and its share bar take two lines.
    let spec = PanelGridSpec(count: basins.panels.count, columns: panelColumns, aspect: aspect, x: xAxis, y: yAxis,
                             cellTitles: true, cellTitleLines: grid2D ? 1 : 2,
                             columnTitles: basins.columnTitles, rowTitles: basins.rowTitles, colorbar: barAxis)
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m, theme: theme)
    let top = margin + title.height + (title.height > 0 ? 4 * m.text : 0)
    let bottom = H - margin - legend.height - (legend.rows > 0 ? 8 * m.text : 0)
    var layout = PanelGridLayout(spec, in: Rect(x: margin, y: top, width: W - 2 * margin, height: max(40, bottom - top)), m: m)
    let titleLines = grid2D ? 1 : 2
    let span = layout.contentSpan(m, cellTitleLines: titleLines)
    let columnTitleRoom = grid2D ? m.panelTitle * 1.55 : 0
    let blockHeight = span.bottom - span.top + columnTitleRoom + (legend.rows > 0 ? 8 * m.text + legend.height : 0)
    let spare = H - margin - top - blockHeight
    layout = layout.shifted(by: top + columnTitleRoom + max(0, spare) / 2 - span.top)
    let gridBottom = layout.contentSpan(m, cellTitleLines: titleLines).bottom

    // The surface's iso-lines over the cells, for orientation.
    let plot0 = layout.cells[0]
    let samples = min(300, max(40, Int((max(plot0.width, plot0.height) * 0.6).rounded())))
    let sampled = Grid.sample(surface, x: xr, y: yr, nx: samples, ny: samples)
    let scale = options.scale ?? surface.levelScale
    let levels = ContourLevels.choose(count: min(200, max(2, options.levels ?? 14)), scale: scale, gridRange: sampled.range,
                                      minimumValue: surface.minimumValue)
    let geometry = marchingSquares(sampled, levels: levels.thresholds.map { $0 + levels.offset })
    let sx = plot0.width / (xr.upperBound - xr.lowerBound), sy = plot0.height / (yr.upperBound - yr.lowerBound)
    let iso = geometry.lines.filter { !$0.isEmpty }.flatMap { $0.map { simplify($0, tolerance: 0.25, sx: sx, sy: sy) } }
    let isoMark = Mark.strokes(iso, LineStyle(color: theme == .dark ? Color(hex: 0x000000, alpha: 0.35) : Color(hex: 0x000000, alpha: 0.28),
                                              width: max(0.5, 0.6 * m.scale)))
    let markerEdge = LineStyle(color: Color(hex: 0x1A1A1A), width: 1.3 * m.scale)
    let stars: [Mark] = basins.minima.enumerated().compactMap { k, p in
        guard xr.contains(p.x), yr.contains(p.y) else { return nil }
        return .marker(p, .star, size: 19 * m.scale, fill: byMetric ? .white : BasinFigure.color(ofMinimum: k), edge: markerEdge)
    }

    // Each start's cell: half-way to its neighbours, clipped by the panel.
    let gx = (0..<basins.columns).map { i in i == basins.columns - 1 ? basins.x.upperBound
        : basins.x.lowerBound + Double(i) * (basins.x.upperBound - basins.x.lowerBound) / Double(basins.columns - 1) }
    let gy = (0..<basins.rows).map { j in j == basins.rows - 1 ? basins.y.upperBound
        : basins.y.lowerBound + Double(j) * (basins.y.upperBound - basins.y.lowerBound) / Double(basins.rows - 1) }
    func edges(_ v: [Double]) -> [Double] {
        var e = [v[0] - (v[1] - v[0]) / 2]
        for k in 0..<(v.count - 1) { e.append((v[k] + v[k + 1]) / 2) }
        e.append(v[v.count - 1] + (v[v.count - 1] - v[v.count - 2]) / 2)
        return e
    }
    let ex = edges(gx), ey = edges(gy)

    var background: [Layer] = []
    var regions: [String: Rect] = [:]
    for (k, plot) in layout.cells.enumerated() {
        let panel = basins.panels[k]
        // One rectangle per run of equal cells along a row, one fill per colour.
        var rings: [Color: [[Point]]] = [:]
        var order: [Color] = []
        for j in 0..<basins.rows {
            var i = 0
            while i < basins.columns {
                let cell = panel.cells[j * basins.columns + i]
                var end = i + 1
                while end < basins.columns && panel.cells[j * basins.columns + end] == cell { end += 1 }
                let c = color(cell)
                if rings[c] == nil { order.append(c) }
                rings[c, default: []].append([Point(ex[i], ey[j]), Point(ex[end], ey[j]), Point(ex[end], ey[j + 1]), Point(ex[i], ey[j + 1])])
                i = end
            }
        }
        var marks: [Mark] = order.map { .fill(rings[$0]!, $0) }  // every colour in order has rings
        let undefinedRings = (0..<basins.rows).flatMap { j in (0..<basins.columns).compactMap { i -> [Point]? in
            panel.cells[j * basins.columns + i] == .undefined
                ? [Point(ex[i], ey[j]), Point(ex[i + 1], ey[j]), Point(ex[i + 1], ey[j + 1]), Point(ex[i], ey[j + 1])] : nil
        } }
        if !undefinedRings.isEmpty {
            let toPixels = undefinedRings.map { $0.map { Point(($0.x - xr.lowerBound) * sx, -($0.y - yr.lowerBound) * sy) } }
            let lines = hatchLines(rings: toPixels, spacing: 6 * m.scale).map { $0.map { Point(xr.lowerBound + $0.x / sx, yr.lowerBound - $0.y / sy) } }
            marks.append(.strokes(lines, LineStyle(color: theme.hatch, width: max(0.6, 0.8 * m.scale))))
        }
        marks.append(isoMark)
        marks += stars
        background.append(Layer(name: "basins", viewport: plot, window: view, clips: true, marks: marks))
        let (axes, _) = axesLayer(name: "basin-axes", plot: plot, window: view, x: xAxis, y: yAxis, m: m, theme: theme,
                                  frame: theme.frame, parts: layout.parts[k])
        background.append(axes)
        regions["cell-\(k)"] = plot

        // Over the panel: its title (unless the grid is titled by rows and columns) and the share bar.
        let style = PathPalette.style(for: panel.optimizer, lineWidth: m.pathWidth, color: panel.color)
        var head: [Mark] = []
        let barHeight = 7 * m.scale
        let barY = plot.y - barHeight - 4 * m.text
        if !grid2D {
            let sample = 22 * m.text
            let size = min(m.panelTitle, m.panelTitle * (plot.width - sample - m.gap) / max(1, TextMetrics.width(panel.title, size: m.panelTitle)))
            let textWidth = TextMetrics.width(panel.title, size: size)
            let x0 = plot.x + max(0, (plot.width - sample - m.gap - textWidth) / 2)
            let y = barY - 5 * m.text - size * 0.6
            head += style.strokes([Point(x0, y), Point(x0 + sample, y)])
            head.append(.text(truncated(panel.title, width: plot.width - sample - m.gap, size: size), at: Point(x0 + sample + m.gap, y),
                              TextStyle(size: size, color: theme.ink, alignment: TextAlignment(.left, .middle))))
        }
        if !byMetric {
            var counts: [Color: Int] = [:]
            var shown: [Color] = []
            let cells = panel.cells
            for cell in basinOrder(cells) {
                let c = color(cell)
                if counts[c] == nil { shown.append(c) }
                counts[c, default: 0] += cells.filter { $0 == cell }.count
            }
            var x = plot.x
            for c in shown {
                let w = plot.width * Double(counts[c]!) / Double(max(1, cells.count))
                head.append(.fill([[Point(x, barY), Point(x + w, barY), Point(x + w, barY + barHeight), Point(x, barY + barHeight)]], c))
                x += w
            }
            head.append(.stroke([Point(plot.x, barY), Point(plot.maxX, barY), Point(plot.maxX, barY + barHeight),
                                 Point(plot.x, barY + barHeight), Point(plot.x, barY)], LineStyle(color: theme.frame, width: max(0.6, 0.8 * m.scale))))
        }
        background.append(Layer(name: "basin-title", viewport: Rect(x: plot.x, y: plot.y - 50 * m.text, width: plot.width, height: 50 * m.text), marks: head))
    }

    // Row and column titles (several rates), the grid's x title once.
    let grid0 = layout.gridPlot
    var titles: [Mark] = []
    for (c, text) in basins.columnTitles.enumerated() where c < layout.cells.count {
        let cell = layout.cells[c]
        titles.append(.text(text, at: Point(cell.x + cell.width / 2, cell.y - m.tickLabel * 0.6 - m.panelTitle * 1.4),
                            TextStyle(size: m.panelTitle, color: theme.ink, bold: true, alignment: TextAlignment(.center, .bottom))))
    }
    let rowTitleX = grid0.x - leftAxisRoom(yAxis, m) - m.panelTitle * 0.3
    for (r, text) in basins.rowTitles.enumerated() where r * panelColumns < layout.cells.count {
        let cell = layout.cells[r * panelColumns]
        titles.append(.text(truncated(text, width: cell.height, size: m.panelTitle), at: Point(rowTitleX, cell.y + cell.height / 2),
                            TextStyle(size: m.panelTitle, color: theme.ink, bold: true, alignment: TextAlignment(.center, .bottom), angle: Double.pi / 2)))
    }
    titles.append(.text(xAxis.title, at: Point(grid0.x + grid0.width / 2, grid0.maxY + m.tickLength + m.gap + m.tickLabel * 1.2 + m.gap * 1.5),
                        TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top))))
    background.append(Layer(name: "basin-titles", viewport: Rect(x: 0, y: 0, width: W, height: H), marks: titles))
    regions["grid"] = grid0

    if let bar = layout.colorbar, let barAxis {
        // The metric's colour scale, drawn as a smooth ramp of 128 steps.
        let r = metricAxis.range
        let window = DataWindow(x: 0...1, y: r, yLog: metricAxis.log)
        let n = 128
        let fills: [Mark] = (0..<n).map { k in
            let t0 = Double(k) / Double(n), t1 = Double(k + 1) / Double(n)
            func at(_ t: Double) -> Double {
                metricAxis.log ? Double.pow(10, Double.log10(r.lowerBound) + t * (Double.log10(r.upperBound) - Double.log10(r.lowerBound)))
                               : r.lowerBound + t * (r.upperBound - r.lowerBound)
            }
            return .fill([[Point(0, at(t0)), Point(1, at(t0)), Point(1, at(t1)), Point(0, at(t1))]], colormap.color(at: (t0 + t1) / 2))
        }
        var marks: [Mark] = [.stroke([Point(bar.x, bar.y), Point(bar.maxX, bar.y), Point(bar.maxX, bar.maxY),
                                      Point(bar.x, bar.maxY), Point(bar.x, bar.y)], LineStyle(color: theme.frame, width: m.spine))]
        let text = TextStyle(size: m.tickLabel, color: theme.mutedInk, alignment: TextAlignment(.left, .middle))
        for (t, label) in zip(barAxis.ticks, barAxis.labels) {
            let y = window.map(Point(0, t), into: bar).y
            guard y >= bar.y - 0.5 && y <= bar.maxY + 0.5 else { continue }
            marks.append(.stroke([Point(bar.maxX, y), Point(bar.maxX + m.tickLength, y)], LineStyle(color: theme.mutedInk, width: m.spine)))
            marks.append(.text(label, at: Point(bar.maxX + m.tickLength + m.gap, y), text))
        }
        let labelX = bar.maxX + m.tickLength + m.gap + barAxis.labelWidth(m) + m.gap * 1.5
        marks.append(.text(barAxis.title, at: Point(labelX, bar.y + bar.height / 2),
                           TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top), angle: Double.pi / 2)))
        background.append(Layer(name: "colorbar", viewport: bar, window: window, clips: true, marks: fills))
        background.append(Layer(name: "colorbar-axes", viewport: Rect(x: bar.x, y: bar.y, width: labelX - bar.x + m.axisLabel, height: bar.height), marks: marks))
        regions["colorbar"] = bar
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
        let layer = legend.layer(origin: Point(min(max(margin, centre - legend.width / 2), max(margin, W - margin - legend.width)), min(gridBottom + 8 * m.text, H - margin - legend.height)))
        background.append(layer)
        regions["legend"] = layer.viewport
    }
    return Figure(width: width, height: height,
                  background: options.background == .transparent ? theme.background.withAlpha(0) : theme.background,
                  layers: background, regions: regions)
}

/// The categories present in `cells`, in the share bar's order: minima by index, then elsewhere,
/// not reached, left, diverged, undefined.
func basinOrder(_ cells: [BasinFigure.Cell]) -> [BasinFigure.Cell] {
    func rank(_ c: BasinFigure.Cell) -> (Int, Int) {
        switch c {
        case .minimum(let k): return (0, k)
        case .elsewhere: return (1, 0)
        case .notReached: return (2, 0)
        case .left: return (3, 0)
        case .diverged: return (4, 0)
        case .undefined: return (5, 0)
        case .value: return (6, 0)
        }
    }
    var seen = Set<BasinFigure.Cell>()
    return cells.filter { seen.insert($0).inserted }.sorted { rank($0) < rank($1) }
}
