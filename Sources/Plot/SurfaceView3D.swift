import RealModule
import Surfaces

/// Where a 3D view looks from, in degrees, as matplotlib's `view_init(elev, azim)`: azimuth about
/// the vertical axis from +x (default −60), elevation above the x–y plane (default 30).
public struct Camera3D: Hashable, Sendable {
    public var azimuth: Double
    public var elevation: Double
    public static let azimuthLimits = -360.0...360.0
    public static let elevationLimits = -90.0...90.0
    public init(azimuth: Double = -60, elevation: Double = 30) { self.azimuth = azimuth; self.elevation = elevation }
}

/// An orthographic projection of the window's box onto the page.
///
/// The box is x and y scaled to −½…½ (its footprint square, as matplotlib's default box) and the
/// height to 0…0.75 (log10 of f − offset where the levels are log, so that a valley a thousand
/// times deeper than its walls still shows its floor). A point p of the box goes to
/// (p·r, −p·u) scaled into `frame`, with r = (−sin a, cos a, 0) and u = (−sin e cos a,
/// −sin e sin a, cos e) the screen's right and up; p·d, with d = (cos e cos a, cos e sin a, sin e)
/// toward the eye, is its depth (larger is nearer).
struct Projection3D: Sendable {
    var window: DataWindow
    var heights: ClosedRange<Double>
    var log: Bool
    var offset: Double
    let right: (Double, Double, Double), up: (Double, Double, Double), eye: (Double, Double, Double)
    var scale = 1.0, origin = Point(0, 0)
    static let boxHeight = 0.75

    init(window: DataWindow, levels: ContourLevels, camera: Camera3D) {
        self.window = window
        log = levels.scale == .log
        offset = levels.offset
        let lo = levels.bounds[0], hi = levels.bounds[levels.count]
        heights = log ? Double.log10(max(lo, 1e-300))...Double.log10(max(hi, 1e-300)) : lo...hi
        let a = camera.azimuth * .pi / 180, e = camera.elevation * .pi / 180
        right = (-Double.sin(a), Double.cos(a), 0)
        up = (-Double.sin(e) * Double.cos(a), -Double.sin(e) * Double.sin(a), Double.cos(e))
        eye = (Double.cos(e) * Double.cos(a), Double.cos(e) * Double.sin(a), Double.sin(e))
    }

    /// The box coordinates of a data point at height f (clamped to the levels' range).
    func box(_ x: Double, _ y: Double, _ f: Double) -> (Double, Double, Double) {
        let u = (x - window.x.lowerBound) / (window.x.upperBound - window.x.lowerBound) - 0.5
        let v = (y - window.y.lowerBound) / (window.y.upperBound - window.y.lowerBound) - 0.5
        return (u, v, height(shifted: f - offset))
    }

    /// The box height of g = f − offset (the levels' own units: a level bound is a g), clamped
    /// to the levels' range.
    func height(shifted g: Double) -> Double {
        var g = g
        if log { g = g > 0 ? Double.log10(g) : heights.lowerBound }
        if !g.isFinite { g = g > 0 ? heights.upperBound : heights.lowerBound }
        g = min(max(g, heights.lowerBound), heights.upperBound)
        let span = heights.upperBound - heights.lowerBound
        return span > 0 ? (g - heights.lowerBound) / span * Self.boxHeight : 0
    }

    /// The unscaled screen position (y down) and the depth of a box point.
    func screen(_ p: (Double, Double, Double)) -> (x: Double, y: Double, depth: Double) {
        (p.0 * right.0 + p.1 * right.1,
         -(p.0 * up.0 + p.1 * up.1 + p.2 * up.2),
         p.0 * eye.0 + p.1 * eye.1 + p.2 * eye.2)
    }

    /// The pixel of a box point.
    func pixel(_ p: (Double, Double, Double)) -> Point {
        let s = screen(p)
        return Point(origin.x + s.x * scale, origin.y + s.y * scale)
    }

