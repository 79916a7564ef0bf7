import RealModule
import Surfaces

/// The loss of one optimizer at every step of a small fit (`trajviz linear`): `losses[k]` after k steps.
public struct StepLossCurve: Sendable {
    public var label: String
    public var losses: [Double]

    public init(label: String, losses: [Double]) { self.label = label; self.losses = losses }
}

/// One panel, the loss against the step on a log axis, one line with a marker at every step per
/// optimizer in the path colours, and the legend below, outside the data (the conventions of the
/// MNIST figure's loss panel). A loss of exactly 0, which a log axis cannot show, is drawn at the
/// panel's floor, 1e-12 below the largest loss.
///
///     let figure = stepLossFigure(curves: runs, title: "Linear(20, 20) under MSE")
///
/// - Complexity: O(total number of points).
public func stepLossFigure(curves: [StepLossCurve], title: String, width: Int = 1200, height: Int = 800) -> Figure {
    let width = max(150, width), height = max(100, height)
    let m = Metrics(width: width, height: height, reference: (1200, 800))
    let W = Double(width), H = Double(height)
    let margin = 16 * m.scale
    let lineWidth = 2 * m.scale
    let styles = curves.indices.map { PathPalette.style($0, lineWidth: lineWidth) }
    let entries = zip(curves, styles).map { LegendEntry(sample: .path($1, lineWidth: lineWidth), label: $0.label) }
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m)
    let legendTop = H - margin - legend.height
    let plotTop = margin + m.title * 1.5 + m.axisLabel
    let plotHeight = max(40, legendTop - 12 * m.scale - bottomAxisRoom(m) - plotTop)

    let n = max(1, (curves.map(\.losses.count).max() ?? 1) - 1)
    let positive = curves.flatMap(\.losses).filter { $0 > 0 && $0.isFinite }
    let hi = positive.max() ?? 1, lo = max(positive.min() ?? hi / 10, hi * 1e-12)
    var logRange = Double.pow(10, Double.log10(lo).rounded(.down))...Double.pow(10, Double.log10(hi).rounded(.up))
    if logRange.lowerBound == logRange.upperBound { logRange = (logRange.lowerBound / 10)...logRange.upperBound }
    let steps = 0...Double(n)
    let y = AxisSpec.log(logRange, title: "loss")
    let plotX = margin + leftAxisRoom(y, m)
    let plotWidth = max(40, W - plotX - margin - m.tickLabel * 1.2)
    let x = AxisSpec.linear(steps, title: "step", target: max(2, min(10, Int(plotWidth / (m.tickLabel * 3.2)))))
    let plot = Rect(x: plotX, y: plotTop, width: plotWidth, height: plotHeight)
    let window = DataWindow(x: steps, y: logRange, yLog: true)

    var marks: [Mark] = []
    for (curve, style) in zip(curves, styles) {
        let points = curve.losses.enumerated().compactMap { k, v in v.isFinite ? Point(Double(k), max(v, logRange.lowerBound)) : nil }
        marks.append(.stroke(points, LineStyle(color: style.color, width: lineWidth, dash: style.dash)))
        if points.count <= 200 {
            for p in points { marks.append(.marker(p, .circle, size: 5 * m.scale, fill: style.color, edge: nil)) }
        }
    }
    var layers = [gridLayer(name: "grid", plot: plot, window: window, x: x, y: y, m: m),
                  Layer(name: "panel", viewport: plot, window: window, clips: true, marks: marks)]
    let (axes, region) = axesLayer(name: "axes", plot: plot, window: window, x: x, y: y, m: m)
    layers.append(axes)
    layers.append(Layer(name: "title", viewport: Rect(x: 0, y: margin, width: W, height: m.title * 1.3), marks: [
        .text(title, at: Point(W / 2, margin), TextStyle(size: m.title, bold: true, alignment: TextAlignment(.center, .top))),
    ]))
    let legendLayer = legend.layer(origin: Point(max(margin, (W - legend.width) / 2), legendTop))
    layers.append(legendLayer)
    return Figure(width: width, height: height, layers: layers, regions: ["panel": region, "legend": legendLayer.viewport])
}
