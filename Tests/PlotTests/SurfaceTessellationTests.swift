import Testing
@testable import Plot

/// The adaptive tessellation: flat fields keep one patch per cell, bent ones split where they
/// bend, holes are followed, and neighbouring patches share every edge point for point.
@Suite struct SurfaceTessellationTests {
    /// Every directed side between consecutive ring points appears reversed in exactly one
    /// other ring, except on the field's border: no crack, no overlap.
    static func isWatertight(_ t: SurfaceTessellation, cells: Int) -> Bool {
        var sides: [[Int]: Int] = [:]
        for leaf in t.leaves {
            let ring = t.ring(leaf)
            for k in ring.indices {
                let p = ring[k], q = ring[(k + 1) % ring.count]
                sides[[p.i, p.j, q.i, q.j], default: 0] += 1
            }
        }
        for (side, count) in sides {
            guard count == 1 else { return false }
            let onBorder = (side[0] == side[2] && (side[0] == 0 || side[0] == t.side))
                || (side[1] == side[3] && (side[1] == 0 || side[1] == t.side))
            if !onBorder && sides[[side[2], side[3], side[0], side[1]]] != 1 { return false }
        }
        return true
    }

    @Test func aPlaneKeepsOnePatchPerCell() {
        let t = SurfaceTessellation(cells: 8, maxDepth: 3, tolerance: 1e-9) { i, j in 0.3 * Double(i) - 0.7 * Double(j) }
        #expect(t.leaves.count == 64)
        #expect(t.leaves.allSatisfy { $0.size == 8 })
        #expect(t.ring(t.leaves[0]).map { [$0.i, $0.j] } == [[0, 0], [8, 0], [8, 8], [0, 8]])
    }

    /// A narrow trench along i = j (a valley): the cells it crosses split down to the finest
    /// level, the others stay whole, and the result has no crack.
    @Test func aNarrowValleySplitsWhereItBends() {
        let t = SurfaceTessellation(cells: 6, maxDepth: 3, tolerance: 0.05) { i, j in
            -1 / (1 + Double((i - j) * (i - j)))
        }
        #expect(t.leaves.count > 36)
        #expect(t.leaves.contains { $0.size == 1 && abs($0.i - $0.j) <= 1 })
        #expect(t.leaves.contains { $0.size == 8 && abs($0.i - $0.j) >= 24 })
        #expect(Self.isWatertight(t, cells: 6))
        // A coarse patch beside a fine one holds its neighbour's corners in its ring.
        #expect(t.leaves.contains { t.ring($0).count > 4 })
    }

    /// An undefined region is followed to the finest cells along its edge, and left empty.
    @Test func holesAreFollowedAlongTheirEdge() {
        let t = SurfaceTessellation(cells: 4, maxDepth: 2, tolerance: 1) { i, j in
            Double(i * i + j * j) < 60 ? .nan : 0
        }
        #expect(t.leaves.contains { $0.size == 1 })
        #expect(t.leaves.contains { $0.size == 4 && $0.i == 0 && $0.j == 0 }, "the inside of the hole stays one cell")
        #expect(t.height(0, 0).isNaN && t.height(16, 16) == 0)
        #expect(Self.isWatertight(t, cells: 4))
    }

    /// Each lattice point is asked for once, however many patches share it.
    @Test func heightsAreAskedForOnce() {
        var asked: [[Int]: Int] = [:]
        _ = SurfaceTessellation(cells: 3, maxDepth: 2, tolerance: 0.01) { i, j in
            asked[[i, j], default: 0] += 1
            return Double(i * i) / 9
        }
        #expect(asked.values.allSatisfy { $0 == 1 })
    }
}
