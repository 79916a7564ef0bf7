import Surfaces
import Testing
@testable import Plot

/// The 3D view's patches cut into level bands: each piece lies inside its band, the pieces tile
/// their patch, and on a sampled surface the band edges follow the level curves rather than a
/// staircase of whole patches.
@Suite struct SurfaceBandsTests {
    /// Twice the footprint's area of a ring.
    static func area(_ ring: [BoxPoint]) -> Double {
        ring.indices.reduce(0) { a, k in
            let p = ring[k], q = ring[(k + 1) % ring.count]
            return a + p.0 * q.1 - q.0 * p.1
        }
    }

    /// A square whose height rises with x from 0 to 1, cut at 0.25 and 0.5: three bands, each
    /// piece's heights inside its band, the cuts at x = 0.25 and 0.5, the areas the square's.
    @Test func aRampIsCutAtItsLevels() {
        let ring: [BoxPoint] = [(0, 0, 0), (1, 0, 1), (1, 1, 1), (0, 1, 0)]
        let levels = [0.25, 0.5]
        let pieces = bandPieces(ring: ring, levels: levels)
        #expect(pieces.map(\.band) == [0, 1, 2])
        let bounds = [-Double.infinity] + levels + [.infinity]
        for piece in pieces {
            for r in piece.rings {
                #expect(r.allSatisfy { $0.2 >= bounds[piece.band] && $0.2 <= bounds[piece.band + 1] })
                // On this ramp the height is x: a piece's footprint lies between the cuts.
                #expect(r.allSatisfy { abs($0.0 - $0.2) < 1e-12 })
            }
        }
        let areas = pieces.map { $0.rings.map(Self.area).reduce(0, +) / 2 }
        #expect(abs(areas[0] - 0.25) < 1e-12 && abs(areas[1] - 0.25) < 1e-12 && abs(areas[2] - 0.5) < 1e-12)
    }

    /// A saddle inside a patch (the level crosses its ring four times): the triangles decide,
    /// and the pieces still lie in their bands and tile the patch.
    @Test func aSaddleIsCutThroughItsTriangles() {
        let ring: [BoxPoint] = [(0, 0, 0), (1, 0, 1), (1, 1, 0), (0, 1, 1)]
        let pieces = bandPieces(ring: ring, levels: [0.5])
        #expect(pieces.map(\.band) == [0, 1])
        #expect(pieces[0].rings.allSatisfy { $0.allSatisfy { $0.2 <= 0.5 } })
        #expect(pieces[1].rings.allSatisfy { $0.allSatisfy { $0.2 >= 0.5 } })
        let areas = pieces.map { $0.rings.map(Self.area).reduce(0, +) / 2 }
        // The fan's diagonal joins the two low corners: the low band is the connected one, the
        // high corners each keep a corner triangle of an eighth.
        #expect(abs(areas[0] - 0.75) < 1e-12 && abs(areas[1] - 0.25) < 1e-12)
        #expect(pieces[1].rings.count == 2)
    }

    /// A patch inside one band stays whole: one piece, the ring itself (no extra patches where
    /// no level crosses).
    @Test func aPatchInsideOneBandStaysWhole() {
        let ring: [BoxPoint] = [(0, 0, 0.3), (1, 0, 0.35), (1, 0.5, 0.36), (1, 1, 0.4), (0, 1, 0.31)]
        let pieces = bandPieces(ring: ring, levels: [0.25, 0.5])
        #expect(pieces.count == 1 && pieces[0].band == 1 && pieces[0].rings.count == 1 && pieces[0].rings[0].count == 5)
        #expect(band(of: 0.25, levels: [0.25, 0.5]) == 1 && band(of: 0.2499, levels: [0.25, 0.5]) == 0 && band(of: 9, levels: [0.25, 0.5]) == 2)
    }

    /// The landscape's case: a surface known on a 51 × 51 grid (f = x² + y², a bowl, sampled and
    /// interpolated bilinearly), seen in 3D. Every vertex of every piece lies in its own band of
    /// the interpolated f, and every vertex on a band's edge lies on the level curve (within
    /// 0.5% of the band's width, a small fraction of a patch); the pieces tile the window. With
    /// one colour per patch (the staircase), a patch a level crosses has corners a good part of a
    /// band away from its colour's band.
    @Test func bandEdgesOfASampledSurfaceFollowTheLevelCurves() {
        let n = 51
        let xs = (0..<n).map { -1 + 2 * Double($0) / Double(n - 1) }
        let grid = Grid(xs: xs, ys: xs, values: xs.flatMap { y in xs.map { x in x * x + y * y } })
        let surface = SampledSurface(grid: grid, levelScale: .linear)
        let levels = ContourLevels.choose(count: 10, scale: .linear, gridRange: grid.range, minimumValue: nil)
        let window = DataWindow(x: -1...1, y: -1...1)
        var projection = Projection3D(window: window, levels: levels, camera: Camera3D())
        projection.fit(into: Rect(x: 0, y: 0, width: 600, height: 450))
        let pieces = surfacePieces(projection: projection, levels: levels) { surface.value($0, $1) }
        let width = levels.bounds[1] - levels.bounds[0]
        let cuts = levels.thresholds.map { projection.height(shifted: $0) }
        var worst = 0.0, edgePoints = 0, total = 0.0
        for piece in pieces {
            let lo = piece.band == 0 ? -Double.infinity : levels.bounds[piece.band]
            let hi = piece.band == levels.count - 1 ? Double.infinity : levels.bounds[piece.band + 1]
            for ring in piece.rings {
                total += Self.area(ring) / 2
                for p in ring {
                    let f = surface.value(2 * p.0, 2 * p.1)  // the box's −½…½ is the window's −1…1
                    worst = max(worst, (lo - f) / width, (f - hi) / width)
                    if let k = cuts.firstIndex(of: p.2) {
                        edgePoints += 1
                        worst = max(worst, abs(f - levels.thresholds[k]) / width)
                    }
                }
            }
        }
        #expect(worst < 0.005, "a piece's vertex lies \(worst) band widths outside its band or off its level curve")
        #expect(edgePoints > 500, "the level curves are drawn through the patches (\(edgePoints) points on them)")
        #expect(abs(total - 1) < 1e-9, "the pieces tile the window (area \(total))")
        #expect(Set(pieces.map(\.band)) == Set(0..<levels.count))
    }
}
