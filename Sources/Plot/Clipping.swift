import Surfaces

/// The pieces of `polyline` inside the rectangle `x × y` (Liang–Barsky clipping of each segment).
///
/// Paths are clipped to the axes before they are drawn: a diverging optimizer's last points can
/// lie at 1e150, beyond the fixed-point range of any rasteriser. Non-finite points cut the line.
///
///     clip(polyline: [Point(-1, 0.5), Point(2, 0.5)], x: 0...1, y: 0...1)
///     // [[Point(0, 0.5), Point(1, 0.5)]]
///
/// - Complexity: O(n).
public func clip(polyline: [Point], x: ClosedRange<Double>, y: ClosedRange<Double>) -> [[Point]] {
    var pieces: [[Point]] = []
    var current: [Point] = []
    func flush() { if current.count >= 2 { pieces.append(current) }; current = [] }
    for (a, b) in zip(polyline, polyline.dropFirst()) {
        guard a.isFinite, b.isFinite, let (p, q) = clipSegment(a, b, x: x, y: y) else { flush(); continue }
        if let last = current.last, last == p {
            current.append(q)
        } else {
            flush(); current = [p, q]
        }
        if q != b { flush() }  // the segment left the rectangle
    }
    flush()
    return pieces
}

/// The part of segment a–b inside the rectangle, or nil.
func clipSegment(_ a: Point, _ b: Point, x: ClosedRange<Double>, y: ClosedRange<Double>) -> (Point, Point)? {
    guard let (t0, t1) = clipParameters(a, b, x: x, y: y) else { return nil }
    let dx = b.x - a.x, dy = b.y - a.y
    let p = t0 == 0 ? a : Point(a.x + t0 * dx, a.y + t0 * dy)
    let q = t1 == 1 ? b : Point(a.x + t1 * dx, a.y + t1 * dy)
    return (p, q)
}