    /// Scales and centres the projected box (its eight corners) into `frame`.
    mutating func fit(into frame: Rect) {
        var xs: [Double] = [], ys: [Double] = []
        for u in [-0.5, 0.5] { for v in [-0.5, 0.5] { for w in [0, Self.boxHeight] {
            let s = screen((u, v, w)); xs.append(s.x); ys.append(s.y)
        } } }
        let w = xs.max()! - xs.min()!, h = ys.max()! - ys.min()!  // eight corners
        scale = min(frame.width / max(w, 1e-9), frame.height / max(h, 1e-9))
        origin = Point(frame.x + frame.width / 2 - (xs.max()! + xs.min()!) / 2 * scale,
                       frame.y + frame.height / 2 - (ys.max()! + ys.min()!) / 2 * scale)
    }
}

extension Mark {
    /// The same mark lifted onto a curved surface: each segment of a line first cut into pieces
    /// no longer than `spacing` (a data-space distance function says how long a segment is), so
    /// that the lifted line follows the surface between the points a reduced path kept.
    func lifted(_ f: (Point) -> Point, pieces: (Point, Point) -> Int) -> Mark {
        func dense(_ line: [Point]) -> [Point] {
            guard var previous = line.first else { return [] }
            var out = [f(previous)]
            for p in line.dropFirst() {
                let n = max(1, min(64, pieces(previous, p)))
                for k in 1...n {
                    let t = Double(k) / Double(n)
                    out.append(f(Point(previous.x + (p.x - previous.x) * t, previous.y + (p.y - previous.y) * t)))
                }
                previous = p
            }
            return out
        }
        switch self {
        case .stroke(let line, let s): return .stroke(dense(line), s)
        case .strokes(let lines, let s): return .strokes(lines.map(dense), s)
        default: return mapped(f)
        }
    }

    /// The same mark with every point moved by `f` (sizes and widths stay in pixels).
    func mapped(_ f: (Point) -> Point) -> Mark {
        switch self {
        case .fill(let rings, let c): return .fill(rings.map { $0.map(f) }, c)
        case .stroke(let line, let s): return .stroke(line.map(f), s)
        case .strokes(let lines, let s): return .strokes(lines.map { $0.map(f) }, s)
        case .marker(let p, let shape, let size, let fill, let edge): return .marker(f(p), shape, size: size, fill: fill, edge: edge)
        case .text(let t, let p, let style): return .text(t, at: f(p), style)
        }
    }
}

/// The shaded patches of a surface seen through `projection`, far to near (painter's algorithm):
/// the window tessellated adaptively (``SurfaceTessellation``: 64 × 64 cells, each halved up to
/// 5 times where the height between its corners bends away from the flat patch by more than
/// `tolerance` pixels), each patch cut along the level curves into its level bands
/// (``bandPieces(ring:levels:)``: the colorbar's colours, band edges as smooth as the level curves
/// rather than a staircase of whole patches), shaded by the cosine between the patch's normal and
/// a light over the viewer's left shoulder (0.55 + 0.45 |n·l|). Undefined values leave holes.
///
/// Each ring's sides move out by half a pixel, so that antialiased neighbours leave no hairline
/// seams of the page between them (the nearer patch, drawn later, covers the overlap; a stroke
/// around each patch did this before, at twice an SVG's size),
/// and its points are rounded to 1/8 pixel, which keeps an SVG's or PDF's numbers short.
///
/// - Parameters:
///   - tolerance: the largest height error a patch may leave, in pixels of the page.
///   - value: f at a data point.
/// - Complexity: O(g² + refined cells · 32) patches and heights, plus a few pieces for each patch
///   a level crosses; sorted once.
func shadedSurface(projection: Projection3D, levels: ContourLevels, colormap: Colormap,
                   tolerance: Double = 1, value: (Double, Double) -> Double) -> [Mark] {
    surfacePieces(projection: projection, levels: levels, tolerance: tolerance, value: value).map { piece in
        let base = levels.color(ofBand: piece.band, colormap: colormap)
        let color = Color(red: base.red * piece.shade, green: base.green * piece.shade, blue: base.blue * piece.shade)
        return .fill(piece.rings.map { widened($0.map(projection.pixel), by: 0.5) }, color)
    }
}

