import RealModule
import Surfaces

/// A rectangle of whole pixels, `x0 ..< x1` by `y0 ..< y1`.
public struct PixelBox: Hashable, Sendable {
    public var x0: Int, y0: Int, x1: Int, y1: Int
    public init(x0: Int, y0: Int, x1: Int, y1: Int) { self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1 }
    public var width: Int { x1 - x0 }
    public var height: Int { y1 - y0 }
    public var area: Int { width * height }
    public var isEmpty: Bool { x1 <= x0 || y1 <= y0 }
    /// The smallest box holding both.
    public func union(_ o: PixelBox) -> PixelBox {
        PixelBox(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1))
    }
    /// Whether the boxes share a pixel.
    public func intersects(_ o: PixelBox) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
}

/// The pixels where two overlays (the same scene's ``SurfaceScene/overlay(through:cursor:)`` at
/// two steps) can draw differently: a few boxes, or nil when the overlays differ in their layers
/// (then the whole page must be drawn again).
///
/// An animation frame is the previous frame with only these boxes redrawn (background restored,
/// the whole overlay drawn clipped to them), which gives exactly the pixels of drawing it whole:
/// outside the boxes both overlays draw the same marks at the same places.
///
/// Marks are compared in drawing order, layer by layer. Equal marks change nothing. A polyline
/// that grew (a path, a loss curve) changes only around the points after the common prefix: with
/// round joins and caps, a stroke is the union of its segments' capsules (each segment widened by
/// half the line width), so the shared segments cover the same pixels in both, and only the
/// segments from the last shared point on (with that point's join, once a cap) can differ. Any
/// other change (a marker that moved, the step counter's text, the cursor) covers both marks'
/// whole extents. Every extent is widened by 2 pixels for antialiasing and rounding.
///
///     let boxes = overlayChange(from: scene.overlay(through: 40, cursor: true),
///                               to: scene.overlay(through: 44, cursor: true), width: w, height: h)
///
/// - Complexity: O(points of both overlays) to compare, and O(b²) to merge b boxes.
public func overlayChange(from old: [Layer], to new: [Layer], width: Int, height: Int) -> [PixelBox]? {
    guard old.count == new.count else { return nil }
    var rects = ChangeRects()
    for (a, b) in zip(old, new) {
        guard a.name == b.name, a.viewport == b.viewport, a.window == b.window, a.clips == b.clips else { return nil }
        if a.marks == b.marks { continue }
        var limit: Rect? = nil
        if a.clips {
            limit = Rect(x: a.viewport.x - 2, y: a.viewport.y - 2, width: a.viewport.width + 4, height: a.viewport.height + 4)
        }
        let n = max(a.marks.count, b.marks.count)
        for k in 0..<n {
            let p = k < a.marks.count ? a.marks[k] : nil, q = k < b.marks.count ? b.marks[k] : nil
            if p == q { continue }
            switch (p, q) {
            case (.stroke(let u, let s)?, .stroke(let v, let t)?) where s == t:
                rects.grown(u, v, layer: a, pad: s.width / 2, limit: limit)
            case (.strokes(let us, let s)?, .strokes(let vs, let t)?) where s == t:
                for i in 0..<max(us.count, vs.count) {
                    let u = i < us.count ? us[i] : [], v = i < vs.count ? vs[i] : []
                    if u != v { rects.grown(u, v, layer: a, pad: s.width / 2, limit: limit) }
                }
            default:
                if let p { rects.whole(p, layer: a, limit: limit) }
                if let q { rects.whole(q, layer: b, limit: limit) }
            }
            if rects.everything { return nil }
        }
    }
    return rects.boxes(width: width, height: height)
}

/// The rectangles collected by ``overlayChange(from:to:width:height:)``.
struct ChangeRects {
    var rects: [Rect] = []
    /// A point could not be placed (not finite): redraw everything.
    var everything = false
    static let margin = 2.0

    /// A polyline `u` that became `v`: the extent of both from the last shared point on.
    mutating func grown(_ u: [Point], _ v: [Point], layer: Layer, pad: Double, limit: Rect?) {
        var shared = 0
        while shared < u.count, shared < v.count, u[shared] == v[shared] { shared += 1 }
        let from = max(0, shared - 1)
        // A line of one point draws nothing.
        if u.count >= 2, from < u.count { add(u[from...], layer: layer, pad: pad, limit: limit) }
        if v.count >= 2, from < v.count { add(v[from...], layer: layer, pad: pad, limit: limit) }
    }

