/// A point of the 3D view's box: x and y in −½…½, the height in 0…``Projection3D/boxHeight``.
typealias BoxPoint = (Double, Double, Double)

/// A patch of the 3D view's surface cut into its level bands (isobands), so that the colour
/// changes along the level curves themselves rather than at the patch's edges, where one flat
/// colour per patch draws a band's edge as a staircase of patches.
///
/// The patch (a ring of box points, counter-clockwise, corners and any T-junction points) is
/// triangulated as a fan from its first point, the height taken as linear over each triangle
/// (the flat facets the tessellation approximates the surface with, to within its tolerance);
/// each triangle is clipped against the half-spaces h ≥ Hₖ and h < Hₖ₊₁ of every band it spans
/// (Sutherland–Hodgman, exact for a linear function on a convex polygon), so a band's piece of a
/// triangle is convex and its boundary is the straight segment where the facet crosses the level:
/// the band edges are the surface's own horizontal slices, a polyline through the level curve's
/// points on every triangle edge. A patch inside one band stays one piece, the ring itself.
///
/// Band k holds the heights h with Hₖ ≤ h < Hₖ₊₁ for the `levels` H₁ < … < H_{n−1} (the inner
/// boundaries, as box heights); band 0 everything below H₁, band n − 1 everything from H_{n−1}:
/// the same rule as the contour figure's (``ContourLevels``).
///
///     let pieces = bandPieces(ring: [(0, 0, 0), (1, 0, 1), (1, 1, 1), (0, 1, 0)], levels: [0.5])
///     pieces.map(\.band)   // [0, 1]: the square cut along x = 0.5
///
/// Marching triangles for filled contours is the standard method (e.g. the isoband cases of
/// Bourke's "Polygonising a scalar field", 1994; matplotlib's tricontourf works the same way).
///
/// - Complexity: O(ring points × bands spanned).
func bandPieces(ring: [BoxPoint], levels: [Double]) -> [(band: Int, rings: [[BoxPoint]])] {
    guard ring.count >= 3 else { return [] }
    let bands = ring.map { band(of: $0.2, levels: levels) }
    let low = bands.min()!, high = bands.max()!
    if low == high { return [(low, [ring])] }
    var out: [(band: Int, rings: [[BoxPoint]])] = (low...high).map { ($0, []) }
    for k in 1..<(ring.count - 1) {
        let triangle = [ring[0], ring[k], ring[k + 1]]
        guard abs(area(triangle)) > 1e-18 else { continue }  // collinear points along a side
        let tb = [bands[0], bands[k], bands[k + 1]]
        let lo = tb.min()!, hi = tb.max()!
        if lo == hi { out[lo - low].rings.append(triangle); continue }
        for b in lo...hi {
            var piece = triangle
            if b > 0 { piece = clip(piece, level: levels[b - 1], above: true) }
            if b < levels.count { piece = clip(piece, level: levels[b], above: false) }
            if piece.count >= 3 && abs(area(piece)) > 1e-18 { out[b - low].rings.append(piece) }
        }
    }
    return out.filter { !$0.rings.isEmpty }
}

/// The band of height `h`: how many of the increasing `levels` are at or below it.
func band(of h: Double, levels: [Double]) -> Int {
    var lo = 0, hi = levels.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if levels[mid] <= h { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// The part of a convex polygon where h ≥ `level` (`above`) or h < `level`, with h linear along
/// its sides: each side crossing the level is cut where it meets it (the cut point's height set
/// to the level itself, so that neighbouring pieces share it exactly).
private func clip(_ polygon: [BoxPoint], level: Double, above: Bool) -> [BoxPoint] {
    var out: [BoxPoint] = []
    out.reserveCapacity(polygon.count + 2)
    for k in polygon.indices {
        let p = polygon[k], q = polygon[(k + 1) % polygon.count]
        let pIn = above ? p.2 >= level : p.2 < level, qIn = above ? q.2 >= level : q.2 < level
        if pIn { out.append(p) }
        if pIn != qIn {
            let t = (level - p.2) / (q.2 - p.2)
            out.append((p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t, level))
        }
    }
    return out
}

/// Twice the signed area of a polygon's footprint (x and y).
private func area(_ polygon: [BoxPoint]) -> Double {
    var a = 0.0
    for k in polygon.indices {
        let p = polygon[k], q = polygon[(k + 1) % polygon.count]
        a += p.0 * q.1 - q.0 * p.1
    }
    return a
}