/// One level band's part of one patch of ``shadedSurface(projection:levels:colormap:tolerance:value:)``:
/// its polygons in box coordinates, its band, the patch's shade and depth.
struct SurfacePiece {
    var depth: Double
    var band: Int
    var shade: Double
    var rings: [[BoxPoint]]
}

/// The pieces of ``shadedSurface(projection:levels:colormap:tolerance:value:)``, far to near
/// (the pieces of one patch share its depth and stay together, in band order).
func surfacePieces(projection: Projection3D, levels: ContourLevels, tolerance: Double = 1,
                   value: (Double, Double) -> Double) -> [SurfacePiece] {
    let window = projection.window
    let cells = 64, maxDepth = 5
    let side = Double(cells << maxDepth)
    func data(_ i: Int, _ j: Int) -> (Double, Double) {
        (window.x.lowerBound + (window.x.upperBound - window.x.lowerBound) * Double(i) / side,
         window.y.lowerBound + (window.y.upperBound - window.y.lowerBound) * Double(j) / side)
    }
    let tolerance = tolerance / max(projection.scale, 1e-9)  // in box units
    let tessellation = SurfaceTessellation(cells: cells, maxDepth: maxDepth, tolerance: tolerance) { i, j in
        let (x, y) = data(i, j)
        let f = value(x, y)
        return f.isFinite ? projection.box(x, y, f).2 : .nan
    }
    func box(_ i: Int, _ j: Int) -> BoxPoint {
        (Double(i) / side - 0.5, Double(j) / side - 0.5, tessellation.height(i, j))
    }
    // The inner level bounds as box heights: a band's edge is where the surface crosses one.
    let cuts = levels.thresholds.map { projection.height(shifted: $0) }
    let lx = projection.eye.0 - 0.6 * projection.right.0 + 0.8 * projection.up.0
    let ly = projection.eye.1 - 0.6 * projection.right.1 + 0.8 * projection.up.1
    let lz = projection.eye.2 + 0.8 * projection.up.2
    let ln = (lx * lx + ly * ly + lz * lz).squareRoot()
    var pieces: [(order: Int, piece: SurfacePiece)] = []
    pieces.reserveCapacity(tessellation.leaves.count * 5 / 4)
    for leaf in tessellation.leaves {
        let s = leaf.size
        let (a, b, c, d) = (box(leaf.i, leaf.j), box(leaf.i + s, leaf.j), box(leaf.i + s, leaf.j + s), box(leaf.i, leaf.j + s))
        guard a.2.isFinite && b.2.isFinite && c.2.isFinite && d.2.isFinite else { continue }  // undefined: a hole
        // The normal from the diagonals' cross product.
        let p = (c.0 - a.0, c.1 - a.1, c.2 - a.2), q = (d.0 - b.0, d.1 - b.1, d.2 - b.2)
        let n = (p.1 * q.2 - p.2 * q.1, p.2 * q.0 - p.0 * q.2, p.0 * q.1 - p.1 * q.0)
        let nn = (n.0 * n.0 + n.1 * n.1 + n.2 * n.2).squareRoot()
        let cosine = nn > 0 ? abs(n.0 * lx + n.1 * ly + n.2 * lz) / (nn * ln) : 1
        let shade = 0.55 + 0.45 * cosine
        let centre = ((a.0 + c.0) / 2, (a.1 + c.1) / 2, (a.2 + b.2 + c.2 + d.2) / 4)
        let depth = projection.screen(centre).depth
        // Its ring with the T-junction points of finer neighbours (an undefined one left out).
        let ring = tessellation.ring(leaf).map { box($0.i, $0.j) }.filter { $0.2.isFinite }
        for part in bandPieces(ring: ring, levels: cuts) {
            pieces.append((pieces.count, SurfacePiece(depth: depth, band: part.band, shade: shade, rings: part.rings)))
        }
    }
    pieces.sort { $0.piece.depth != $1.piece.depth ? $0.piece.depth < $1.piece.depth : $0.order < $1.order }
    return pieces.map(\.piece)
}

