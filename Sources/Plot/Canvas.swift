import RealModule
import Surfaces

/// A 2D affine map `(x, y) ↦ (a x + c y + tx, b x + d y + ty)`.
public struct AffineTransform: Hashable, Sendable {
    public var a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double
    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d; self.tx = tx; self.ty = ty
    }
    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)
    public static func translation(_ x: Double, _ y: Double) -> AffineTransform { .init(a: 1, b: 0, c: 0, d: 1, tx: x, ty: y) }
    /// Rotation by `angle` radians, clockwise on screen (y points down), as in Cairo.
    public static func rotation(_ angle: Double) -> AffineTransform {
        let c = Double.cos(angle), s = Double.sin(angle)
        return .init(a: c, b: s, c: -s, d: c, tx: 0, ty: 0)
    }
}

/// What a figure needs from a drawing surface: a dozen calls, in the manner of gonum/plot's `vg.Canvas`.
///
/// Coordinates are pixels with the origin at the top-left and y pointing down. The state (transform,
/// line width, dash, colour, clip) is saved and restored as a whole; the current path is not part
/// of it and is consumed by ``stroke()`` and ``fill()``.
public protocol Canvas: AnyObject {
    /// Pushes the whole drawing state. Initially the stack is empty.
    func save()
    /// Pops the state pushed by the matching ``save()``.
    func restore()
    /// Applies `t` before the current transform. Initially the identity (1 unit = 1 pixel).
    func concatenate(_ t: AffineTransform)
    /// Line width in current units. Initially 1. Joins and caps are always round.
    func setLineWidth(_ width: Double)
    /// Dash lengths (on, off, ...) in current units; empty for solid. Initially solid.
    func setDash(_ pattern: [Double])
    /// Colour of strokes, fills and text. Initially opaque black.
    func setColor(_ color: Color)
    /// Starts a new subpath at `p`. Initially the path is empty.
    func move(to p: Point)
    /// Adds a straight segment to `p`.
    func line(to p: Point)
    /// Closes the current subpath.
    func closePath()
    /// Strokes the current path and clears it.
    func stroke()
    /// Fills the current path (non-zero winding) and clears it.
    func fill()
    /// Intersects the clip region with `rect`. Initially the whole page.
    func clip(to rect: Rect)
    /// Draws `text` in DejaVu Sans at `size` (regular or bold) with its anchor at `at`.
    /// Initially nothing is set: every call names its size and weight.
    func text(_ text: String, at: Point, size: Double, bold: Bool, alignment: TextAlignment)
}

extension Figure {
    /// Replays the display list on `canvas`: the background, then each layer in order, mapped from
    /// data to pixels and clipped to its viewport when it asks to be.
    public func draw(on canvas: some Canvas) {
        canvas.setColor(background)
        rectanglePath(Rect(x: 0, y: 0, width: Double(width), height: Double(height)), on: canvas)
        canvas.fill()
        for layer in layers {
            canvas.save()
            if layer.clips { canvas.clip(to: layer.viewport) }
            for mark in layer.marks { draw(mark, in: layer, on: canvas) }
            canvas.restore()
        }
    }

