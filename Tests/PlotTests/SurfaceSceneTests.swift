import Foundation
import Optimizers
import Surfaces
import Testing
@testable import Plot

@Suite struct SurfaceSceneTests {
    static let bowl = Bowl()

    static func run(_ optimizer: String, lr: Double, from start: Point = Point(1.5, 1.5), steps: Int = 60) -> Trajectory {
        descend(bowl, from: start, lr: lr, steps: steps, optimizer: optimizer)
    }

    /// The index in drawing order of every mark of `figure` that `matches`.
    static func positions(_ figure: Figure, _ matches: (Layer, Mark) -> Bool) -> [Int] {
        var out: [Int] = [], n = 0
        for layer in figure.layers {
            for mark in layer.marks { if matches(layer, mark) { out.append(n) }; n += 1 }
        }
        return out
    }

    @Test func endMarkersAreDrawnAfterEveryPath() {
        let paths = [Self.run("sgd", lr: 0.05), Self.run("adam", lr: 0.2), Self.run("rmsprop", lr: 0.02, from: Point(-1, 1))]
        for options in [SurfacePlotOptions(), SurfacePlotOptions(facet: .optimizer)] {
            let f = surfaceFigure(surface: Self.bowl, paths: paths, options: options)
            let strokes = Self.positions(f) { layer, mark in
                guard layer.name == "paths" else { return false }
                if case .strokes = mark { return true }
                return false
            }
            let ends = Self.positions(f) { layer, mark in
                guard layer.name == "path-markers", case .marker(_, let shape, _, _, _) = mark else { return false }
                return shape == .circle || shape == .cross
            }
            #expect(!strokes.isEmpty && ends.count >= paths.count)
            #expect(strokes.max()! < ends.min()!)
            // Above the minimum's filled star too; the star's outline is drawn again above them,
            // so a run that ends on the minimum does not hide it.
            let stars = Self.positions(f) { _, mark in
                if case .marker(_, .star, _, .some, _) = mark { return true }
                return false
            }
            let minima = Self.positions(f) { layer, mark in
                guard layer.name == "minima", case .marker(_, .star, _, .some, _) = mark else { return false }
                return true
            }
            let outlines = Self.positions(f) { layer, mark in
                guard layer.name == "minima-outline", case .marker(_, .star, _, nil, .some) = mark else { return false }
                return true
            }
            #expect(stars.max()! < ends.min()!)
            #expect(!minima.isEmpty && outlines.count == minima.count && outlines.min()! > ends.max()!)
        }
    }

    /// The colour of each optimizer's core line in a figure.
    static func colours(_ f: Figure, _ paths: [Trajectory]) -> [String: Color] {
        var out: [String: Color] = [:]
        let legend = f.layer("legend")!
        // Legend rows: three strokes (outline, halo, core), a marker, the text.
        for (k, mark) in legend.marks.enumerated() {
            if case .text(let label, _, _) = mark, k >= 4, case .strokes(_, let core) = legend.marks[k - 2] {
                if let path = paths.first(where: { legendLabel(for: $0) == label }) { out[path.optimizer] = core.color }
            }
        }
        return out
    }