/// `ring` with each side moved `by` pixels outward (each corner along the bisector of its sides'
/// normals, at most 3 × `by` for a sharp corner) and every point rounded to 1/8 pixel.
private func widened(_ ring: [Point], by w: Double) -> [Point] {
    let n = ring.count
    var area = 0.0
    for k in 0..<n { let p = ring[k], q = ring[(k + 1) % n]; area += p.x * q.y - q.x * p.y }
    let sign: Double = area >= 0 ? 1 : -1
    /// The outward unit normal of the side from `p` to `q`, or nil for a side of no length.
    func normal(_ p: Point, _ q: Point) -> (Double, Double)? {
        let dx = q.x - p.x, dy = q.y - p.y, l = (dx * dx + dy * dy).squareRoot()
        return l > 1e-12 ? (sign * dy / l, -sign * dx / l) : nil
    }
    return (0..<n).map { k in
        let p = ring[k]
        let a = normal(ring[(k + n - 1) % n], p), b = normal(p, ring[(k + 1) % n])
        var m = (0.0, 0.0)
        if let a, let b {
            let s = (a.0 + b.0, a.1 + b.1), along = s.0 * a.0 + s.1 * a.1
            if along > 1e-6 {
                let k = min(w / along, 3 * w / max((s.0 * s.0 + s.1 * s.1).squareRoot(), 1e-12))
                m = (s.0 * k, s.1 * k)
            } else {
                m = (a.0 * w, a.1 * w)  // a side turning back on itself
            }
        } else if let e = a ?? b {
            m = (e.0 * w, e.1 * w)
        }
        return Point(((p.x + m.0) * 8).rounded() / 8, ((p.y + m.1) * 8).rounded() / 8)
    }
}

/// The scene of optimizer paths on a shaded 3D view of the surface: the contour panel of
/// ``surfaceScene(surface:paths:options:)`` replaced by the surface seen from `camera`, its
/// loss panel, colorbar, title and legend kept.
///
/// * The surface is ``shadedSurface(projection:levels:colormap:tolerance:value:)``: patches
///   tessellated finer where the surface bends, coloured by their level band and shaded, drawn far
///   to near (painter's algorithm).
/// * Each path is lifted onto the surface (its height at every drawn point) and drawn with its
///   markers after every patch, so no fold of the surface hides it; minima are stars on the surface.
/// * Facets are not drawn in 3D (one panel shows every path).
///
/// - Complexity: O(g²) patches for a g × g grid (g = 64) and those its refinement adds, sorted once; paths as in 2D.
public func surfaceScene3D(surface: any Surface, paths: [PlotPath], options: SurfacePlotOptions = SurfacePlotOptions(),
                           camera: Camera3D = Camera3D()) -> SurfaceScene {
    var flat = options
    flat.facet = nil
    // A square panel, as the landscape's 3D view has: the projected box (its footprint a square
    // whatever the window) is about as tall as it is wide from the usual cameras, and a wide
    // window's flat panel would leave it small between empty bands above and below.
    return lifted3D(surfaceScene(surface: surface, paths: paths, options: flat, panelAspect: 1), surface: surface, camera: camera)
}

