import Optimizers
import Surfaces

/// The legend text of a path: the optimizer, the learning rate, every other hyperparameter that
/// differs from the registry's defaults for that name, and where it diverged.
///
///     legendLabel(for: adamPath)      // "adam lr=0.05"
///     legendLabel(for: sgdPath)       // "momentum lr=0.001 nesterov=true (diverged at step 17)"
///
/// An optimizer the registry does not know shows all its hyperparameters. A spec's `label=` text
/// replaces all of it but the divergence note.
public func legendLabel(for path: Trajectory) -> String {
    if let text = path.appearance.label {
        return text + (path.divergedAt.map { " (diverged at step \($0))" } ?? "")
    }
    let shown = OptimizerRegistry.named(path.optimizer)?.nonDefaults(path.hyperparameters) ?? path.hyperparameters
    let parts = path.hyperparameters.entries
        .filter { $0.name == "lr" || shown[$0.name] != nil }
        .map { "\($0.name)=\($0.value)" }
    var label = ([path.optimizer] + parts).joined(separator: " ")
    if let step = path.divergedAt { label += " (diverged at step \(step))" }
    return label
}

/// One legend line: a sample of what it names, and its text.
struct LegendEntry {
    enum Sample {
        case path(PathStyle, lineWidth: Double)
        case marker(MarkerShape, fill: Color, edge: LineStyle)
    }
    var sample: Sample
    var label: String
}

/// Entries laid out in rows of equal-width columns (filled row by row, as a reader scans).
struct LegendLayout {
    var entries: [LegendEntry]
    var m: Metrics
    var columns: Int
    var columnWidth: Double
    var rowHeight: Double { m.legend * 1.55 }
    var sampleWidth: Double { 30 * m.scale }
    var rows: Int { (entries.count + columns - 1) / max(columns, 1) }
    var height: Double { Double(rows) * rowHeight }
    var width: Double { Double(columns) * columnWidth }

    /// The fewest rows that fit `entries` into `width` pixels.
    init(entries: [LegendEntry], width: Double, m: Metrics) {
        self.entries = entries; self.m = m
        let sample = 30 * m.scale
        let widest = entries.map { TextMetrics.width($0.label, size: m.legend) }.max() ?? 0
        columnWidth = sample + m.gap * 1.5 + widest + 26 * m.scale
        columns = max(1, min(entries.count, Int(width / columnWidth)))
    }

    /// The legend's marks with its top-left corner at `origin`.
    func layer(origin: Point) -> Layer {
        var marks: [Mark] = []
        let text = TextStyle(size: m.legend, color: .ink, alignment: TextAlignment(.left, .middle))
        for (n, entry) in entries.enumerated() {
            let x = origin.x + Double(n % columns) * columnWidth
            let y = origin.y + (Double(n / columns) + 0.5) * rowHeight
            let a = Point(x, y), b = Point(x + sampleWidth, y)
            switch entry.sample {
            case .path(let style, let lineWidth):
                marks.append(.stroke([a, b], LineStyle(color: style.halo, width: lineWidth + 2.4 * m.scale)))
                marks.append(.stroke([a, b], LineStyle(color: style.color, width: lineWidth, dash: style.dash)))
                marks.append(.marker(b, .circle, size: 8 * m.scale, fill: style.color,
                                     edge: LineStyle(color: style.halo, width: 1.2 * m.scale)))
            case .marker(let shape, let fill, let edge):
                marks.append(.marker(Point(x + sampleWidth / 2, y), shape, size: shape == .star ? 17 * m.scale : 11 * m.scale,
                                     fill: fill, edge: edge))
            }
            marks.append(.text(entry.label, at: Point(b.x + m.gap * 1.5, y), text))
        }
        return Layer(name: "legend", viewport: Rect(x: origin.x, y: origin.y, width: width, height: height), marks: marks)
    }
}
