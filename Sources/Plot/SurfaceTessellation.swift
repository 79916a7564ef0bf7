/// An adaptive tessellation of a height field for the 3D view: a `cells × cells` grid whose cells
/// are split into quarters, up to `2^maxDepth` per side, where the surface bends away from the
/// flat patch between a cell's corners, so that a narrow valley (Rosenbrock's on a log height)
/// comes out smooth instead of as the teeth a uniform grid samples it into, while flat regions
/// keep one patch per cell.
///
/// * Points live on a lattice of `cells · 2^maxDepth` units per side (``Leaf`` coordinates);
///   heights are asked for only at the lattice points the refinement visits, each once.
/// * A cell of side s is split when, at any of its five mid points (edge middles and centre),
///   the height differs from the mean of the corners around it by more than `tolerance` (in the
///   caller's height units, e.g. pixels), or when its nine points are defined in part only (the
///   edge of an undefined region is followed down to the finest cells).
/// * Crack-free: a patch's ring holds every corner of the finer patches along its sides (the
///   T-junctions), so neighbouring patches share their edges point for point and no seam opens
///   where a fine patch meets a coarse one.
///
///     let t = SurfaceTessellation(cells: 2, maxDepth: 2, tolerance: 0.1) { i, j in
///         abs(Double(i) - 4) < 1 ? -5 : 0 }          // a one-unit-wide trench at i = 4
///     t.leaves.count                                   // > 4: the cells along the trench split
///
/// The split test is the classic one for terrain and parametric surfaces (a mid point's distance
/// from the bilinear patch; e.g. Lindstrom et al., "Real-time, continuous level of detail
/// rendering of height fields", SIGGRAPH 1996, uses a vertical error of this kind).
///
/// - Complexity: O(leaves · 2^maxDepth) for the rings (each side walks its lattice points), and
///   one height per visited lattice point.
struct SurfaceTessellation {
    /// A square patch: its lower-left lattice point and its side in lattice units.
    struct Leaf: Hashable {
        var i: Int, j: Int, size: Int
    }

    /// Lattice units per side of the whole field.
    let side: Int
    /// The patches, base cells in row order, each cell's quarters in depth-first order.
    private(set) var leaves: [Leaf] = []
    /// The height of every visited lattice point (index i + j·(side + 1)); NaN where undefined.
    private(set) var heights: [Int: Double] = [:]
    /// The lattice points that are corners of some leaf.
    private var corners = Set<Int>()

    /// - Parameters:
    ///   - cells: base cells per side (≥ 1).
    ///   - maxDepth: how many times a cell may be halved (side of a base cell: 2^maxDepth units).
    ///   - tolerance: the largest height error a patch may leave, in `height`'s units.
    ///   - height: the height at lattice point (i, j), 0...side each; non-finite where undefined.
    init(cells: Int, maxDepth: Int, tolerance: Double, height: (Int, Int) -> Double) {
        precondition(cells >= 1 && maxDepth >= 0)
        let unit = 1 << maxDepth
        side = cells * unit
        var heights: [Int: Double] = [:]
        let stride = side + 1
        func h(_ i: Int, _ j: Int) -> Double {
            let k = i + j * stride
            if let v = heights[k] { return v }
            let v = height(i, j)
            heights[k] = v
            return v
        }
        var leaves: [Leaf] = []
        func refine(_ leaf: Leaf) {
            let s = leaf.size, i = leaf.i, j = leaf.j
            guard s > 1 else { leaves.append(leaf); return }
            let m = s / 2
            let a = h(i, j), b = h(i + s, j), c = h(i + s, j + s), d = h(i, j + s)
            let mids = [(h(i + m, j), (a + b) / 2), (h(i + s, j + m), (b + c) / 2), (h(i + m, j + s), (c + d) / 2),
                        (h(i, j + m), (d + a) / 2), (h(i + m, j + m), (a + b + c + d) / 4)]
            let defined = [a, b, c, d].filter(\.isFinite).count + mids.filter { $0.0.isFinite }.count
            let split: Bool
            if defined == 0 {
                split = false  // a hole
            } else if defined < 9 {
                split = true  // the edge of a hole
            } else {
                split = mids.contains { abs($0.0 - $0.1) > tolerance }
            }
            guard split else { leaves.append(leaf); return }
            refine(Leaf(i: i, j: j, size: m))
            refine(Leaf(i: i + m, j: j, size: m))
            refine(Leaf(i: i, j: j + m, size: m))
            refine(Leaf(i: i + m, j: j + m, size: m))
        }
        for j in 0..<cells {
            for i in 0..<cells { refine(Leaf(i: i * unit, j: j * unit, size: unit)) }
        }
        var corners = Set<Int>()
        corners.reserveCapacity(leaves.count * 2)
        for l in leaves {
            for (p, q) in [(l.i, l.j), (l.i + l.size, l.j), (l.i + l.size, l.j + l.size), (l.i, l.j + l.size)] {
                corners.insert(p + q * stride)
            }
        }
        self.leaves = leaves
        self.heights = heights
        self.corners = corners
    }

    /// The height at a lattice point visited by the refinement (every corner of every leaf).
    func height(_ i: Int, _ j: Int) -> Double {
        heights[i + j * (side + 1)] ?? .nan
    }

    /// The ring of `leaf`, counter-clockwise from its lower-left corner: its four corners and
    /// every corner of a finer neighbour on its sides, as lattice points.
    func ring(_ leaf: Leaf) -> [(i: Int, j: Int)] {
        let s = leaf.size, stride = side + 1
        var out: [(i: Int, j: Int)] = [(leaf.i, leaf.j)]
        // Along each side from its start (excluded: the previous side's end) to its end.
        let sides = [((leaf.i, leaf.j), (1, 0)), ((leaf.i + s, leaf.j), (0, 1)),
                     ((leaf.i + s, leaf.j + s), (-1, 0)), ((leaf.i, leaf.j + s), (0, -1))]
        for (start, step) in sides {
            for k in 1...s {
                let p = (start.0 + step.0 * k, start.1 + step.1 * k)
                if k == s || (s > 1 && corners.contains(p.0 + p.1 * stride)) { out.append(p) }
            }
        }
        out.removeLast()  // the lower-left corner again
        return out
    }
}
