import RealModule
import Surfaces

/// Diagonal hatching of the region inside `rings` (even-odd rule), as line segments: the lines
/// `x − y = c` for c every `spacing · √2`, so the lines lie `spacing` apart, each cut where it
/// crosses a ring (a scanline fill, with the lines as scanlines).
///
///     hatchLines(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)]], spacing: 5)
///     // segments of the diagonals x − y = −7.07, 0, 7.07 inside the square
///
/// Coordinates are pixels (or any units where the hatching should look diagonal).
/// - Complexity: O(lines × edges).
func hatchLines(rings: [[Point]], spacing: Double) -> [[Point]] {
    let points = rings.joined()
    guard spacing > 0, let lo = points.map({ $0.x - $0.y }).min(), let hi = points.map({ $0.x - $0.y }).max() else { return [] }
    let step = spacing * 2.0.squareRoot()
    var segments: [[Point]] = []
    var c = ((lo / step).rounded(.down) + 0.5) * step
    while c <= hi {
        // Crossings of the line x − y = c with every edge, by t = x + y along the line.
        var ts: [Double] = []
        for ring in rings where ring.count >= 2 {
            for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) {
                let da = a.x - a.y - c, db = b.x - b.y - c
                guard (da < 0) != (db < 0) else { continue }
                let s = da / (da - db)
                ts.append((a.x + (b.x - a.x) * s) + (a.y + (b.y - a.y) * s))
            }
        }
        ts.sort()
        var k = 0
        while k + 1 < ts.count {
            let t0 = ts[k], t1 = ts[k + 1]
            // x + y = t, x − y = c  →  x = (t + c) / 2, y = (t − c) / 2
            segments.append([Point((t0 + c) / 2, (t0 - c) / 2), Point((t1 + c) / 2, (t1 - c) / 2)])
            k += 2
        }
        c += step
    }
    return segments
}
