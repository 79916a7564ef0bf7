import Optimizers
import Surfaces

/// The legend text of a path: the optimizer, the learning rate, every other hyperparameter that
/// differs from the registry's defaults for that name, the schedule, and where it diverged.
///
///     legendLabel(for: adamPath)      // "adam lr=0.05"
///     legendLabel(for: cosinePath)    // "adam lr=0.05 @ cosine:T_max=300"
///     legendLabel(for: sgdPath)       // "momentum lr=0.001 nesterov=true (diverged at step 17)"
///
/// An optimizer the registry does not know shows all its hyperparameters. A spec's `label=` text
/// replaces all of it but the divergence note.
public func legendLabel(for path: Trajectory) -> String {
    legendText(for: path) + divergenceNote(path.divergedAt)
}

/// ``legendLabel(for:)`` without the divergence note.
func legendText(for path: Trajectory) -> String {
    legendText(optimizer: path.optimizer, hyperparameters: path.hyperparameters, schedule: path.schedule,
               appearance: path.appearance)
}

/// The legend text of any run of an optimizer (a 2D path, an MLP's training curve): the name,
/// `lr` and the hyperparameters that differ from the registry's defaults, then ` @ schedule`;
/// or the spec's `label=` text alone.
///
///     legendText(optimizer: "sgd", hyperparameters: sgd.values)   // "sgd lr=0.01"
public func legendText(optimizer: String, hyperparameters: Hyperparameters, schedule: String? = nil,
                       appearance: PathAppearance = PathAppearance()) -> String {
    if let text = appearance.label { return text }
    let shown = OptimizerRegistry.named(optimizer)?.nonDefaults(hyperparameters) ?? hyperparameters
    let parts = hyperparameters.entries
        .filter { $0.name == "lr" || shown[$0.name] != nil }
        .map { "\($0.name)=\($0.value)" }
    var label = ([optimizer] + parts).joined(separator: " ")
    if let schedule { label += " @ " + schedule }
    return label
}

/// ` (diverged at step 17)`, or nothing.
func divergenceNote(_ step: Int?) -> String {
    step.map { " (diverged at step \($0))" } ?? ""
}

/// One legend line: a sample of what it names, and its text.
struct LegendEntry {
    enum Sample {
        case path(PathStyle)
        case marker(MarkerShape, fill: Color, edge: LineStyle?)
        /// A hatched swatch (where the surface is undefined).
        case hatch(fill: Color, lines: Color)
        /// A short dashed line (the loss floor).
        case line(LineStyle)
    }
    var sample: Sample
    var label: String
}

/// Entries laid out in rows of equal-width columns (filled row by row, as a reader scans).
struct LegendLayout {
    var entries: [LegendEntry]
    var m: Metrics
    var theme: Theme
    var columns: Int
    var columnWidth: Double
    var rowHeight: Double { m.legend * 1.55 }
    var sampleWidth: Double { 30 * m.text }
    var rows: Int { entries.isEmpty ? 0 : (entries.count + columns - 1) / max(columns, 1) }
    var height: Double { Double(rows) * rowHeight }
    var width: Double { Double(columns) * columnWidth }

    /// The fewest rows that fit `entries` into `width` pixels.
    init(entries: [LegendEntry], width: Double, m: Metrics, theme: Theme = .light) {
        self.entries = entries; self.m = m; self.theme = theme
        let sample = 30 * m.text
        let widest = entries.map { TextMetrics.width($0.label, size: m.legend) }.max() ?? 0
        columnWidth = sample + m.gap * 1.5 + widest + 26 * m.text
        columns = max(1, min(entries.count, Int(width / columnWidth)))
    }

    /// The legend's marks with its top-left corner at `origin`.
    func layer(origin: Point) -> Layer {
        var marks: [Mark] = []
        let text = TextStyle(size: m.legend, color: theme.ink, alignment: TextAlignment(.left, .middle))
        for (n, entry) in entries.enumerated() {
            let x = origin.x + Double(n % columns) * columnWidth
            let y = origin.y + (Double(n / columns) + 0.5) * rowHeight
            let a = Point(x, y), b = Point(x + sampleWidth, y)
            switch entry.sample {
            case .path(let style):
                marks += style.strokes([a, b])
                marks.append(.marker(b, .circle, size: 8 * m.scale, fill: style.color,
                                     edge: LineStyle(color: style.halo, width: 1.2 * m.scale)))
            case .marker(let shape, let fill, let edge):
                marks.append(.marker(Point(x + sampleWidth / 2, y), shape, size: shape == .star ? 17 * m.scale : 11 * m.scale,
                                     fill: fill, edge: edge))
            case .hatch(let fill, let lines):
                let h = m.legend * 0.9, r = Rect(x: x + 4 * m.text, y: y - h / 2, width: sampleWidth - 8 * m.text, height: h)
                marks.append(.fill([[Point(r.x, r.y), Point(r.maxX, r.y), Point(r.maxX, r.maxY), Point(r.x, r.maxY)]], fill))
                let clipped = hatchLines(rings: [[Point(r.x, r.y), Point(r.maxX, r.y), Point(r.maxX, r.maxY), Point(r.x, r.maxY)]],
                                         spacing: 5 * m.scale)
                marks.append(.strokes(clipped, LineStyle(color: lines, width: max(0.7, 0.9 * m.scale))))
                marks.append(.stroke([Point(r.x, r.y), Point(r.maxX, r.y), Point(r.maxX, r.maxY), Point(r.x, r.maxY), Point(r.x, r.y)],
                                     LineStyle(color: lines, width: max(0.6, 0.8 * m.scale))))
            case .line(let style):
                marks.append(.stroke([a, b], style))
            }
            marks.append(.text(entry.label, at: Point(b.x + m.gap * 1.5, y), text))
        }
        return Layer(name: "legend", viewport: Rect(x: origin.x, y: origin.y, width: width, height: height), marks: marks)
    }
}
