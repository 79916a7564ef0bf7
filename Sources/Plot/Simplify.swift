import Surfaces

/// `polyline` with the points dropped that move it by less than `tolerance` (Ramer–Douglas–Peucker:
/// Ramer 1972, Douglas & Peucker 1973). Distances are measured after scaling x by `sx` and y by
/// `sy`, so that the tolerance can be given in pixels for data coordinates. The first and last
/// points are always kept.
///
///     simplify([Point(0, 0), Point(1, 0.001), Point(2, 0)], tolerance: 0.01)   // [Point(0, 0), Point(2, 0)]
///
/// A grid of 400 cells across 500 pixels puts a contour vertex every pixel or so; dropping those
/// within a quarter pixel of the line halves the work of filling and stroking, invisibly.
///
/// - Complexity: O(n log n) typical, O(n²) worst case.
public func simplify(_ polyline: [Point], tolerance: Double, sx: Double = 1, sy: Double = 1) -> [Point] {
    guard polyline.count > 2 else { return polyline }
    return simplifiedIndices(polyline, tolerance: tolerance, sx: sx, sy: sy).map { polyline[$0] }
}

/// The indices of the points ``simplify(_:tolerance:sx:sy:)`` keeps, in order.
func simplifiedIndices(_ polyline: [Point], tolerance: Double, sx: Double = 1, sy: Double = 1) -> [Int] {
    guard polyline.count > 2 else { return Array(polyline.indices) }
    var keep = [Bool](repeating: false, count: polyline.count)
    keep[0] = true; keep[polyline.count - 1] = true
    let t2 = tolerance * tolerance
    var stack: [(Int, Int)] = [(0, polyline.count - 1)]
    while let (a, b) = stack.popLast() {
        guard b > a + 1 else { continue }
        let ax = polyline[a].x * sx, ay = polyline[a].y * sy
        let dx = polyline[b].x * sx - ax, dy = polyline[b].y * sy - ay
        let length2 = dx * dx + dy * dy
        var worst = -1.0, at = a
        for k in (a + 1)..<b {
            let px = polyline[k].x * sx - ax, py = polyline[k].y * sy - ay
            let d2: Double
            if length2 == 0 { d2 = px * px + py * py } else {
                let cross = px * dy - py * dx
                d2 = cross * cross / length2
            }
            if d2 > worst { worst = d2; at = k }
        }
        if worst > t2 { keep[at] = true; stack.append((a, at)); stack.append((at, b)) }
    }
    return polyline.indices.filter { keep[$0] }
}

/// A closed ring simplified the same way, split at its first point and at the point farthest from
/// it so that both halves keep their shape. Rings that collapse below three points are dropped (nil).
public func simplify(ring: [Point], tolerance: Double, sx: Double = 1, sy: Double = 1) -> [Point]? {
    guard ring.count > 3 else { return ring }
    let p0 = ring[0]
    var far = 1, best = -1.0
    for (k, p) in ring.enumerated() {
        let d = ((p.x - p0.x) * sx) * ((p.x - p0.x) * sx) + ((p.y - p0.y) * sy) * ((p.y - p0.y) * sy)
        if d > best { best = d; far = k }
    }
    let first = simplify(Array(ring[0...far]), tolerance: tolerance, sx: sx, sy: sy)
    let second = simplify(Array(ring[far...]) + [p0], tolerance: tolerance, sx: sx, sy: sy)
    let out = first + second.dropFirst().dropLast()
    return out.count >= 3 ? out : nil
}