    /// The whole extent of a mark.
    mutating func whole(_ mark: Mark, layer: Layer, limit: Rect?) {
        switch mark {
        case .fill(let rings, _):
            for ring in rings { add(ring[...], layer: layer, pad: 0, limit: limit) }
        case .stroke(let points, let style):
            add(points[...], layer: layer, pad: style.width / 2, limit: limit)
        case .strokes(let lines, let style):
            for line in lines { add(line[...], layer: layer, pad: style.width / 2, limit: limit) }
        case .marker(let p, _, let size, _, let edge):
            // The farthest any shape reaches (a triangle's tip, 1.1 r), a cross's bar and the edge.
            let reach = 0.55 * size + max(1, 0.28 * size) + 2 * (edge?.width ?? 0)
            add([p][...], layer: layer, pad: reach, limit: limit)
        case .text(let s, let at, let style):
            // Generous: the advance both ways, the line height and a little for glyphs' overhang.
            let w = TextMetrics.width(s, size: style.size, bold: style.bold) + 0.5 * style.size
            let reach = style.angle == 0 ? nil : w + 1.5 * style.size
            let c = layer.pixel(at)
            guard c.isFinite else { everything = true; return }
            let rx = reach ?? w, ry = reach ?? 1.5 * style.size
            clipAndAppend(Rect(x: c.x - rx, y: c.y - ry, width: 2 * rx, height: 2 * ry), limit: limit)
        }
    }

    /// The pixel extent of `points` in `layer`, widened by `pad` and the margin.
    mutating func add(_ points: ArraySlice<Point>, layer: Layer, pad: Double, limit: Rect?) {
        guard !points.isEmpty else { return }
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for p in points {
            let q = layer.pixel(p)
            guard q.isFinite else { everything = true; return }
            x0 = min(x0, q.x); x1 = max(x1, q.x); y0 = min(y0, q.y); y1 = max(y1, q.y)
        }
        let r = pad + Self.margin
        clipAndAppend(Rect(x: x0 - r, y: y0 - r, width: x1 - x0 + 2 * r, height: y1 - y0 + 2 * r), limit: limit)
    }

    private mutating func clipAndAppend(_ r: Rect, limit: Rect?) {
        guard let limit else { rects.append(r); return }
        let x0 = max(r.x, limit.x), y0 = max(r.y, limit.y), x1 = min(r.maxX, limit.maxX), y1 = min(r.maxY, limit.maxY)
        if x1 > x0, y1 > y0 { rects.append(Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)) }
    }

    /// The rectangles as whole-pixel boxes inside the page, those that overlap or nearly touch
    /// merged, at most `limit` of them (then the pair whose union adds least is merged first).
    func boxes(width: Int, height: Int, limit: Int = 24) -> [PixelBox] {
        var boxes: [PixelBox] = []
        for r in rects {
            let b = PixelBox(x0: max(0, Int(r.x.rounded(.down))), y0: max(0, Int(r.y.rounded(.down))),
                             x1: min(width, Int(r.maxX.rounded(.up))), y1: min(height, Int(r.maxY.rounded(.up))))
            if !b.isEmpty { boxes.append(b) }
        }
        return mergeBoxes(boxes, limit: limit)
    }
}

/// `boxes` with those that overlap or nearly touch merged, at most `limit` of them (then the
/// pair whose union adds least is merged first), top to bottom, left to right.
public func mergeBoxes(_ boxes: [PixelBox], limit: Int = 24) -> [PixelBox] {
    var boxes = boxes.filter { !$0.isEmpty }
    // Merge while some union costs no more than the two boxes apart (plus a little: each box
    // is one more clipped pass over the overlay).
    var merged = true
    while merged {
        merged = false
        outer: for i in boxes.indices {
            for j in (i + 1)..<boxes.count {
                let u = boxes[i].union(boxes[j])
                if u.area <= boxes[i].area + boxes[j].area + 256 {
                    boxes[i] = u; boxes.remove(at: j); merged = true
                    break outer
                }
            }
        }
    }
    while boxes.count > limit {
        var best = (0, 1), cost = Int.max
        for i in boxes.indices {
            for j in (i + 1)..<boxes.count {
                let c = boxes[i].union(boxes[j]).area - boxes[i].area - boxes[j].area
                if c < cost { cost = c; best = (i, j) }
            }
        }
        boxes[best.0] = boxes[best.0].union(boxes[best.1]); boxes.remove(at: best.1)
    }
    // A fixed order (top to bottom, left to right), whatever the merging did.
    return boxes.sorted { ($0.y0, $0.x0, $0.y1, $0.x1) < ($1.y0, $1.x0, $1.y1, $1.x1) }
}
