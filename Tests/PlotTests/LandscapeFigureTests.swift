import Foundation
import Surfaces
import Testing
@testable import Plot

@Suite struct LandscapeFigureTests {
    /// A bowl as the plane's loss, with two paths: one inside the grid, one that leaves it.
    static func data(centre: String? = nil, diverged: Bool = false) -> LandscapeFigureData {
        let xs = (0..<21).map { -1 + 2 * Double($0) / 20 }, ys = (0..<21).map { -0.5 + Double($0) / 20 }
        let grid = Grid(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in 0.1 + x * x + 4 * y * y } })
        func path(_ name: String, _ end: Point) -> LandscapeFigureData.Path {
            let n = 30
            let t = (0..<n).map { Double($0) / Double(n - 1) }
            return LandscapeFigureData.Path(legend: name + " lr=0.01", optimizer: name, alpha: t.map { $0 * end.x }, beta: t.map { $0 * end.y },
                                            iterations: t.map { $0 * 100 }, distance: t.map { $0 * 0.2 }, loss: t.map { 2 - $0 },
                                            gridLoss: t.map { 2.1 - $0 }, lineLoss: [2, 2, 1.5, 1, 0.8], diverged: diverged)
        }
        return LandscapeFigureData(grid: grid, xTitle: "PC1 (80.0% of the displacement)", yTitle: "PC2 (10.0%)", title: "Landscape",
                                   subtitle: "a plane", paths: [path("sgd", Point(0.8, 0.3)), path("adam", Point(-3, 0.1))],
                                   lineT: [-0.5, 0, 0.5, 1, 1.5], centre: centre)
    }

    /// A path that ends just to the upper right of another's end (where that one's name would
    /// go): no name plate covers another path's end marker or the start.
    @Test func namesDoNotCoverAnotherPathsEnd() throws {
        var data = Self.data()
        let style = LandscapeFigureStyle(width: 900, height: 600)
        let plot = try #require(landscapeFigure(data, style: style).regions["contour-plot"])
        let window = DataWindow(x: data.grid.xs.first!...data.grid.xs.last!, y: data.grid.ys.first!...data.grid.ys.last!)
        // adam ends 22 px right of and 14 px above sgd's end.
        let sgdEnd = Point(data.paths[0].alpha.last!, data.paths[0].beta.last!)
        let px = window.map(sgdEnd, into: plot)
        let perX = (window.x.upperBound - window.x.lowerBound) / plot.width, perY = (window.y.upperBound - window.y.lowerBound) / plot.height
        let adamEnd = Point(sgdEnd.x + 22 * perX, sgdEnd.y + 14 * perY)
        let n = data.paths[1].alpha.count
        data.paths[1].alpha = (0..<n).map { adamEnd.x * Double($0) / Double(n - 1) }
        data.paths[1].beta = (0..<n).map { adamEnd.y * Double($0) / Double(n - 1) }
        let figure = landscapeFigure(data, style: style)
        let plates: [Rect] = try #require(figure.layers.first { $0.name == "path-labels" }).marks.compactMap {
            guard case .fill(let rings, _) = $0, let r = rings.first else { return nil }
            let xs = r.map(\.x), ys = r.map(\.y)
            return Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
        }
        #expect(plates.count == 2)
        let ends = [px, window.map(adamEnd, into: plot), window.map(Point(0, 0), into: plot)]
        for plate in plates {
            for end in ends {
                #expect(!plate.intersects(Rect(x: end.x - 4, y: end.y - 4, width: 8, height: 8)), "a name plate \(plate) covers the marker at \(end)")
            }
        }
    }

    @Test(arguments: [(1500, 1000), (900, 600), (640, 420)])
    func panelsFitThePageWithoutOverlapping(_ width: Int, _ height: Int) throws {
        let f = landscapeFigure(Self.data(), style: LandscapeFigureStyle(width: width, height: height))
        let page = Rect(x: 0, y: 0, width: Double(width), height: Double(height))
        let names = ["contour", "colorbar", "loss", "distance", "line", "legend", "title"]
        for name in names {
            let r = try #require(f.regions[name], "no region \(name)")
            #expect(page.contains(r), "\(name) \(r) leaves the \(width)x\(height) page")
        }
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] {
                #expect(!f.regions[a]!.intersects(f.regions[b]!), "\(a) overlaps \(b) at \(width)x\(height)")
            }
        }
    }

    /// An animation or a 3D view redraws only what moves: the paths, their markers and their curves.
    @Test func pathsAndCurvesAreTheOverlayTheRestIsBackground() {
        let f = landscapeFigure(Self.data())
        #expect(Set(f.layers(in: .overlay).map(\.name)) == ["paths", "path-markers", "path-labels", "loss", "distance", "line"])
        #expect(f.layers(in: .background).contains { $0.name == "contour" })
    }

    @Test func theLegendNamesThePathsTheStartAndTheCentre() {
        let plain = landscapeFigure(Self.data())
        #expect(plain.texts.contains("sgd lr=0.01") && plain.texts.contains("start"))
        #expect(!plain.texts.contains("diverged"))
        let centred = landscapeFigure(Self.data(centre: "centre (adam's end)", diverged: true))
        #expect(centred.texts.contains("centre (adam's end)") && centred.texts.contains("diverged"))
        // The centre's star is drawn at the origin.
        let stars = centred.layer("path-markers")!.marks.filter { if case .marker(_, .star, _, _, _) = $0 { true } else { false } }
        #expect(stars == [.marker(Point(0, 0), .star, size: 19 * Metrics(width: 1500, height: 1000, reference: (1500, 1000)).scale,
                                  fill: .white, edge: LineStyle(color: Color(hex: 0x1A1A1A), width: 1.4))])
    }

    /// A path that leaves the grid is cut at the frame and loses its end marker; one inside keeps it.
    @Test func aPathOutsideTheGridIsCutAndLosesItsEndMarker() {
        let f = landscapeFigure(Self.data())
        let ends = f.layer("path-markers")!.marks.compactMap { mark -> Point? in
            if case .marker(let p, .circle, _, let fill, _) = mark, fill != .white { return p }
            return nil
        }
        #expect(ends.count == 1)
        #expect(abs(ends[0].x - 0.8) < 1e-12 && abs(ends[0].y - 0.3) < 1e-12)
        let window = f.layer("paths")!.window!
        for mark in f.layer("paths")!.marks {
            if case .strokes(let pieces, _) = mark {
                for p in pieces.joined() { #expect(p.x >= window.x.lowerBound - 0.05 * 2 && p.x <= window.x.upperBound + 0.05 * 2) }
            }
        }
    }

    /// At an iteration, each path and its curves run through the records up to it, with a cursor
    /// and a counter; the line panel (a property of the ends) stays whole.
    @Test func aSceneDrawsThePathsThroughAnIteration() {
        let scene = landscapeScene(Self.data())
        #expect(scene.lastStep == 100)
        func points(_ layers: [Layer], _ name: String) -> Int {
            layers.first { $0.name == name }!.marks.reduce(0) { n, mark in
                if case .stroke(let line, _) = mark { return n + line.count }
                return n
            }
        }
        let early = scene.overlay(through: 20, cursor: true), all = scene.overlay()
        // Records every 100/29 iterations: 6 of 30 up to iteration 20, for each of 2 paths, own and grid loss.
        #expect(points(early, "loss") == 2 * 2 * 6 && points(all, "loss") == 2 * 2 * 30)
        #expect(points(early, "line") == points(all, "line"))
        #expect(scene.figure(through: 20, cursor: true).texts.contains("iteration 20 / 100"))
        #expect(early.filter { $0.name == "cursor" }.count == 2)
        #expect(!all.contains { $0.name == "step-counter" })
    }

    /// A spec's `color=` replaces the optimizer's colour on the path; its `label=` is the name
    /// written beside the head.
    @Test func aSpecsColourAndLabelReachThePath() {
        var data = Self.data()
        data.paths[0].color = 0x123456
        data.paths[0].name = "Mine"
        let f = landscapeFigure(data)
        let cores = f.layer("paths")!.marks.compactMap { if case .strokes(_, let s) = $0 { s.color } else { nil } }
        #expect(cores.contains(Color(hex: 0x123456)))
        #expect(f.texts.contains("Mine"))
    }
}
