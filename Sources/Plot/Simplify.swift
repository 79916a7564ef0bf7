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
///
/// A point's distance is to the chord's *segment*, not to its infinite line: a spike that runs
/// back past the chord's end (a loss curve's overshoot, a path that turns back on itself) lies
/// on the line but far from the segment, and is kept. Distances are compared multiplied by the
/// chord's squared length, so that the inner loop does not divide.
func simplifiedIndices(_ polyline: [Point], tolerance: Double, sx: Double = 1, sy: Double = 1) -> [Int] {
    guard polyline.count > 2 else { return Array(polyline.indices) }
    var keep = [Bool](repeating: false, count: polyline.count)
    keep[0] = true; keep[polyline.count - 1] = true
    let t2 = tolerance * tolerance
    var stack: [(Int, Int)] = [(0, polyline.count - 1)]
    polyline.withUnsafeBufferPointer { p in
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let ax = p[a].x * sx, ay = p[a].y * sy
            let dx = p[b].x * sx - ax, dy = p[b].y * sy - ay
            let length2 = dx * dx + dy * dy
            let scale = length2 == 0 ? 1 : length2
            var worst = -1.0, at = a
            for k in (a + 1)..<b {
                let px = p[k].x * sx - ax, py = p[k].y * sy - ay
                // Squared distance to the segment, times length2 (or alone for a zero-length chord).
                let score: Double
                let along = px * dx + py * dy
                if length2 == 0 || along <= 0 {
                    score = (px * px + py * py) * scale
                } else if along >= length2 {
                    let qx = px - dx, qy = py - dy
                    score = (qx * qx + qy * qy) * length2
                } else {
                    let cross = px * dy - py * dx
                    score = cross * cross
                }
                if score > worst { worst = score; at = k }
            }
            if worst > t2 * scale { keep[at] = true; stack.append((a, at)); stack.append((at, b)) }
        }
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
