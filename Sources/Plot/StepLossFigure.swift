import RealModule
import Surfaces

/// The loss of one optimizer at every step of a small fit (`trajviz linear`): `losses[k]` after k steps.
public struct StepLossCurve: Sendable {
    /// The legend text, with the learning rate (`adam lr=0.1`).
    public var label: String
    /// The registry name: the key of the curve's colour (the same as its 2D paths').
    public var optimizer: String
    /// `losses[k]` is the loss after k steps (`losses[0]`: the start).
    public var losses: [Double]
    /// The step whose loss or parameters stopped being finite, if one did.
    public var divergedAt: Int?
    /// A spec's `color=` (0xRRGGBB), replacing the optimizer's colour.
    public var color: UInt32?

    public init(label: String, optimizer: String, losses: [Double], divergedAt: Int? = nil, color: UInt32? = nil) {
        self.label = label; self.optimizer = optimizer; self.losses = losses; self.divergedAt = divergedAt; self.color = color
    }
}

/// One panel, the loss against the step, for fits whose least loss is 0 (MSE, L1): the loss
/// panel of the surface figure on its own page, with its conventions.
///
/// * The y axis is ``LossAxisModel`` with f* = 0: log when every loss is positive, from just below
///   the lowest level the curves hold to just above the highest; a loss of exactly 0 (an exact fit,
///   which a log axis cannot show) is drawn on a marked floor line, "0 reached", never as a
///   plateau. A curve that falls to 1e-12 therefore shows how far it fell, not a cliff.
/// * Each optimizer has its 2D paths' colour and dash (``PathPalette``); where two curves coincide
///   the one drawn first is wider, so both show (``PathStacking``); a marker at every step while
///   steps are at least 6 px apart; a cross where a run diverged. Curves longer than the panel is
///   wide are reduced to the first, lowest, highest and last value of each pixel column.
/// * The title block over the panel, one legend below it, outside the data.
///
///     let figure = stepLossFigure(curves: runs, title: "Linear(20, 20) under MSELoss")
///
/// - Complexity: O(total number of points); what reaches the canvas is reduced per pixel column.
public func stepLossFigure(curves: [StepLossCurve], title: String, subtitle: String = "", width: Int = 1200, height: Int = 800,
                           theme: Theme = .light) -> Figure {
    let width = max(150, width), height = max(100, height)
    let m = Metrics(width: width, height: height, reference: (1200, 800))
    let W = Double(width), H = Double(height)
    let margin = m.margin
    var styles = curves.map { PathPalette.style(for: $0.optimizer, lineWidth: m.pathWidth, color: $0.color) }
    let header = TitleBlock(title: title, subtitle: subtitle, width: W - 2 * margin, m: m, theme: theme)
    let legendWidth = W - 2 * margin
    let legendHeight = LegendLayout(entries: zip(curves, styles).map { LegendEntry(sample: .path($1), label: $0.label) },
                                    width: legendWidth, m: m, theme: theme).height
    let legendTop = H - margin - legendHeight
    let plotTop = margin + header.height + m.gap * 2
    let plotHeight = max(40, legendTop - 12 * m.text - bottomAxisRoom(m) - plotTop)

    // Axes: steps from 0 (the start) with a little room on the right for the last marker.
    let lastStep = max(1, (curves.map(\.losses.count).max() ?? 1) - 1)
    let steps = 0...Double(lastStep) * 1.02
    let all = curves.map { ReducedCurve(steps: Array($0.losses.indices), values: $0.losses) }
    var model = LossAxisModel(minimum: 0, curves: all, requested: nil, shownRange: nil)
    model.title = "loss"
    let yAxis = model.axis
    let plotX = margin + leftAxisRoom(yAxis, m)
    let plotWidth = max(40, W - plotX - margin - m.tickLabel * 1.2)
    let xAxis = AxisSpec.linear(steps, title: "step", target: AxisSpec.xTarget(width: plotWidth, m, most: 10))
    let plot = Rect(x: plotX, y: plotTop, width: plotWidth, height: plotHeight)
    let window = DataWindow(x: steps, y: model.range, yLog: model.log)

    // The curves in plot coordinates, reduced to the panel's pixel columns.
    let columns = Int(plotWidth.rounded(.up)) + 1
    let lines: [[Point]] = curves.map { curve in
        var r = CurveReducer(steps: curve.losses.count, columns: columns)
        for (k, v) in curve.losses.enumerated() { r.add(v, step: k) }
        let c = r.finish()
        return zip(c.steps, c.values).compactMap { s, v in model.y(v).map { Point(Double(s), $0) } }
    }
    var order = Array(curves.indices)
    if curves.count > 1 {
        let flat = DataWindow(x: steps, y: model.log ? Double.log10(model.range.lowerBound)...Double.log10(model.range.upperBound) : model.range)
        let stacking = PathStacking(footprints: lines.map { line in
            Footprint(pieces: [line.map { Point($0.x, model.log ? Double.log10($0.y) : $0.y) }], window: flat)
        })
        order = stacking.order
        for i in styles.indices { styles[i].width *= stacking.widths[i] }
    }
    let everyStep = plotWidth / Double(lastStep) >= 6

    var layers = [gridLayer(name: "grid", plot: plot, window: window, x: xAxis, y: yAxis, m: m, theme: theme)]
    if let floor = model.floor {
        layers.append(floorLayer(floor, plot: plot, window: window, m: m, theme: theme, note: "loss 0 reached"))
    }
    var marks: [Mark] = [], markers: [Mark] = []
    for i in order {
        let style = styles[i], line = lines[i]
        guard !line.isEmpty else { continue }
        if style.color.luminance > 0.3 {  // light colours need their outline on a light panel too
            marks.append(.stroke(line, LineStyle(color: style.halo.withAlpha(0.45), width: style.width + 1.6 * m.scale)))
        }
        marks.append(.stroke(line, LineStyle(color: style.color, width: style.width, dash: style.dash)))
        let edge = LineStyle(color: style.halo, width: 0.8 * m.scale)
        if everyStep {
            for p in line { markers.append(.marker(p, .circle, size: 5 * m.scale, fill: style.color, edge: edge)) }
        }
        if curves[i].divergedAt != nil, let last = line.last {
            markers.append(.marker(last, .cross, size: 11 * m.scale, fill: style.color, edge: LineStyle(color: style.halo, width: 1.1 * m.scale)))
        }
    }
    layers.append(Layer(name: "panel", group: .overlay, viewport: plot, window: window, clips: true, marks: marks))
    if !markers.isEmpty {
        // Unclipped, so a marker on the frame shows whole.
        layers.append(Layer(name: "markers", group: .overlay, viewport: plot, window: window, marks: markers))
    }
    let (axes, region) = axesLayer(name: "axes", plot: plot, window: window, x: xAxis, y: yAxis, m: m, theme: theme)
    layers.append(axes)
    var regions = ["panel": region, "panel-plot": plot]
    if header.height > 0 {
        let layer = header.layer(centre: W / 2, top: margin, width: W - 2 * margin)
        layers.append(layer)
        regions["title"] = layer.viewport
    }
    // The legend samples show the widths the curves are drawn with.
    let legend = LegendLayout(entries: zip(curves, styles).map { LegendEntry(sample: .path($1), label: $0.label) },
                              width: legendWidth, m: m, theme: theme)
    if legend.rows > 0 {
        let layer = legend.layer(origin: Point(max(margin, (W - legend.width) / 2), legendTop))
        layers.append(layer)
        regions["legend"] = layer.viewport
    }
    return Figure(width: width, height: height, background: theme.background, layers: layers, regions: regions)
}
