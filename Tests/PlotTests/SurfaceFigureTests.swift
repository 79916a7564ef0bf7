import Foundation
import Optimizers
import Surfaces
import Testing
@testable import Plot

@Suite struct SurfaceFigureTests {
    static let bowl = Bowl()
    static let paths = [
        descend(bowl, from: Point(1.5, 1.5), lr: 0.05, steps: 60),
        descend(bowl, from: Point(1.5, 1.5), lr: 0.2, steps: 60, optimizer: "mystery"),
        descend(bowl, from: Point(-1.8, 1.2), lr: 1.2, steps: 60, optimizer: "wild", divergeAt: 9),
    ]

    @Test func legendIsOutsideEveryPanel() {
        for layout in SurfacePlotOptions.Layout.allCases {
            let f = surfaceFigure(surface: Self.bowl, paths: Self.paths, options: SurfacePlotOptions(layout: layout))
            let legend = try! #require(f.regions["legend"])
            #expect(Rect(x: 0, y: 0, width: Double(f.width), height: Double(f.height)).contains(legend))
            for name in ["contour", "colorbar", "loss", "title"] {
                guard let r = f.regions[name] else { continue }
                #expect(!legend.intersects(r), "legend overlaps \(name) in \(layout)")
            }
            #expect((f.regions["loss"] != nil) == (layout == .both))
            #expect(f.regions["contour"].map { !$0.intersects(f.regions["colorbar"]!) } ?? false)
        }
    }

    @Test func defaultSizesFollowTheLayout() {
        let both = surfaceFigure(surface: Self.bowl, paths: [], options: SurfacePlotOptions())
        #expect(both.width == 1200 && both.height == 900)
        let small = surfaceFigure(surface: Self.bowl, paths: Self.paths, options: SurfacePlotOptions(width: 400, height: 300, layout: .contour))
        #expect(small.width == 400 && small.height == 300)
    }

    @Test func textNamesTheSurfaceAndEveryPath() {
        let f = surfaceFigure(surface: Self.bowl, paths: Self.paths, options: SurfacePlotOptions())
        let texts = f.texts
        #expect(texts.contains("Bowl"))
        #expect(texts.contains("f(x, y) = x² + y²"))
        for p in Self.paths { #expect(texts.contains(legendLabel(for: p))) }
        #expect(texts.contains("wild lr=1.2 momentum=0 (diverged at step 9)"))
        #expect(texts.contains("start") && texts.contains("global minimum"))
    }

    @Test func pathsAreClippedToTheAxes() {
        let escaping = descend(Self.bowl, from: Point(1.9, 1.9), lr: 1.5, steps: 12, optimizer: "sgd")
        let f = surfaceFigure(surface: Self.bowl, paths: [escaping], options: SurfacePlotOptions(xlim: -1...1, ylim: -1...1))
        let layer = try! #require(f.layer("paths"))
        #expect(layer.clips && layer.viewport == f.regions["contour-plot"])
        var count = 0
        for case .strokes(let lines, _) in layer.marks {
            for p in lines.joined() { count += 1; #expect(abs(p.x) <= 1.05 && abs(p.y) <= 1.05) }
        }
        #expect(count > 0)
    }

    @Test func negativeMinimumPlotsTheGapToIt() {
        let s = SunkenBowl()
        let f = surfaceFigure(surface: s, paths: [descend(s, from: Point(1.5, 0.5), lr: 0.1, steps: 30)], options: SurfacePlotOptions())
        #expect(f.texts.contains("f(x, y) − f*"))
        let bar = try! #require(f.layer("colorbar"))
        #expect(bar.window?.y.lowerBound == 0)
    }

    @Test func optionsRoundTripThroughCodable() throws {
        let o = SurfacePlotOptions(levels: 12, scale: .linear, xlim: -1...2, ylim: nil, width: 800, height: 600, layout: .contour)
        let data = try JSONEncoder().encode(o)
        #expect(try JSONDecoder().decode(SurfacePlotOptions.self, from: data) == o)
        let bad = Data(#"{"scale":"cubic","layout":"both"}"#.utf8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SurfacePlotOptions.self, from: bad)
        }
    }
}
