import RealModule
import Surfaces

/// The training record of one optimizer on the MNIST check.
public struct TrainingCurve: Sendable {
    /// The legend text (`adam lr=0.01`).
    public var label: String
    /// Training loss per iteration; `losses[0]` is iteration 1.
    public var losses: [Double]
    /// Test accuracy (0...1) measured at the given iterations.
    public var accuracy: [(iteration: Int, accuracy: Double)]

    public init(label: String, losses: [Double], accuracy: [(iteration: Int, accuracy: Double)]) {
        self.label = label; self.losses = losses; self.accuracy = accuracy
    }
}

/// Three panels side by side for training runs: the training loss per iteration (log axis; the raw
/// values faint, a smoothed line over them), the test accuracy against iteration, and the first
/// 100 iterations enlarged (linear axis). Colours follow ``PathPalette``; one legend below, outside
/// the panels.
///
///     let figure = trainingFigure(curves: runs, title: "MLP on MNIST")
///
/// - Complexity: O(total number of points).
public func trainingFigure(curves: [TrainingCurve], title: String, width: Int = 1500, height: Int = 900) -> Figure {
    let width = max(150, width), height = max(100, height)
    let m = Metrics(width: width, height: height, reference: (1500, 900))
    let W = Double(width), H = Double(height)
    let margin = 16 * m.scale
    let lineWidth = 2 * m.scale
    let styles = curves.indices.map { PathPalette.style($0, lineWidth: lineWidth) }
    let entries = zip(curves, styles).map { LegendEntry(sample: .path($1, lineWidth: lineWidth), label: $0.label) }
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m)
    let legendTop = H - margin - legend.height
    let panelTitleTop = margin + m.title * 1.5
    let plotTop = panelTitleTop + m.axisLabel * 1.6
    let plotHeight = max(40, legendTop - 12 * m.scale - bottomAxisRoom(m) - plotTop)

    // Data ranges.
    let n = max(1, curves.map(\.losses.count).max() ?? 1)
    let positive = curves.flatMap(\.losses).filter { $0 > 0 && $0.isFinite }
    let hi = positive.max() ?? 1, lo = max(positive.min() ?? hi / 10, hi * 1e-12)
    var logRange = Double.pow(10, Double.log10(lo).rounded(.down))...Double.pow(10, Double.log10(hi).rounded(.up))
    if logRange.lowerBound == logRange.upperBound { logRange = (logRange.lowerBound / 10)...logRange.upperBound }
    let accuracies = curves.flatMap { $0.accuracy.map { $0.accuracy * 100 } }.filter(\.isFinite)
    let accLow = max(0, ((accuracies.min() ?? 0) / 10).rounded(.down) * 10)
    let accRange = (accLow < 100 ? accLow : 90)...100.0
    let zoomN = min(100, n)
    let zoomMax = curves.flatMap { $0.losses.prefix(zoomN) }.filter(\.isFinite).max() ?? 1
    let zoomRange = 0...(zoomMax > 0 ? zoomMax * 1.05 : 1)
    let iterations = 1...Double(max(2, n))

    struct Panel { var title: String; var window: DataWindow; var x: AxisSpec; var y: AxisSpec }
    var panels = [
        Panel(title: "Training loss", window: DataWindow(x: iterations, y: logRange, yLog: true),
              x: .linear(iterations, title: "iteration"), y: .log(logRange, title: "loss")),
        Panel(title: "Test accuracy", window: DataWindow(x: iterations, y: accRange),
              x: .linear(iterations, title: "iteration"), y: .linear(accRange, title: "accuracy (%)")),
        Panel(title: "First \(zoomN) iterations", window: DataWindow(x: 1...Double(max(2, zoomN)), y: zoomRange),
              x: .linear(1...Double(max(2, zoomN)), title: "iteration"), y: .linear(zoomRange, title: "loss")),
    ]
    let gap = 40 * m.scale
    let rooms = panels.map { leftAxisRoom($0.y, m) }
    // The last x tick label is centred on the right edge of the last panel: keep room for its half.
    let rightRoom = m.tickLabel * 1.2
    let plotWidth = max(40, (W - 2 * margin - rightRoom - rooms.reduce(0, +) - 2 * gap) / 3)
    // As many x ticks as fit with room between their labels.
    let xTarget = max(2, min(6, Int(plotWidth / (m.tickLabel * 3.2))))
    for k in panels.indices { panels[k].x = .linear(panels[k].window.x, title: "iteration", target: xTarget) }

    var layers: [Layer] = []
    var regions: [String: Rect] = [:]
    var x = margin
    for (k, panel) in panels.enumerated() {
        x += rooms[k]
        let plot = Rect(x: x, y: plotTop, width: plotWidth, height: plotHeight)
        layers.append(gridLayer(name: "grid-\(k)", plot: plot, window: panel.window, x: panel.x, y: panel.y, m: m))
        var marks: [Mark] = []
        for (curve, style) in zip(curves, styles) {
            let limit = k == 2 ? zoomN : curve.losses.count
            switch k {
            case 1:
                let points = curve.accuracy.map { Point(Double($0.iteration), $0.accuracy * 100) }.filter(\.isFinite)
                marks.append(.stroke(points, LineStyle(color: style.color, width: lineWidth, dash: style.dash)))
                for p in points { marks.append(.marker(p, .circle, size: 6 * m.scale, fill: style.color, edge: nil)) }
            default:
                let floor = k == 0 ? logRange.lowerBound : -Double.infinity
                let raw = curve.losses.prefix(limit).enumerated().compactMap { i, v in
                    v.isFinite ? Point(Double(i + 1), max(v, floor)) : nil
                }
                let smooth = smoothed(raw)
                marks.append(.stroke(raw, LineStyle(color: style.color.withAlpha(0.22), width: max(0.6, 0.9 * m.scale))))
                marks.append(.stroke(smooth, LineStyle(color: style.color, width: lineWidth, dash: style.dash)))
            }
        }
        layers.append(Layer(name: "panel-\(k)", viewport: plot, window: panel.window, clips: true, marks: marks))
        let (axes, region) = axesLayer(name: "axes-\(k)", plot: plot, window: panel.window, x: panel.x, y: panel.y, m: m)
        layers.append(axes)
        layers.append(Layer(name: "panel-title-\(k)", viewport: plot, marks: [
            .text(panel.title, at: Point(plot.x + plot.width / 2, panelTitleTop),
                  TextStyle(size: m.axisLabel * 1.05, bold: true, alignment: TextAlignment(.center, .top))),
        ]))
        regions["panel-\(k)"] = region
        x += plotWidth + gap
    }
    layers.append(Layer(name: "title", viewport: Rect(x: 0, y: margin, width: W, height: m.title * 1.3), marks: [
        .text(title, at: Point(W / 2, margin), TextStyle(size: m.title, bold: true, alignment: TextAlignment(.center, .top))),
    ]))
    let legendLayer = legend.layer(origin: Point(max(margin, (W - legend.width) / 2), legendTop))
    layers.append(legendLayer)
    regions["legend"] = legendLayer.viewport
    return Figure(width: width, height: height, layers: layers, regions: regions)
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
