import Jobs
import Surfaces

/// The marks of a filled contour plot in data coordinates: one fill per band in the colormap's
/// colour, then thin iso-lines, simplified to a quarter pixel for a plot of `width × height`
/// pixels. Computed once and placed in every cell of a grid.
///
/// - Complexity: O(g²) for a g × g grid (marching squares), plus the simplification.
func contourMarks(grid: Grid, levels: ContourLevels, colormap: Colormap, window: DataWindow,
                  width: Double, height: Double, m: Metrics) -> [Mark] {
    // Vertices closer than a quarter pixel to the simplified line are invisible work. Each line is
    // simplified once, as it is linked, and the bands are joined from the simplified lines: a
    // band's edge is then exactly its iso-line, and the shared edges are not simplified twice.
    let sx = width / (window.x.upperBound - window.x.lowerBound), sy = height / (window.y.upperBound - window.y.lowerBound)
    let lines = contourLines(grid, levels: levels.thresholds.map { $0 + levels.offset }, pieces: rowPieces(points: grid.values.count)) {
        simplify($0, tolerance: 0.25, sx: sx, sy: sy)
    }
    let bands = parallelMap(Array(0...lines.lines.count)) { lines.bandRings($0) }
    var marks: [Mark] = []
    for (k, rings) in bands.enumerated() where !rings.isEmpty {
        marks.append(.fill(rings, levels.color(ofBand: k, colormap: colormap)))
    }
    let isoStyle = LineStyle(color: Color(hex: 0x000000, alpha: 0.22), width: max(0.5, 0.6 * m.scale))
    for level in lines.lines where !level.isEmpty {
        marks.append(.strokes(level.map(\.points), isoStyle))
    }
    return marks
}

/// Where the surface is undefined (f is NaN: `log(x)` for x < 0), as a blank fill with diagonal
/// hatching, in data coordinates; nothing when f is defined at every sample.
///
/// The region is the 0.5 level of the grid's undefined indicator (marching squares), so its
/// border runs halfway between a defined and an undefined sample.
func undefinedMarks(grid: Grid, window: DataWindow, width: Double, height: Double, m: Metrics, theme: Theme) -> [Mark] {
    guard grid.undefined.contains(true) else { return [] }
    let indicator = Grid(xs: grid.xs, ys: grid.ys, values: grid.undefined.map { $0 ? 1 : 0 })
    let rings = marchingSquares(indicator, levels: [0.5]).bands[1]
    guard !rings.isEmpty else { return [] }
    // Hatch in pixels, so that the lines are diagonal and evenly spaced on the page.
    let sx = width / (window.x.upperBound - window.x.lowerBound), sy = height / (window.y.upperBound - window.y.lowerBound)
    let toPixels = rings.map { $0.map { Point(($0.x - window.x.lowerBound) * sx, -($0.y - window.y.lowerBound) * sy) } }
    let lines = hatchLines(rings: toPixels, spacing: 7 * m.scale).map { line in
        line.map { Point(window.x.lowerBound + $0.x / sx, window.y.lowerBound - $0.y / sy) }
    }
    return [
        .fill(rings, theme.undefinedFill),
        .strokes(lines, LineStyle(color: theme.hatch, width: max(0.7, 0.9 * m.scale))),
        .strokes(rings.map { $0 + [$0[0]] }, LineStyle(color: theme.hatch, width: max(0.7, 1.0 * m.scale))),
    ]
}

/// The share (0...1) of a grid's samples where f is undefined.
func undefinedShare(_ grid: Grid) -> Double {
    guard !grid.undefined.isEmpty else { return 0 }
    return Double(grid.undefined.filter { $0 }.count) / Double(grid.undefined.count)
}

extension ContourLevels {
    /// The colour of band `k` on `colormap`, from its first entry (band 0) to its last.
    public func color(ofBand k: Int, colormap: Colormap) -> Color {
        colormap.color(at: count <= 1 ? 0 : Double(k) / Double(count - 1))
    }
}

/// The colorbar: one rectangle per band on the levels' own scale.
func colorbarLayers(bar: Rect, levels: ContourLevels, axis: AxisSpec, colormap: Colormap, m: Metrics,
                    theme: Theme) -> (layers: [Layer], region: Rect) {
    let bounds = levels.bounds[0]...levels.bounds[levels.count]
    let window = DataWindow(x: 0...1, y: bounds, yLog: levels.scale == .log)
    let fills: [Mark] = (0..<levels.count).map { k in
        let a = levels.bounds[k], b = levels.bounds[k + 1]
        return .fill([[Point(0, a), Point(1, a), Point(1, b), Point(0, b)]], levels.color(ofBand: k, colormap: colormap))
    }
    var marks: [Mark] = [.stroke([Point(bar.x, bar.y), Point(bar.maxX, bar.y), Point(bar.maxX, bar.maxY),
                                  Point(bar.x, bar.maxY), Point(bar.x, bar.y)], LineStyle(color: theme.frame, width: m.spine))]
    let text = TextStyle(size: m.tickLabel, color: theme.mutedInk, alignment: TextAlignment(.left, .middle))
    for (t, label) in zip(axis.ticks, axis.labels) {
        let y = window.map(Point(0, t), into: bar).y
        guard y >= bar.y - 0.5 && y <= bar.maxY + 0.5 else { continue }
        marks.append(.stroke([Point(bar.maxX, y), Point(bar.maxX + m.tickLength, y)], LineStyle(color: theme.mutedInk, width: m.spine)))
        marks.append(.text(label, at: Point(bar.maxX + m.tickLength + m.gap, y), text))
    }
    let labelX = bar.maxX + m.tickLength + m.gap + axis.labelWidth(m) + m.gap * 1.5
    marks.append(.text(axis.title, at: Point(labelX, bar.y + bar.height / 2),
                       TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .top), angle: Double.pi / 2)))
    let region = Rect(x: bar.x, y: bar.y - m.tickLabel * 0.6, width: labelX + m.axisLabel * 1.1 - bar.x,
                      height: bar.height + m.tickLabel * 1.2)
    return ([Layer(name: "colorbar", viewport: bar, window: window, clips: true, marks: fills),
             Layer(name: "colorbar-axes", viewport: region, marks: marks)], region)
}
