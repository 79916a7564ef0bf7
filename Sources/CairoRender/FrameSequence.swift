import CCairo
import Plot
import Surfaces

/// The pixels of some boxes of a frame: what changed over the frame before.
public struct FramePatch: Sendable {
    public var boxes: [PixelBox]
    /// Each box's pixels (Cairo ARGB32 words), row by row, box after box.
    public var pixels: [UInt32]

    public init(boxes: [PixelBox], pixels: [UInt32]) { self.boxes = boxes; self.pixels = pixels }

    /// Copies the boxes into `page` (a `width`-wide frame), which then shows this frame.
    public func apply(to page: UnsafeMutableBufferPointer<UInt32>, width: Int) {
        var k = 0
        pixels.withUnsafeBufferPointer { src in
            for b in boxes {
                for y in b.y0..<b.y1 {
                    (page.baseAddress! + y * width + b.x0).update(from: src.baseAddress! + k, count: b.width)
                    k += b.width
                }
            }
        }
    }

    /// The smallest box holding every box; nil if there are none.
    public var bounds: PixelBox? { boxes.dropFirst().reduce(boxes.first) { $0?.union($1) } }
}

/// An animation's frames drawn in step order, each from the one before: only the boxes where
/// the overlay changed (``overlayChange(from:to:width:height:)``) are drawn again, each as an
/// image of its own with only the marks that reach it. The layers that grow (paths, loss and lr
/// curves) are kept on a base page over the background and redrawn only where they grew; the
/// layers above them (heads, cursor, counter) are drawn over the base page where anything
/// changed. The cost is that of the boxes, not of the page; the pixels are those of drawing the
/// frame whole but where Cairo's scan converter, which rounds a pixel by the other edges on its
/// row, rounds an antialiased edge pixel differently (a few levels; a test bounds it). A
/// `whole` frame is drawn as ``FrameRenderer/frame(through:)`` draws it.
///
///     let frames = FrameSequence(try FrameRenderer(scene: scene))
///     for step in steps { let patch = try frames.advance(through: step) }  // what changed
///
/// - Complexity: per frame, the overlay's marks built, mapped to pixels and compared, and Cairo's
///   work inside the changed boxes; two pages of memory, allocated once.
public final class FrameSequence {
    public let renderer: FrameRenderer
    public var width: Int { renderer.width }
    public var height: Int { renderer.height }
    /// The frame.
    private let page: UnsafeMutableBufferPointer<UInt32>
    /// The background with the growing layers (``split(_:)``) at the current step.
    private let base: UnsafeMutableBufferPointer<UInt32>
    /// The current overlay and which of its layers are on the base page.
    private var overlay: (layers: [PixelLayer], inBase: [Bool])?

    public init(_ renderer: FrameRenderer) {
        self.renderer = renderer
        let (w, h) = (renderer.width, renderer.height)
        page = .allocate(capacity: w * h)
        page.initialize(repeating: 0)
        base = .allocate(capacity: w * h)
        base.initialize(repeating: 0)
    }

    deinit { page.deallocate(); base.deallocate() }

