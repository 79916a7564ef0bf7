/// The sizes one figure uses: geometry (line widths, markers) follows the page, text follows the
/// page too but never shrinks below readable.
///
/// The rule, documented for users of `--size` and `--font-scale`: at the reference page (1200 × 900
/// for surface figures) tick labels are 14 px, axis titles 16 px and the title 24 px. On another
/// page every size is multiplied by `s = min(width / 1200, height / 900)`; text by
/// `fontScale × max(s, 10/14)`, so that tick labels are never below 10 px (at 800 × 600 they are
/// exactly 10 px), and line widths by `max(s, 0.6)`.
struct Metrics {
    /// Multiplies line widths, marker sizes and the colorbar's width.
    var scale: Double
    /// Multiplies every text size and the gaps around text.
    var text: Double

    /// The smallest tick label, in pixels, before `fontScale`.
    static let minimumTickLabel = 10.0

    init(width: Int, height: Int, reference: (Double, Double) = (1200, 900), fontScale: Double = 1) {
        let s = min(Double(width) / reference.0, Double(height) / reference.1)
        scale = max(s, 0.6)
        text = fontScale * max(s, Self.minimumTickLabel / 14)
    }

    var tickLabel: Double { 14 * text }
    var axisLabel: Double { 16 * text }
    var title: Double { 24 * text }
    var subtitle: Double { 16 * text }
    var legend: Double { 15 * text }
    /// Titles over the cells of a grid (facets) and over side panels.
    var panelTitle: Double { 15 * text }
    /// Notes inside panels (`f* reached`).
    var note: Double { 12 * text }
    var tickLength: Double { 5 * text }
    var gap: Double { 6 * text }
    var margin: Double { 16 * text }
    var spine: Double { max(0.8, 1.1 * scale) }
    /// The width of a path's coloured core.
    var pathWidth: Double { 2.3 * scale }
}
