import RealModule
import Surfaces

/// A rectangle in pixels, y pointing down from the top-left corner of the figure.
public struct Rect: Hashable, Sendable, Codable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    /// Whether the two rectangles share interior points (touching edges do not count).
    public func intersects(_ o: Rect) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
    /// Whether `o` lies inside (edges included).
    public func contains(_ o: Rect) -> Bool { o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY }
    public func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
    /// The smallest rectangle holding both.
    public func union(_ o: Rect) -> Rect {
        let x0 = min(x, o.x), y0 = min(y, o.y)
        return Rect(x: x0, y: y0, width: max(maxX, o.maxX) - x0, height: max(maxY, o.maxY) - y0)
    }
}

/// The data range a layer shows in its viewport, each axis linear or log10.
public struct DataWindow: Hashable, Sendable {
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var xLog: Bool
    public var yLog: Bool
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, xLog: Bool = false, yLog: Bool = false) {
        self.x = x; self.y = y; self.xLog = xLog; self.yLog = yLog
    }

    /// The pixel position of data point `p` in `viewport` (y up in data, down in pixels).
    @inlinable
    public func map(_ p: Point, into viewport: Rect) -> Point {
        @inline(__always) func t(_ v: Double, _ r: ClosedRange<Double>, _ log: Bool) -> Double {
            log ? (Double.log10(v) - Double.log10(r.lowerBound)) / (Double.log10(r.upperBound) - Double.log10(r.lowerBound))
                : (v - r.lowerBound) / (r.upperBound - r.lowerBound)
        }
        return Point(viewport.x + t(p.x, x, xLog) * viewport.width,
                     viewport.maxY - t(p.y, y, yLog) * viewport.height)
    }
}

/// How a line is stroked.
public struct LineStyle: Hashable, Sendable {
    public var color: Color
    /// In pixels.
    public var width: Double
    /// On/off lengths in pixels; empty for a solid line.
    public var dash: [Double]
    public init(color: Color, width: Double, dash: [Double] = []) { self.color = color; self.width = width; self.dash = dash }
}

public enum HorizontalAlignment: String, Hashable, Sendable { case left, center, right }
/// `top`/`bottom` align the font's ascent/descent, `middle` centres capital letters, `baseline` the baseline.
public enum VerticalAlignment: String, Hashable, Sendable { case top, middle, baseline, bottom }

/// Where a text's anchor point sits on the text.
public struct TextAlignment: Hashable, Sendable {
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
    public init(_ horizontal: HorizontalAlignment = .left, _ vertical: VerticalAlignment = .baseline) {
        self.horizontal = horizontal; self.vertical = vertical
    }
}

/// How a text is set: DejaVu Sans at `size` pixels.
public struct TextStyle: Hashable, Sendable {
    public var size: Double
    public var color: Color
    public var bold: Bool
    public var alignment: TextAlignment
    /// Counter-clockwise rotation about the anchor, in radians (π/2 for a y-axis label).
    public var angle: Double
    public init(size: Double, color: Color = .ink, bold: Bool = false,
                alignment: TextAlignment = TextAlignment(), angle: Double = 0) {
        self.size = size; self.color = color; self.bold = bold; self.alignment = alignment; self.angle = angle
    }
}

public enum MarkerShape: String, Hashable, Sendable {
    case circle, star, cross, square
    /// Triangles pointing up, down, left and right: where a path leaves the plot, pointing out.
    case triangleUp, triangleDown, triangleLeft, triangleRight
}

/// One thing to draw. Points are in the layer's data coordinates (or pixels if it has no window);
/// widths, marker sizes and text sizes are always in pixels.
public enum Mark: Hashable, Sendable {
    /// Closed rings filled with the non-zero winding rule.
    case fill([[Point]], Color)
    /// An open polyline.
    case stroke([Point], LineStyle)
    /// Several open polylines in one style, stroked as one path.
    case strokes([[Point]], LineStyle)
    /// A symbol of `size` pixels (diameter) centred on a point.
    case marker(Point, MarkerShape, size: Double, fill: Color?, edge: LineStyle?)
    case text(String, at: Point, TextStyle)
}

/// Whether a layer is part of the static background of a figure (contours, colorbar, axes,
/// titles, legend) or of the overlay that changes with the step shown (paths, markers, curves,
/// cursors). An animation draws the background once and the overlay per frame; the backends
/// draw both the same way, background first.
public enum LayerGroup: String, Hashable, Sendable {
    case background, overlay
}

/// A group of marks sharing a coordinate system: a data window shown in a pixel viewport.
public struct Layer: Hashable, Sendable {
    /// What this layer is (`contour`, `legend`, ...), for tests and debugging.
    public var name: String
    public var group: LayerGroup
    public var viewport: Rect
    /// nil: the marks are in pixels.
    public var window: DataWindow?
    /// Whether drawing is clipped to the viewport.
    public var clips: Bool
    public var marks: [Mark]
    public init(name: String, group: LayerGroup = .background, viewport: Rect, window: DataWindow? = nil,
                clips: Bool = false, marks: [Mark] = []) {
        self.name = name; self.group = group; self.viewport = viewport; self.window = window; self.clips = clips
        self.marks = marks
    }

    /// Where a mark's point lands in pixels.
    public func pixel(_ p: Point) -> Point { window?.map(p, into: viewport) ?? p }
}

/// A finished figure as a display list: layers drawn in order on a `width × height` pixel page.
///
/// Built by pure functions (``surfaceFigure(surface:paths:options:)``, ``trainingFigure(curves:title:width:height:)``)
/// and drawn on any ``Canvas``; `CairoRender` turns it into PNG, SVG or PDF bytes.
public struct Figure: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var background: Color
    public var layers: [Layer]
    /// Named pixel rectangles of the layout (`contour`, `loss`, `colorbar`, `legend`, ...), each
    /// including the tick labels and axis titles that belong to it.
    public var regions: [String: Rect]

    public init(width: Int, height: Int, background: Color = .white, layers: [Layer] = [], regions: [String: Rect] = [:]) {
        self.width = width; self.height = height; self.background = background; self.layers = layers; self.regions = regions
    }

    /// Every text the figure shows, in drawing order.
    public var texts: [String] {
        layers.flatMap { $0.marks.compactMap { if case .text(let s, _, _) = $0 { s } else { nil } } }
    }

    /// The layer called `name`.
    public func layer(_ name: String) -> Layer? { layers.first { $0.name == name } }

    /// The layers of one group, in drawing order.
    public func layers(in group: LayerGroup) -> [Layer] { layers.filter { $0.group == group } }
}