    /// The current frame's pixels (Cairo's ARGB32 words, row by row).
    public var pixels: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(page) }

    /// Draws the frame at `step` over the current one and returns what changed: the whole page
    /// the first time (or with `whole`), then the boxes redrawn (none when the overlay is the same).
    public func advance(through step: Int, whole redrawAll: Bool = false) throws(RenderError) -> FramePatch {
        let layers = renderer.scene.overlay(through: step, cursor: true).map(PixelLayer.init)
        let inBase = Self.split(layers)
        let base = zip(layers, inBase).filter(\.1).map(\.0), top = zip(layers, inBase).filter { !$0.1 }.map(\.0)
        let whole = PixelBox(x0: 0, y0: 0, x1: width, y1: height)
        var baseBoxes = [whole], topBoxes = [whole]
        if !redrawAll, let previous = overlay, previous.inBase == inBase,
           let b = overlayChange(from: zip(previous.layers, previous.inBase).filter(\.1).map(\.0.layer),
                                 to: base.map(\.layer), width: width, height: height),
           let t = overlayChange(from: zip(previous.layers, previous.inBase).filter { !$0.1 }.map(\.0.layer),
                                 to: top.map(\.layer), width: width, height: height) {
            baseBoxes = b; topBoxes = t
        }
        overlay = (layers, inBase)
        // The base page: the background with the growing layers, redrawn where they grew.
        try redraw(baseBoxes, of: self.base, from: renderer.background, layers: base)
        // The frame: the base page with the layers above, redrawn where either changed.
        let boxes = mergeBoxes(baseBoxes + topBoxes)
        guard !boxes.isEmpty else { return FramePatch(boxes: [], pixels: []) }
        try redraw(boxes, of: page, from: UnsafeBufferPointer(self.base), layers: top)
        var out = [UInt32]()
        out.reserveCapacity(boxes.reduce(0) { $0 + $1.area })
        for b in boxes {
            for y in b.y0..<b.y1 { out.append(contentsOf: page[(y * width + b.x0)..<(y * width + b.x1)]) }
        }
        return FramePatch(boxes: boxes, pixels: out)
    }

    /// Splits the overlay into the layers that grow from frame to frame (paths, loss and lr
    /// curves), drawn once onto a base page and only where they grew, and the layers above them
    /// (head markers, cursor, counter), drawn over the base page each frame. A growing layer
    /// after a layer above joins the base only when none of the marks of those layers reach it
    /// (the loss panel is beside the paths' panel): then the order in which they are drawn does
    /// not change a pixel.
    static func split(_ layers: [PixelLayer]) -> [Bool] {
        var inBase: [Bool] = []
        var top: [PixelLayer] = []
        for layer in layers {
            let grows = ["paths", "loss", "lr"].contains(layer.layer.name)
            let below = grows && top.allSatisfy { !$0.reaches(layer.region) }
            inBase.append(below)
            if !below { top.append(layer) }
        }
        return inBase
    }

    /// Copies `source` into `target` inside `boxes`, then draws `layers` there: each box as an
    /// image of its own over those pixels, shifted by a device offset of whole pixels, with only
    /// the marks (and the parts of long polylines) that reach it.
    private func redraw(_ boxes: [PixelBox], of target: UnsafeMutableBufferPointer<UInt32>, from source: UnsafeBufferPointer<UInt32>,
                        layers: [PixelLayer]) throws(RenderError) {
        let stride = 4 * width
        for b in boxes {
            for y in b.y0..<b.y1 {
                (target.baseAddress! + y * width + b.x0).update(from: source.baseAddress! + y * width + b.x0, count: b.width)
            }
            let culled = layers.compactMap { $0.culled(to: b) }
            guard !culled.isEmpty else { continue }
            let figure = Figure(width: width, height: height, background: Color(red: 0, green: 0, blue: 0, alpha: 0), layers: culled)
            let data = UnsafeMutableRawPointer(target.baseAddress! + b.y0 * width + b.x0).assumingMemoryBound(to: UInt8.self)
            let part = try CairoSurface(cairo_image_surface_create_for_data(data, CAIRO_FORMAT_ARGB32, Int32(b.width), Int32(b.height), Int32(stride)),
                                        "create a \(b.width)×\(b.height) part of a frame")
            cairo_surface_set_device_offset(part.pointer, Double(-b.x0), Double(-b.y0))
            try draw(figure, on: part, scale: 1)
            try part.finish("draw a part of a frame")
        }
    }

    private func redraw(_ boxes: [PixelBox], of target: UnsafeMutableBufferPointer<UInt32>, from source: [UInt32],
                        layers: [PixelLayer]) throws(RenderError) {
        try source.withUnsafeBufferPointer { (s: UnsafeBufferPointer<UInt32>) throws(RenderError) in
            try redraw(boxes, of: target, from: s, layers: layers)
        }
    }
}

/// A layer with its marks in pixels and each mark's (each line's) pixel extent, to draw only what
/// reaches a box.
struct PixelLayer {
    var layer: Layer
    /// Per mark, the extent of each of its lines (one for a single stroke, a marker or a text).
    var extents: [[PixelExtent]]

    struct PixelExtent { var x0, y0, x1, y1: Double }

    /// Where the layer can draw: its viewport when it clips, else the extent of its marks.
    var region: PixelExtent {
        if layer.clips {
            let v = layer.viewport
            return PixelExtent(x0: v.x - 2, y0: v.y - 2, x1: v.maxX + 2, y1: v.maxY + 2)
        }
        var r = PixelExtent(x0: .infinity, y0: .infinity, x1: -.infinity, y1: -.infinity)
        for e in extents.joined() { r.x0 = min(r.x0, e.x0); r.y0 = min(r.y0, e.y0); r.x1 = max(r.x1, e.x1); r.y1 = max(r.y1, e.y1) }
        return r
    }

    /// Whether any of the layer's marks reaches `r`.
    func reaches(_ r: PixelExtent) -> Bool {
        if layer.clips {
            let v = region
            guard v.x0 < r.x1, v.x1 > r.x0, v.y0 < r.y1, v.y1 > r.y0 else { return false }
        }
        return extents.joined().contains { $0.x0 < r.x1 && $0.x1 > r.x0 && $0.y0 < r.y1 && $0.y1 > r.y0 }
    }