    @Test func everyOptimizerKeepsItsColourWhateverTheOrder() {
        let a = [Self.run("sgd", lr: 0.05), Self.run("adam", lr: 0.2), Self.run("lion", lr: 0.01)]
        let b = [a[2], Self.run("momentum", lr: 0.1), a[0], a[1]]
        let ca = Self.colours(surfaceFigure(surface: Self.bowl, paths: a), a)
        let cb = Self.colours(surfaceFigure(surface: Self.bowl, paths: b), b)
        #expect(ca.count == 3 && cb.count == 4)
        for name in ["sgd", "adam", "lion"] { #expect(ca[name] == cb[name] && ca[name] != nil, "\(name)") }
        #expect(ca["sgd"] == PathPalette.style(for: "sgd").color)
        // The paths themselves are drawn in that colour.
        let f = surfaceFigure(surface: Self.bowl, paths: b)
        let cores = f.layer("paths")!.marks.compactMap { mark -> Color? in
            if case .strokes(_, let style) = mark { return style.color }
            return nil
        }
        #expect(cores.contains(PathPalette.style(for: "lion").color))
    }

    @Test func specColourReplacesTheOptimizers() {
        var p = Self.run("sgd", lr: 0.05)
        p.appearance = PathAppearance(label: "mine", color: 0x123456)
        let f = surfaceFigure(surface: Self.bowl, paths: [p])
        #expect(f.texts.contains("mine"))
        #expect(f.layer("paths")!.marks.contains { if case .strokes(_, let s) = $0 { s.color == Color(hex: 0x123456) } else { false } })
    }

    @Test func facetsGiveOnePanelPerPathWithSharedAxesAndColorbar() {
        let paths = (0..<5).map { Self.run(["sgd", "adam", "lion", "momentum", "rmsprop"][$0], lr: 0.02 * Double($0 + 1)) }
        let f = surfaceFigure(surface: Self.bowl, paths: paths, options: SurfacePlotOptions(facet: .optimizer))
        let cells = (0..<5).compactMap { f.regions["cell-\($0)"] }
        #expect(cells.count == 5)
        for (i, a) in cells.enumerated() { for b in cells[(i + 1)...] { #expect(!a.intersects(b)) } }
        #expect(f.layers.filter { $0.name == "colorbar" }.count == 1)
        #expect(f.layers.filter { $0.name == "paths" }.count == 5)
        // Each cell is titled with its label (on two lines, or cut with "…", where the cell is narrow).
        let titles = f.layers.filter { $0.name == "cell-title" }.map { layer in
            layer.marks.compactMap { if case .text(let t, _, _) = $0 { t } else { nil } }.joined(separator: " ")
        }
        #expect(titles.count == paths.count)
        for p in paths {
            let label = legendLabel(for: p)
            #expect(titles.contains { $0 == label || $0.hasSuffix("…") && label.hasPrefix($0.dropLast()) }, "cell title \(label)")
        }
        // Tick labels: only the first column labels y, only the lowest cells label x.
        let yLabels = f.layers.filter { $0.name == "contour-axes" }.map { layer in
            layer.marks.filter { if case .text(_, _, let s) = $0 { s.alignment.horizontal == .right } else { false } }.count
        }
        #expect(yLabels.filter { $0 > 0 }.count < 5)
    }

    @Test func backgroundIsApartFromTheOverlay() {
        let paths = [Self.run("sgd", lr: 0.05), Self.run("adam", lr: 0.2)]
        let resolution = PlotResolution(surface: Self.bowl, options: SurfacePlotOptions())
        let scene = surfaceScene(surface: Self.bowl, paths: paths.map { PlotPath($0, resolution: resolution) })
        #expect(scene.background.allSatisfy { $0.group == .background })
        #expect(scene.overlay().allSatisfy { $0.group == .overlay })
        #expect(Set(scene.background.map(\.name)).isSuperset(of: ["contour", "colorbar", "contour-axes", "title", "legend"]))
        #expect(Set(scene.overlay().map(\.name)) == ["paths", "path-markers", "minima-outline", "loss"])
        // A frame at step 10: the same background, the paths cut, a cursor on the loss panel.
        let frame = scene.figure(through: 10, cursor: true)
        #expect(Array(frame.layers.prefix(scene.background.count)) == scene.background)
        #expect(frame.layer("cursor") != nil)
        let cut = frame.layer("paths")!.marks.flatMap { mark -> [Point] in if case .strokes(let l, _) = mark { l.joined().map { $0 } } else { [] } }
        let whole = scene.figure().layer("paths")!.marks.flatMap { mark -> [Point] in if case .strokes(let l, _) = mark { l.joined().map { $0 } } else { [] } }
        // The cut paths stop where the paths were at step 10, short of their ends.
        let ends = scene.plan.drawn.compactMap(\.main.end)
        let at10 = scene.plan.drawn.compactMap { $0.main.position(at: 10) }
        for (p, end) in zip(at10, ends) {
            #expect(cut.contains(p) && !cut.contains(end) && whole.contains(end))
        }
        #expect(scene.figure(through: scene.lastStep) == scene.figure() || scene.lastStep == 60)
    }

    /// The loss curves are stroked through fewer points than their per-column reduction, and
    /// every point of that reduction lies within a quarter pixel of what is stroked.
    @Test func lossCurvesKeepWhatAQuarterPixelShows() {
        let paths = [Self.run("sgd", lr: 0.002, steps: 4000), Self.run("adam", lr: 0.3, steps: 4000)]
        let resolution = PlotResolution(surface: Self.bowl, options: SurfacePlotOptions())
        let scene = surfaceScene(surface: Self.bowl, paths: paths.map { PlotPath($0, resolution: resolution) })
        let layer = scene.figure().layer("loss")!
        let window = layer.window!, plot = layer.viewport
        for drawn in scene.plan.drawn {
            let stroked = layer.marks.compactMap { mark -> [Point]? in
                if case .stroke(let line, let style) = mark, style.color == drawn.style.color { line } else { nil }
            }.last!
            let full = drawn.main.loss.reduced(steps: scene.lastStep + 1, columns: Int(plot.width.rounded(.up)))
            let y = scene.plan.lossModel!.y
            let points = zip(full.steps, full.values).compactMap { s, v in y(v).map { window.map(Point(Double(s), $0), into: plot) } }
            let kept = stroked.map { window.map($0, into: plot) }
            #expect(kept.count < points.count / 2)
            #expect(kept.first == points.first && kept.last == points.last)
            for p in points {
                let nearest = zip(kept, kept.dropFirst()).map { a, b in Self.distance(p, toSegment: a, b) }.min()!
                #expect(nearest <= 0.25 + 1e-9)
            }
        }
    }

    static func distance(_ p: Point, toSegment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy
        let t = l2 == 0 ? 0 : Swift.min(1, Swift.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2))
        let qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y
        return (qx * qx + qy * qy).squareRoot()
    }

    @Test func noisyRunsAreFaintUnderABoldMedianAndListedOnce() {
        let runs = (1...5).map { k -> Trajectory in
            var t = descend(Self.bowl, from: Point(1.5 + 0.05 * Double(k), 1.5), lr: 0.05, steps: 40, optimizer: "adam")
            t.label = "adam"; t.run = k
            return t
        }
        let f = surfaceFigure(surface: Self.bowl, paths: runs)
        let entries = f.texts.filter { $0.hasPrefix("adam") }
        #expect(entries == ["adam lr=0.05 momentum=0 (median of 5 runs)"])
        let faint = f.layer("paths")!.marks.filter { if case .strokes(_, let s) = $0 { s.color.alpha < 0.5 } else { false } }
        #expect(faint.count == 5)
    }

    @Test func scheduleAddsALearningRateStrip() {
        var p = Self.run("adam", lr: 0.05)
        p.schedule = "step:step_size=20"
        p.lrs = (0..<60).map { 0.05 * Double.pow(0.1, Double($0 / 20)) }
        let f = surfaceFigure(surface: Self.bowl, paths: [p, Self.run("sgd", lr: 0.05)])
        #expect(f.regions["lr"] != nil && f.layer("lr") != nil)
        #expect(f.texts.contains("adam lr=0.05 momentum=0 @ step:step_size=20"))
        let loss = f.regions["loss-plot"]!, lr = f.regions["lr-plot"]!
        #expect(lr.y > loss.maxY && abs(lr.x - loss.x) < 1e-9 && lr.height < loss.height)
        #expect(surfaceFigure(surface: Self.bowl, paths: [Self.run("sgd", lr: 0.05)]).regions["lr"] == nil)
    }

    @Test func undefinedRegionIsHatchedNamedAndMeasured() {
        let s = HalfDefined()
        let scene = surfaceScene(surface: s, paths: [PlotPath(descend(s, from: Point(1.5, 1), lr: 0.1, steps: 20),
                                                              resolution: PlotResolution(surface: s, options: SurfacePlotOptions()))])
        let f = scene.figure()
        #expect(f.layer("undefined") != nil)
        #expect(f.texts.contains("f undefined"))
        let note = try! #require(scene.notes.first)
        #expect(note.hasPrefix("f is undefined (not a number) on 5") && note.contains("% of the shown domain"))
        // The colour bar spans the defined values only.
        let bar = f.layer("colorbar")!.window!
        #expect(bar.y.upperBound < 100)
    }

    @Test func flatSurfacesAndTinyWindowsDrawWithoutTrapping() {
        let flat = Flat()
        _ = surfaceFigure(surface: flat, paths: [descend(flat, from: Point(0, 0), lr: 0.1, steps: 5)])
        _ = surfaceFigure(surface: TestSaddle(), paths: [descend(TestSaddle(), from: Point(0, 0), lr: 0.1, steps: 5)])
        _ = surfaceFigure(surface: Self.bowl, paths: [Self.run("sgd", lr: 0.05)], options: SurfacePlotOptions(ylim: 0...1e-320))
        _ = surfaceFigure(surface: Self.bowl, paths: [Self.run("sgd", lr: 0.05)], options: SurfacePlotOptions(xlim: -1e300...1e300))
    }

    @Test func themeAndBackgroundColourThePage() {
        let dark = surfaceScene(surface: Self.bowl, paths: [], options: SurfacePlotOptions(theme: .dark))
        #expect(dark.pageColor == Theme.dark.background)
        #expect(dark.figure().texts.isEmpty == false)
        let clear = surfaceScene(surface: Self.bowl, paths: [], options: SurfacePlotOptions(background: .transparent))
        #expect(clear.pageColor.alpha == 0)
    }

    @Test func equalAspectKeepsUnitsEqual() {
        let o = SurfacePlotOptions(xlim: -4...4, ylim: -1...1, layout: .contour, aspect: .equal)
        let f = surfaceFigure(surface: Self.bowl, paths: [], options: o)
        let plot = f.regions["contour-plot"]!
        #expect(abs(plot.height / plot.width - 0.25) < 1e-9)
        let auto = surfaceFigure(surface: Self.bowl, paths: [], options: SurfacePlotOptions(xlim: -4...4, ylim: -1...1, layout: .contour, aspect: .auto))
        #expect(abs(auto.regions["contour-plot"]!.height / auto.regions["contour-plot"]!.width - 0.5) < 1e-9, "auto: at most 2:1")
    }

    @Test func textStaysReadableOnSmallPages() {
        let f = surfaceFigure(surface: Self.bowl, paths: [Self.run("sgd", lr: 0.05)], options: SurfacePlotOptions(width: 800, height: 600))
        let sizes = f.layers.flatMap { $0.marks.compactMap { if case .text(_, _, let s) = $0 { s.size } else { nil } } }
        #expect(sizes.min()! >= 10 * 12 / 14 - 1e-9, "notes are the smallest text, tick labels are 10 px")
        let big = surfaceFigure(surface: Self.bowl, paths: [], options: SurfacePlotOptions(width: 800, height: 600, fontScale: 1.5))
        let bigSizes = big.layers.flatMap { $0.marks.compactMap { if case .text(_, _, let s) = $0 { s.size } else { nil } } }
        #expect(bigSizes.max()! > sizes.max()! * 1.4)
    }

    @Test func titleAndSubtitleCanBeReplacedOrHidden() {
        let f = surfaceFigure(surface: Self.bowl, paths: [], options: SurfacePlotOptions(title: "Mine", subtitle: ""))
        #expect(f.texts.contains("Mine") && !f.texts.contains { $0.hasPrefix("f(x, y) = ") })
        let none = surfaceFigure(surface: Self.bowl, paths: [], options: SurfacePlotOptions(title: "", subtitle: ""))
        #expect(none.regions["title"] == nil)
    }

    @Test func pathLeavingThePlotIsMarkedOnTheFrame() {
        let escaping = descend(Self.bowl, from: Point(1.9, 1.9), lr: 1.5, steps: 12, optimizer: "sgd")
        let f = surfaceFigure(surface: Self.bowl, paths: [escaping], options: SurfacePlotOptions(xlim: -1...1, ylim: -1...1))
        let triangles = f.layer("path-markers")!.marks.filter {
            if case .marker(_, let shape, _, _, _) = $0 { [.triangleUp, .triangleDown, .triangleLeft, .triangleRight].contains(shape) } else { false }
        }
        #expect(triangles.count == 1)
        #expect(f.texts.contains("left the plot"))
    }
}

/// f = (x − 1)² + y², undefined (NaN) for x < −1: about half of [−2, 2] × [−2, 2] is... a quarter.
struct HalfDefined: Surface {
    var name: String { "half" }
    var title: String { "Half" }
    var formula: String { "log(x + 1) + y²" }
    var citation: String { "test" }
    var domain: Domain { Domain(x: -3...2, y: -2...2) }
    var minima: [Minimum] { [] }
    var suggestedStart: Point { Point(1.5, 1) }
    var levelScale: LevelScale { .linear }
    func value(_ x: Double, _ y: Double) -> Double { x < -0.5 ? .nan : (x - 1) * (x - 1) + y * y }
    func gradient(_ x: Double, _ y: Double) -> Point { Point(2 * (x - 1), 2 * y) }
}

/// f = 0 everywhere.
struct Flat: Surface {
    var name: String { "flat" }
    var title: String { "Flat" }
    var formula: String { "0" }
    var citation: String { "test" }
    var domain: Domain { Domain(x: -1...1, y: -1...1) }
    var minima: [Minimum] { [] }
    var suggestedStart: Point { Point(0, 0) }
    var levelScale: LevelScale { .linear }
    func value(_ x: Double, _ y: Double) -> Double { 0 }
    func gradient(_ x: Double, _ y: Double) -> Point { Point(0, 0) }
}