    private func draw(_ mark: Mark, in layer: Layer, on canvas: some Canvas) {
        switch mark {
        case .fill(let rings, let color):
            canvas.setColor(color)
            for ring in rings where ring.count >= 3 {
                canvas.move(to: layer.pixel(ring[0]))
                for p in ring.dropFirst() { canvas.line(to: layer.pixel(p)) }
                canvas.closePath()
            }
            canvas.fill()
        case .stroke(let points, let style):
            guard points.count >= 2 else { return }
            set(style, on: canvas)
            canvas.move(to: layer.pixel(points[0]))
            for p in points.dropFirst() { canvas.line(to: layer.pixel(p)) }
            canvas.stroke()
        case .strokes(let lines, let style):
            set(style, on: canvas)
            for points in lines where points.count >= 2 {
                canvas.move(to: layer.pixel(points[0]))
                for p in points.dropFirst() { canvas.line(to: layer.pixel(p)) }
            }
            canvas.stroke()
        case .marker(let p, let shape, let size, let fill, let edge):
            let c = layer.pixel(p)
            let crossWidth = max(1, size * 0.28)
            if shape == .cross {
                // A cross is two strokes: its edge is a wider stroke underneath.
                if let edge {
                    set(edge, on: canvas); canvas.setLineWidth(crossWidth + 2 * edge.width)
                    markerPath(shape, at: c, size: size, on: canvas); canvas.stroke()
                }
                if let fill {
                    canvas.setColor(fill); canvas.setLineWidth(crossWidth); canvas.setDash([])
                    markerPath(shape, at: c, size: size, on: canvas); canvas.stroke()
                }
                return
            }
            if let fill {
                canvas.setColor(fill)
                markerPath(shape, at: c, size: size, on: canvas)
                canvas.fill()
            }
            if let edge {
                set(edge, on: canvas)
                markerPath(shape, at: c, size: size, on: canvas)
                canvas.stroke()
            }
        case .text(let s, let at, let style):
            let p = layer.pixel(at)
            canvas.setColor(style.color)
            if style.angle == 0 {
                canvas.text(s, at: p, size: style.size, bold: style.bold, alignment: style.alignment)
            } else {
                canvas.save()
                canvas.concatenate(.translation(p.x, p.y))
                canvas.concatenate(.rotation(-style.angle))
                canvas.text(s, at: Point(0, 0), size: style.size, bold: style.bold, alignment: style.alignment)
                canvas.restore()
            }
        }
    }

    private func set(_ style: LineStyle, on canvas: some Canvas) {
        canvas.setColor(style.color)
        canvas.setLineWidth(style.width)
        canvas.setDash(style.dash)
    }
}

func rectanglePath(_ r: Rect, on canvas: some Canvas) {
    canvas.move(to: Point(r.x, r.y)); canvas.line(to: Point(r.maxX, r.y))
    canvas.line(to: Point(r.maxX, r.maxY)); canvas.line(to: Point(r.x, r.maxY)); canvas.closePath()
}

/// A marker's outline in pixels.
func markerPath(_ shape: MarkerShape, at c: Point, size: Double, on canvas: some Canvas) {
    let r = size / 2
    switch shape {
    case .circle:
        let n = 24
        for k in 0...n {
            let t = 2 * Double.pi * Double(k) / Double(n)
            let p = Point(c.x + r * Double.cos(t), c.y + r * Double.sin(t))
            if k == 0 { canvas.move(to: p) } else { canvas.line(to: p) }
        }
        canvas.closePath()
    case .square:
        rectanglePath(Rect(x: c.x - r, y: c.y - r, width: size, height: size), on: canvas)
    case .star:
        for k in 0..<10 {
            let radius = k % 2 == 0 ? r : r * 0.45
            let t = -Double.pi / 2 + Double.pi * Double(k) / 5
            let p = Point(c.x + radius * Double.cos(t), c.y + radius * Double.sin(t))
            if k == 0 { canvas.move(to: p) } else { canvas.line(to: p) }
        }
        canvas.closePath()
    case .triangleUp, .triangleDown, .triangleLeft, .triangleRight:
        // A triangle pointing along `d`, centred on its centroid.
        let d: (Double, Double) = shape == .triangleUp ? (0, -1) : shape == .triangleDown ? (0, 1)
            : shape == .triangleLeft ? (-1, 0) : (1, 0)
        let tip = Point(c.x + d.0 * r * 1.1, c.y + d.1 * r * 1.1)
        let back = Point(c.x - d.0 * r * 0.6, c.y - d.1 * r * 0.6)
        let side = (-d.1 * r * 0.95, d.0 * r * 0.95)
        canvas.move(to: tip)
        canvas.line(to: Point(back.x + side.0, back.y + side.1))
        canvas.line(to: Point(back.x - side.0, back.y - side.1))
        canvas.closePath()
    case .cross:
        let h = r * 0.8
        canvas.move(to: Point(c.x - h, c.y - h)); canvas.line(to: Point(c.x + h, c.y + h))
        canvas.move(to: Point(c.x - h, c.y + h)); canvas.line(to: Point(c.x + h, c.y - h))
    }
}