    init(_ layer: Layer) {
        var out = Layer(name: layer.name, group: layer.group, viewport: layer.viewport, window: nil, clips: layer.clips)
        out.marks.reserveCapacity(layer.marks.count)
        extents = []
        extents.reserveCapacity(layer.marks.count)
        func pixels(_ points: [Point]) -> [Point] { layer.window == nil ? points : points.map(layer.pixel) }
        func extent(_ points: [Point], pad: Double) -> PixelExtent {
            var e = PixelExtent(x0: .infinity, y0: .infinity, x1: -.infinity, y1: -.infinity)
            for p in points { e.x0 = min(e.x0, p.x); e.x1 = max(e.x1, p.x); e.y0 = min(e.y0, p.y); e.y1 = max(e.y1, p.y) }
            // Not finite: cannot be placed, so always drawn.
            if !(e.x0.isFinite && e.x1.isFinite && e.y0.isFinite && e.y1.isFinite) { return PixelExtent(x0: -.infinity, y0: -.infinity, x1: .infinity, y1: .infinity) }
            return PixelExtent(x0: e.x0 - pad, y0: e.y0 - pad, x1: e.x1 + pad, y1: e.y1 + pad)
        }
        for mark in layer.marks {
            switch mark {
            case .fill(let rings, let c):
                let r = rings.map(pixels)
                out.marks.append(.fill(r, c)); extents.append([extent(r.flatMap { $0 }, pad: 2)])
            case .stroke(let points, let style):
                let q = pixels(points)
                out.marks.append(.stroke(q, style)); extents.append([extent(q, pad: style.width / 2 + 2)])
            case .strokes(let lines, let style):
                let q = lines.map(pixels)
                out.marks.append(.strokes(q, style)); extents.append(q.map { extent($0, pad: style.width / 2 + 2) })
            case .marker(let p, let shape, let size, let fill, let edge):
                let c = layer.pixel(p)
                out.marks.append(.marker(c, shape, size: size, fill: fill, edge: edge))
                extents.append([extent([c], pad: 0.55 * size + max(1, 0.28 * size) + 2 * (edge?.width ?? 0) + 2)])
            case .text(let s, let at, let style):
                let c = layer.pixel(at)
                out.marks.append(.text(s, at: c, style))
                let w = TextMetrics.width(s, size: style.size, bold: style.bold) + 0.5 * style.size
                let line: Double = 1.5 * style.size
                let rx: Double = style.angle == 0 ? w + 2 : w + line + 2
                let ry: Double = style.angle == 0 ? line + 2 : w + line + 2
                extents.append([PixelExtent(x0: c.x - rx, y0: c.y - ry, x1: c.x + rx, y1: c.y + ry)])
            }
        }
        self.layer = out
    }

    /// The marks that reach `box`: a polyline in an undashed style keeps only the runs of
    /// segments that reach it. With round joins and caps a stroke is the union of its segments'
    /// capsules, so inside the box the shape is the same; a cut end's cap lies in the capsule of a
    /// segment that does not reach the box. Nil when nothing reaches it.
    func culled(to box: PixelBox) -> Layer? {
        let bx0 = Double(box.x0), by0 = Double(box.y0), bx1 = Double(box.x1), by1 = Double(box.y1)
        func reaches(_ e: PixelExtent) -> Bool { e.x0 < bx1 && e.x1 > bx0 && e.y0 < by1 && e.y1 > by0 }
        if layer.clips {
            let v = layer.viewport
            guard v.x - 2 < bx1, v.maxX + 2 > bx0, v.y - 2 < by1, v.maxY + 2 > by0 else { return nil }
        }
        func runs(_ line: [Point], pad: Double) -> [[Point]] {
            var out: [[Point]] = []
            var current: [Point] = []
            for k in 0..<(line.count - 1) {
                let a = line[k], b = line[k + 1]
                let e = PixelExtent(x0: min(a.x, b.x) - pad, y0: min(a.y, b.y) - pad, x1: max(a.x, b.x) + pad, y1: max(a.y, b.y) + pad)
                if reaches(e) || !(a.isFinite && b.isFinite) {
                    if current.isEmpty { current.append(a) }
                    current.append(b)
                } else if !current.isEmpty {
                    out.append(current); current = []
                }
            }
            if !current.isEmpty { out.append(current) }
            return out
        }
        var out = layer
        out.marks = []
        for (mark, e) in zip(layer.marks, extents) {
            switch mark {
            case .stroke(let points, let style):
                guard reaches(e[0]) else { continue }
                if style.dash.isEmpty, points.count > 8 {
                    let parts = runs(points, pad: style.width / 2 + 2)
                    if parts.count == 1 { out.marks.append(.stroke(parts[0], style)) } else if !parts.isEmpty { out.marks.append(.strokes(parts, style)) }
                } else {
                    out.marks.append(mark)
                }
            case .strokes(let lines, let style):
                var kept: [[Point]] = []
                for (line, le) in zip(lines, e) where line.count >= 2 && reaches(le) {
                    if style.dash.isEmpty, line.count > 8 { kept += runs(line, pad: style.width / 2 + 2) } else { kept.append(line) }
                }
                if !kept.isEmpty { out.marks.append(.strokes(kept, style)) }
            default:
                if reaches(e[0]) { out.marks.append(mark) }
            }
        }
        return out.marks.isEmpty ? nil : out
    }
}
