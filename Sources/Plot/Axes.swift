import RealModule
import Surfaces

/// The sizes one figure uses, all proportional to `scale` (1 at 1200 × 900 pixels).
struct Metrics {
    var scale: Double
    var tickLabel: Double { 14 * scale }
    var axisLabel: Double { 16 * scale }
    var title: Double { 24 * scale }
    var subtitle: Double { 16 * scale }
    var legend: Double { 15 * scale }
    var tickLength: Double { 5 * scale }
    var gap: Double { 6 * scale }
    var spine: Double { max(0.8, 1.1 * scale) }

    /// The scale for a page of `width × height` pixels, never so small that text stops reading.
    init(width: Int, height: Int, reference: (Double, Double) = (1200, 900)) {
        scale = max(0.55, min(Double(width) / reference.0, Double(height) / reference.1))
    }
}

/// One axis: its ticks (data values), their labels and its title.
struct AxisSpec {
    var ticks: [Double]
    var labels: [String]
    var title: String

    static func linear(_ range: ClosedRange<Double>, title: String, target: Int = 5) -> AxisSpec {
        let ticks = Ticks.linear(range.lowerBound, range.upperBound, target: target)
        let step = Ticks.linearStep(range.lowerBound, range.upperBound, target: target)
        return AxisSpec(ticks: ticks, labels: ticks.map { Ticks.label($0, step: step) }, title: title)
    }

    static func log(_ range: ClosedRange<Double>, title: String) -> AxisSpec {
        let ticks = Ticks.log(range.lowerBound, range.upperBound)
        return AxisSpec(ticks: ticks, labels: ticks.map(Ticks.logLabel), title: title)
    }

    /// How far the tick labels reach sideways, for a y axis.
    func labelWidth(_ m: Metrics) -> Double {
        labels.map { TextMetrics.width($0, size: m.tickLabel) }.max() ?? 0
    }
}

/// Room taken outside a plot rectangle by a y axis (ticks, labels, title) on its left.
func leftAxisRoom(_ y: AxisSpec, _ m: Metrics) -> Double {
    m.tickLength + m.gap + y.labelWidth(m) + m.gap * 1.5 + m.axisLabel * 1.1
}

/// Room taken below a plot rectangle by an x axis.
func bottomAxisRoom(_ m: Metrics) -> Double {
    m.tickLength + m.gap + m.tickLabel * 1.2 + m.gap * 1.5 + m.axisLabel * 1.2
}

/// Light grid lines at the ticks, drawn under the data.
func gridLayer(name: String, plot: Rect, window: DataWindow, x: AxisSpec?, y: AxisSpec?, m: Metrics) -> Layer {
    var marks: [Mark] = []
    let style = LineStyle(color: .grid, width: max(0.7, m.scale))
    for t in x?.ticks ?? [] { marks.append(.stroke([Point(t, window.y.lowerBound), Point(t, window.y.upperBound)], style)) }
    for t in y?.ticks ?? [] { marks.append(.stroke([Point(window.x.lowerBound, t), Point(window.x.upperBound, t)], style)) }
    return Layer(name: name, viewport: plot, window: window, clips: true, marks: marks)
}

/// The frame of a plot rectangle with outward ticks, tick labels and axis titles (in pixels).
func axesLayer(name: String, plot: Rect, window: DataWindow, x: AxisSpec, y: AxisSpec, m: Metrics,
               frame: Color = .axis) -> (Layer, Rect) {
    var marks: [Mark] = []
    let spine = LineStyle(color: frame, width: m.spine)
    marks.append(.stroke([Point(plot.x, plot.y), Point(plot.maxX, plot.y), Point(plot.maxX, plot.maxY),
                          Point(plot.x, plot.maxY), Point(plot.x, plot.y)], spine))
    let tick = LineStyle(color: .mutedInk, width: m.spine)
    let tickText = TextStyle(size: m.tickLabel, color: .mutedInk, alignment: TextAlignment(.center, .top))
    for (t, label) in zip(x.ticks, x.labels) {
        let px = window.map(Point(t, window.y.lowerBound), into: plot).x
        guard px >= plot.x - 0.5 && px <= plot.maxX + 0.5 else { continue }
        marks.append(.stroke([Point(px, plot.maxY), Point(px, plot.maxY + m.tickLength)], tick))
        marks.append(.text(label, at: Point(px, plot.maxY + m.tickLength + m.gap), tickText))
    }
    var yText = tickText
    yText.alignment = TextAlignment(.right, .middle)
    for (t, label) in zip(y.ticks, y.labels) {
        let py = window.map(Point(window.x.lowerBound, t), into: plot).y
        guard py >= plot.y - 0.5 && py <= plot.maxY + 0.5 else { continue }
        marks.append(.stroke([Point(plot.x - m.tickLength, py), Point(plot.x, py)], tick))
        marks.append(.text(label, at: Point(plot.x - m.tickLength - m.gap, py), yText))
    }
    let xTitleY = plot.maxY + m.tickLength + m.gap + m.tickLabel * 1.2 + m.gap * 1.5
    marks.append(.text(x.title, at: Point(plot.x + plot.width / 2, xTitleY),
                       TextStyle(size: m.axisLabel, alignment: TextAlignment(.center, .top))))
    let left = leftAxisRoom(y, m)
    marks.append(.text(y.title, at: Point(plot.x - left, plot.y + plot.height / 2),
                       TextStyle(size: m.axisLabel, alignment: TextAlignment(.center, .top), angle: Double.pi / 2)))
    let region = Rect(x: plot.x - left, y: plot.y - m.tickLabel * 0.6, width: plot.width + left,
                      height: plot.height + m.tickLabel * 0.6 + bottomAxisRoom(m))
    return (Layer(name: name, viewport: Rect(x: 0, y: 0, width: 0, height: 0), marks: marks), region)
}
