import RealModule
import Surfaces

/// The training record of one optimizer on the MNIST check.
public struct TrainingCurve: Sendable {
    /// The legend text, with the learning rate (`adam lr=0.01`).
    public var label: String
    /// The registry name: the key of the curve's colour (the same as its 2D paths').
    public var optimizer: String
    /// Training loss per iteration; `losses[0]` is iteration 1.
    public var losses: [Double]
    /// Test accuracy (0...1) measured at the given iterations (0: before training).
    public var accuracy: [(iteration: Int, accuracy: Double)]
    /// A spec's `color=` (0xRRGGBB), replacing the optimizer's colour.
    public var color: UInt32?

    public init(label: String, optimizer: String, losses: [Double], accuracy: [(iteration: Int, accuracy: Double)],
                color: UInt32? = nil) {
        self.label = label; self.optimizer = optimizer; self.losses = losses; self.accuracy = accuracy; self.color = color
    }
}

/// Three panels side by side for training runs: the training loss per iteration (log axis; the raw
/// values faint, a smoothed line over them), the test accuracy against iteration from before
/// training (iteration 0), and the first 100 iterations enlarged (linear axis). Each optimizer
/// has its 2D paths' colour; where two curves coincide the one drawn first is wider, so both show
/// (``PathStacking``). One legend below, outside the panels; markers are never clipped.
///
///     let figure = trainingFigure(curves: runs, title: "MLP on MNIST")
///
/// - Complexity: O(total number of points); what reaches the canvas is reduced per pixel column.
public func trainingFigure(curves: [TrainingCurve], title: String, width: Int = 1500, height: Int = 900,
                           theme: Theme = .light) -> Figure {
    let width = max(150, width), height = max(100, height)
    let m = Metrics(width: width, height: height, reference: (1500, 900))
    let W = Double(width), H = Double(height)
    let margin = m.margin
    let lineWidth = 0.9 * m.pathWidth
    var styles = curves.map { PathPalette.style(for: $0.optimizer, lineWidth: lineWidth, color: $0.color) }
    let entries = zip(curves, styles).map { LegendEntry(sample: .path($1), label: $0.label) }
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m, theme: theme)
    let legendTop = H - margin - legend.height
    let panelTitleTop = margin + m.title * 1.5
    let plotTop = panelTitleTop + m.axisLabel * 1.6
    let plotHeight = max(40, legendTop - 12 * m.text - bottomAxisRoom(m) - plotTop)

    // Data ranges, fitted to the data with a little room, so that nothing sits on a frame.
    let n = max(1, curves.map(\.losses.count).max() ?? 1)
    let positive = curves.flatMap(\.losses).filter { $0 > 0 && $0.isFinite }
    var hi = positive.max() ?? 1, lo = max(quantile(positive, 0.002) ?? hi / 10, hi * 1e-12)
    if !(lo < hi) { lo = hi / 10 }
    let pad = max(0.04 * Double.log10(hi / lo), 0.03)
    lo /= Double.pow(10, pad); hi *= Double.pow(10, pad)
    let accuracies = curves.flatMap { $0.accuracy.map { $0.accuracy * 100 } }.filter(\.isFinite)
    let accLow = max(0, ((accuracies.min() ?? 0) / 10).rounded(.down) * 10)
    let accRange = (accLow < 100 ? accLow : 90)...100.0
    let zoomN = min(100, n)
    let zoomLosses = curves.flatMap { $0.losses.prefix(zoomN) }.filter(\.isFinite)
    let zoomMax = zoomLosses.max() ?? 1, zoomMin = min(0, zoomLosses.min() ?? 0)
    let zoomRange = zoomMin...(zoomMax > zoomMin ? zoomMax * 1.05 : zoomMin + 1)
    // Iterations from 0 (before training) with 2 % of room on the right for the last marker.
    let iterations = 0...Double(max(2, n)) * 1.02
    let zoomIterations = 0...Double(max(2, zoomN)) * 1.02

    struct Panel { var title: String; var window: DataWindow; var x: AxisSpec; var y: AxisSpec }
    var panels = [
        Panel(title: "Training loss", window: DataWindow(x: iterations, y: lo...hi, yLog: true),
              x: .linear(iterations, title: "iteration"), y: .log(lo...hi, title: "loss")),
        Panel(title: "Test accuracy", window: DataWindow(x: iterations, y: accRange),
              x: .linear(iterations, title: "iteration"), y: .linear(accRange, title: "accuracy (%)")),
        Panel(title: "First \(zoomN) iterations", window: DataWindow(x: zoomIterations, y: zoomRange),
              x: .linear(zoomIterations, title: "iteration"), y: .linear(zoomRange, title: "loss")),
    ]
    let gap = 40 * m.text
    let rooms = panels.map { leftAxisRoom($0.y, m) }
    // The last x tick label is centred on the right edge of the last panel: keep room for its half.
    let rightRoom = m.tickLabel * 1.2
    let plotWidth = max(40, (W - 2 * margin - rightRoom - rooms.reduce(0, +) - 2 * gap) / 3)
    let xTarget = AxisSpec.xTarget(width: plotWidth, m)
    for k in panels.indices { panels[k].x = .linear(panels[k].window.x, title: "iteration", target: xTarget) }

    // Raw and smoothed series per curve, reduced to the panel's pixel columns.
    let columns = Int(plotWidth.rounded(.up)) + 1
    func reduce(_ points: [Point]) -> [Point] {
        var r = CurveReducer(steps: points.count, columns: columns)
        for (k, p) in points.enumerated() { r.add(p.y, step: k) }
        let c = r.finish()
        return c.steps.map { points[$0] }
    }
    let raw = curves.map { c in c.losses.enumerated().compactMap { i, v in v.isFinite ? Point(Double(i + 1), v) : nil } }
    let smooth = raw.map(smoothed)

    var layers: [Layer] = []
    var regions: [String: Rect] = [:]
    var x = margin
    var order = Array(curves.indices)
    for (k, panel) in panels.enumerated() {
        x += rooms[k]
        let plot = Rect(x: x, y: plotTop, width: plotWidth, height: plotHeight)
        if k == 0 && curves.count > 1 {
            // Curves that coincide (adam and adamw at weight decay 0): the covered one is widened.
            let window = DataWindow(x: iterations, y: Double.log10(lo)...Double.log10(hi))
            let stacking = PathStacking(footprints: smooth.map { line in
                Footprint(pieces: [line.map { Point($0.x, Double.log10(max($0.y, lo))) }], window: window)
            })
            order = stacking.order
            for i in styles.indices { styles[i].width *= stacking.widths[i] }
        }
        layers.append(gridLayer(name: "grid-\(k)", plot: plot, window: panel.window, x: panel.x, y: panel.y, m: m, theme: theme))
        var marks: [Mark] = [], markers: [Mark] = []
        for i in order {
            let style = styles[i]
            let line = LineStyle(color: style.color, width: style.width, dash: style.dash)
            switch k {
            case 1:
                let points = curves[i].accuracy.map { Point(Double($0.iteration), $0.accuracy * 100) }.filter(\.isFinite)
                if style.color.luminance > 0.3 { marks.append(.stroke(points, LineStyle(color: style.halo.withAlpha(0.45), width: style.width + 1.6 * m.scale))) }
                marks.append(.stroke(points, line))
                for p in points {
                    markers.append(.marker(p, .circle, size: 6 * m.scale, fill: style.color, edge: LineStyle(color: style.halo, width: 0.8 * m.scale)))
                }
            default:
                let floor = k == 0 ? lo : -Double.infinity
                let limit = k == 2 ? zoomN : raw[i].count
                let faint = reduce(raw[i].prefix { Int($0.x) <= limit }.map { Point($0.x, max($0.y, floor)) })
                let trend = reduce(smooth[i].prefix { Int($0.x) <= limit }.map { Point($0.x, max($0.y, floor)) })
                marks.append(.stroke(faint, LineStyle(color: style.color.withAlpha(0.22), width: max(0.6, 0.9 * m.scale))))
                if style.color.luminance > 0.3 { marks.append(.stroke(trend, LineStyle(color: style.halo.withAlpha(0.45), width: style.width + 1.6 * m.scale))) }
                marks.append(.stroke(trend, line))
            }
        }
        layers.append(Layer(name: "panel-\(k)", group: .overlay, viewport: plot, window: panel.window, clips: true, marks: marks))
        if !markers.isEmpty {
            layers.append(Layer(name: "markers-\(k)", group: .overlay, viewport: plot, window: panel.window, marks: markers))
        }
        let (axes, region) = axesLayer(name: "axes-\(k)", plot: plot, window: panel.window, x: panel.x, y: panel.y, m: m, theme: theme)
        layers.append(axes)
        layers.append(Layer(name: "panel-title-\(k)", viewport: plot, marks: [
            .text(panel.title, at: Point(plot.x + plot.width / 2, panelTitleTop),
                  TextStyle(size: m.axisLabel * 1.05, color: theme.ink, bold: true, alignment: TextAlignment(.center, .top))),
        ]))
        regions["panel-\(k)"] = region
        x += plotWidth + gap
    }
    layers.append(Layer(name: "title", viewport: Rect(x: 0, y: margin, width: W, height: m.title * 1.3), marks: [
        .text(title, at: Point(W / 2, margin), TextStyle(size: m.title, color: theme.ink, bold: true, alignment: TextAlignment(.center, .top))),
    ]))
    // The legend samples show the widths the curves are drawn with.
    let legendLayer = LegendLayout(entries: zip(curves, styles).map { LegendEntry(sample: .path($1), label: $0.label) },
                                   width: W - 2 * margin, m: m, theme: theme).layer(origin: Point(max(margin, (W - legend.width) / 2), legendTop))
    layers.append(legendLayer)
    regions["legend"] = legendLayer.viewport
    return Figure(width: width, height: height, background: theme.background, layers: layers, regions: regions)
}

/// A debiased exponential moving average (as TensorBoard's smoothing) whose span is about 1/30
/// of the series, so the trend reads without hiding the first iterations.
func smoothed(_ points: [Point]) -> [Point] {
    let span = max(1.0, Double(points.count) / 30)
    let beta = 1 - 2 / (span + 1)
    var average = 0.0, weight = 0.0
    return points.map { p in
        average = beta * average + (1 - beta) * p.y
        weight = beta * weight + (1 - beta)
        return Point(p.x, average / weight)
    }
}