/// `scene` (a one-panel scene: its `contour` region, levels and window) with its contour panel
/// replaced by `surface` seen from `camera`: the 3D view of ``surfaceScene3D(surface:paths:options:camera:)``,
/// for any scene and any height field (a landscape's sampled grid, ``SampledSurface``), the floor's
/// axes titled `axisTitles`.
func lifted3D(_ scene: SurfaceScene, surface: any Surface, camera: Camera3D, axisTitles: (x: String, y: String) = ("x", "y")) -> SurfaceScene {
    var scene = scene
    guard let levels = scene.levels, let frame = scene.regions["contour"] else { return scene }
    let m = scene.plan.m, theme = scene.plan.theme
    let window = scene.plan.window
    scene.background.removeAll { ["contour", "undefined", "minima", "contour-axes", "contour-titles"].contains($0.name) }
    var projection = Projection3D(window: window, levels: levels, camera: camera)
    // Room around the box for the floor's labels.
    let room = 3 * m.axisLabel
    projection.fit(into: Rect(x: frame.x + room, y: frame.y + m.gap, width: frame.width - 2 * room, height: frame.height - room - m.gap))

    let marks = shadedSurface(projection: projection, levels: levels, colormap: scene.colormap) { x, y in
        surface.value(x, y)
    }

    // The floor's frame, its axis labels and the window's ends.
    let floor = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5), (-0.5, -0.5)].map { projection.pixel(($0.0, $0.1, 0)) }
    // The floor lies under every point of the surface: seen from above (elevation ≥ 0) it is
    // drawn first, so that the surface hides it where it passes in front; seen from below, last.
    let floorFrame = Layer(name: "floor-3d", viewport: frame, marks: [.stroke(floor, LineStyle(color: theme.mutedInk, width: m.spine))])
    var axes: [Mark] = []
    let label = TextStyle(size: m.axisLabel, color: theme.ink, alignment: TextAlignment(.center, .middle))
    let tick = TextStyle(size: m.tickLabel, color: theme.mutedInk, alignment: TextAlignment(.center, .middle))
    // Labels sit outside the floor, beyond the edge nearer the viewer on each axis.
    let ySide = projection.screen((0, -0.5, 0)).depth > projection.screen((0, 0.5, 0)).depth ? -0.5 : 0.5
    let xSide = projection.screen((-0.5, 0, 0)).depth > projection.screen((0.5, 0, 0)).depth ? -0.5 : 0.5
    func outward(_ p: (Double, Double, Double), _ d: (Double, Double)) -> Point {
        let a = projection.pixel(p), b = projection.pixel((p.0 + d.0, p.1 + d.1, p.2))
        let dx = b.x - a.x, dy = b.y - a.y, n = max((dx * dx + dy * dy).squareRoot(), 1e-9)
        return Point(a.x + dx / n * 2.2 * m.axisLabel, a.y + dy / n * 2.2 * m.axisLabel)
    }
    axes.append(.text(axisTitles.x, at: outward((0, ySide, 0), (0, ySide)), label))
    axes.append(.text(axisTitles.y, at: outward((xSide, 0, 0), (xSide, 0)), label))
    for (u, value) in [(-0.5, window.x.lowerBound), (0.5, window.x.upperBound)] {
        axes.append(.text(Ticks.label(value, step: abs(value) > 0 ? abs(value) / 10 : 1), at: outward((u, ySide, 0), (0, ySide * 0.6)), tick))
    }
    for (v, value) in [(-0.5, window.y.lowerBound), (0.5, window.y.upperBound)] {
        axes.append(.text(Ticks.label(value, step: abs(value) > 0 ? abs(value) / 10 : 1), at: outward((xSide, v, 0), (xSide * 0.6, 0)), tick))
    }
    let minima = surface.minima.filter { window.x.contains($0.point.x) && window.y.contains($0.point.y) }.map { min in
        Mark.marker(projection.pixel(projection.box(min.point.x, min.point.y, surface.value(min.point.x, min.point.y))), .star,
                    size: 19 * m.scale, fill: .white, edge: LineStyle(color: Color(hex: 0x1A1A1A), width: 1.4 * m.scale))
    }
    let surfaceLayer = Layer(name: "surface-3d", viewport: frame, marks: marks)
    scene.background.insert(contentsOf: (camera.elevation >= 0 ? [floorFrame, surfaceLayer] : [surfaceLayer, floorFrame]) + [
        Layer(name: "axes-3d", viewport: frame, marks: axes),
        Layer(name: "minima", viewport: frame, marks: minima),
    ], at: 0)
    let proj = projection
    scene.plan.lift = { p in proj.pixel(proj.box(p.x, p.y, surface.value(p.x, p.y))) }
    scene.plan.cells = [OverlayPlan.Cell(plot: frame, members: Array(scene.plan.drawn.indices))]
    scene.regions["surface-3d"] = frame
    return scene
}
