/// A point of the 3D view's box: x and y in −½…½, the height in 0…``Projection3D/boxHeight``.
typealias BoxPoint = (Double, Double, Double)

/// A patch of the 3D view's surface cut into its level bands (isobands), so that the colour
/// changes along the level curves themselves rather than at the patch's edges, where one flat
/// colour per patch draws a band's edge as a staircase of patches.
///
/// The patch is a ring of box points (counter-clockwise, corners and any T-junction points; its
/// footprint convex), the height taken as linear along each side. A level crosses a side where
/// the height meets it (the level curve's point on that side), and:
///
/// * a patch inside one band stays one piece, the ring itself;
/// * where each level the patch spans crosses its ring exactly twice, the ring is clipped
///   (Sutherland–Hodgman against h ≥ Hₖ and h < Hₖ₊₁) along the chord between the two crossings,
///   as marching squares joins a cell's edge crossings in 2D: convex pieces, few points;
/// * otherwise (a saddle within the patch) the ring is triangulated as a fan from its first
///   point, the height linear over each triangle (the flat facets the tessellation approximates
///   the surface with, to within its tolerance), and each triangle clipped the same way (exact
///   for a linear function on a convex polygon), the band edges then the facets' horizontal slices.
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
    // Where every level the patch spans crosses its ring twice (the usual case in a patch the
    // tessellation keeps nearly flat), a level's edge in it is the chord between those two
    // crossings, as marching squares draws it in 2D, and the chords of different levels do not
    // cross: clip the ring itself, a few points per band. Otherwise (a saddle inside the patch,
    // four crossings) the triangles decide.
    let simple = (low + 1...high).allSatisfy { b in
        let level = levels[b - 1]
        var crossings = 0
        for k in ring.indices where (ring[k].2 >= level) != (ring[(k + 1) % ring.count].2 >= level) { crossings += 1 }
        return crossings == 2
    }
    if simple {
        for b in low...high {
            var piece = ring
            if b > 0 { piece = clip(piece, level: levels[b - 1], above: true) }
            if b < levels.count { piece = clip(piece, level: levels[b], above: false) }
            if piece.count >= 3 && abs(area(piece)) > 1e-18 { out[b - low].rings.append(piece) }
        }
        return out.filter { !$0.rings.isEmpty }
    }
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
