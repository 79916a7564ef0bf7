import RealModule
import Surfaces

/// One axis: its ticks (data values), their labels and its title.
struct AxisSpec {
    var ticks: [Double]
    var labels: [String]
    var title: String

    static func linear(_ range: ClosedRange<Double>, title: String, target: Int = 5) -> AxisSpec {
        let ticks = Ticks.linear(range.lowerBound, range.upperBound, target: target)
        let step = Ticks.linearStep(range.lowerBound, range.upperBound, target: target)
        return AxisSpec(ticks: ticks, labels: Ticks.labels(ticks, step: step), title: title)
    }

    static func log(_ range: ClosedRange<Double>, title: String) -> AxisSpec {
        let ticks = Ticks.log(range.lowerBound, range.upperBound)
        return AxisSpec(ticks: ticks, labels: Ticks.logLabels(ticks), title: title)
    }

    /// A linear or log axis over `range`.
    static func make(_ range: ClosedRange<Double>, log: Bool, title: String, target: Int = 5) -> AxisSpec {
        log ? .log(range, title: title) : .linear(range, title: title, target: target)
    }

    /// How far the tick labels reach sideways, for a y axis.
    func labelWidth(_ m: Metrics) -> Double {
        labels.map { TextMetrics.width($0, size: m.tickLabel) }.max() ?? 0
    }

    /// How many x ticks fit in `width` pixels with room between their labels.
    static func xTarget(width: Double, _ m: Metrics, most: Int = 6) -> Int {
        max(2, min(most, Int(width / (m.tickLabel * 3.4))))
    }
}

/// Which parts of an axis pair a panel draws: in a grid with shared axes only the bottom row
/// labels x and only the left column labels y.
struct AxisParts: Hashable {
    var xLabels = true, yLabels = true, xTitle = true, yTitle = true
    /// false where a cell to the right would collide with a label at this plot's right edge.
    var xRightEdgeLabel = true
    static let all = AxisParts()
}

/// Room taken outside a plot rectangle by a y axis (ticks, labels, title) on its left.
func leftAxisRoom(_ y: AxisSpec, _ m: Metrics, labels: Bool = true, title: Bool = true) -> Double {
    m.tickLength + (labels ? m.gap + y.labelWidth(m) : 0) + (title ? m.gap * 1.5 + m.axisLabel * 1.1 : m.gap * 0.5)
}

/// Room taken below a plot rectangle by an x axis.
func bottomAxisRoom(_ m: Metrics, labels: Bool = true, title: Bool = true) -> Double {
    m.tickLength + (labels ? m.gap + m.tickLabel * 1.2 : 0) + (title ? m.gap * 1.5 + m.axisLabel * 1.2 : m.gap * 0.5)
}

/// Light grid lines at the ticks, drawn under the data.
func gridLayer(name: String, plot: Rect, window: DataWindow, x: AxisSpec?, y: AxisSpec?, m: Metrics, theme: Theme) -> Layer {
    var marks: [Mark] = []
    let style = LineStyle(color: theme.grid, width: max(0.7, m.scale))
    for t in x?.ticks ?? [] { marks.append(.stroke([Point(t, window.y.lowerBound), Point(t, window.y.upperBound)], style)) }
    for t in y?.ticks ?? [] { marks.append(.stroke([Point(window.x.lowerBound, t), Point(window.x.upperBound, t)], style)) }
    return Layer(name: name, viewport: plot, window: window, clips: true, marks: marks)
}

/// The frame of a plot rectangle with outward ticks, tick labels and axis titles (in pixels), and
/// the rectangle they occupy.
func axesLayer(name: String, plot: Rect, window: DataWindow, x: AxisSpec, y: AxisSpec, m: Metrics, theme: Theme,
               frame: Color? = nil, parts: AxisParts = .all) -> (Layer, Rect) {
    var marks: [Mark] = []
    let spine = LineStyle(color: frame ?? theme.axis, width: m.spine)
    marks.append(.stroke([Point(plot.x, plot.y), Point(plot.maxX, plot.y), Point(plot.maxX, plot.maxY),
                          Point(plot.x, plot.maxY), Point(plot.x, plot.y)], spine))
    let tick = LineStyle(color: theme.mutedInk, width: m.spine)
    let tickText = TextStyle(size: m.tickLabel, color: theme.mutedInk, alignment: TextAlignment(.center, .top))
    for (t, label) in zip(x.ticks, x.labels) {
        let px = window.map(Point(t, window.y.lowerBound), into: plot).x
        guard px >= plot.x - 0.5 && px <= plot.maxX + 0.5 else { continue }
        marks.append(.stroke([Point(px, plot.maxY), Point(px, plot.maxY + m.tickLength)], tick))
        let atRightEdge = abs(px - plot.maxX) < 1
        if parts.xLabels && (parts.xRightEdgeLabel || !atRightEdge) {
            marks.append(.text(label, at: Point(px, plot.maxY + m.tickLength + m.gap), tickText))
        }
    }
    var yText = tickText
    yText.alignment = TextAlignment(.right, .middle)
    for (t, label) in zip(y.ticks, y.labels) {
        let py = window.map(Point(window.x.lowerBound, t), into: plot).y
        guard py >= plot.y - 0.5 && py <= plot.maxY + 0.5 else { continue }
        marks.append(.stroke([Point(plot.x - m.tickLength, py), Point(plot.x, py)], tick))
        if parts.yLabels { marks.append(.text(label, at: Point(plot.x - m.tickLength - m.gap, py), yText)) }
    }
    if parts.xTitle {
        let xTitleY = plot.maxY + m.tickLength + (parts.xLabels ? m.gap + m.tickLabel * 1.2 : 0) + m.gap * 1.5
        marks.append(.text(x.title, at: Point(plot.x + plot.width / 2, xTitleY),
                           TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top))))
    }
    let left = leftAxisRoom(y, m, labels: parts.yLabels, title: parts.yTitle)
    if parts.yTitle {
        marks.append(.text(y.title, at: Point(plot.x - left, plot.y + plot.height / 2),
                           TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top), angle: Double.pi / 2)))
    }
    let region = Rect(x: plot.x - left, y: plot.y - m.tickLabel * 0.6, width: plot.width + left,
                      height: plot.height + m.tickLabel * 0.6 + bottomAxisRoom(m, labels: parts.xLabels, title: parts.xTitle))
    return (Layer(name: name, viewport: region, marks: marks), region)
}
