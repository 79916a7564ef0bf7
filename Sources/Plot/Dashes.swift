import Surfaces

/// The "on" parts of a dash pattern laid along a polyline by a given arc length per point, rather
/// than by the polyline's own length: a reduced path is dashed where its full path would be.
///
/// `lengths[k]` is how far along the line point k lies; between two points the length grows
/// linearly. The pattern (on, off, on, off, …, in the same unit) starts at length 0, so pieces of
/// one path continue each other's pattern.
///
///     dashed([Point(0, 0), Point(10, 0)], lengths: [0, 10], pattern: [2, 3])
///     // [[(0,0), (2,0)], [(5,0), (7,0)]] then [(10,0), (10,0)]: on from 10, cut at the end
///
/// - Complexity: O(points + dashes).
///
/// Where the full path wandered much further than the reduced segment is long (a path jittering
/// around a minimum for a million steps), the segment is drawn whole: dashes there would be
/// shorter than a pixel, and their number would grow with the steps.
///
/// - Parameter span: the data window's width and height (lengths are in those units).
func dashed(_ points: [Point], lengths: [Double], pattern: [Double], span: (Double, Double) = (1, 1)) -> [[Point]] {
    let period = pattern.reduce(0, +)
    guard points.count >= 2, lengths.count == points.count, period > 0, pattern.count % 2 == 0 || pattern.count > 1 else {
        return [points]
    }
    // The cumulative ends of each on/off part within one period.
    var ends: [Double] = []
    var acc = 0.0
    for d in pattern { acc += d; ends.append(acc) }
    /// The part (index into pattern) at length `l`, and where it ends.
    func part(at l: Double) -> (index: Int, end: Double) {
        let base = (l / period).rounded(.down) * period
        let within = l - base
        let k = ends.firstIndex { within < $0 } ?? (ends.count - 1)
        return (k, base + ends[k])
    }
    var out: [[Point]] = []
    var current: [Point] = []
    for k in 0..<(points.count - 1) {
        let a = points[k], b = points[k + 1], la = lengths[k], lb = lengths[k + 1]
        guard lb > la else {
            if !current.isEmpty { current.append(b) }
            continue
        }
        let dx = (b.x - a.x) / span.0, dy = (b.y - a.y) / span.1
        if lb - la > (dx * dx + dy * dy).squareRoot() + 2 * period {
            if current.isEmpty { current.append(a) }
            current.append(b)
            continue
        }
        func at(_ l: Double) -> Point {
            let t = (l - la) / (lb - la)
            return Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        }
        var l = la
        var guardCount = 0
        while l < lb && guardCount < 100_000 {
            guardCount += 1
            let (index, end) = part(at: l)
            let on = index % 2 == 0
            let stop = min(end, lb)
            if on {
                if current.isEmpty { current.append(at(l)) }
                current.append(stop == lb ? b : at(stop))
                if stop < lb { out.append(current); current = [] }
            } else if !current.isEmpty {
                out.append(current); current = []
            }
            // Step past the boundary (a part never shorter than a millionth of the period).
            l = stop == end ? max(end, l + period * 1e-9) : stop
        }
    }
    if current.count >= 2 { out.append(current) }
    return out
}
