import Optimizers
import Surfaces
import Testing
@testable import Plot

/// The diff figure: the surface scene of two paths whose loss panel holds their distance.
@Suite struct DiffFigureTests {
    static func reduced(_ paths: [Trajectory], options: SurfacePlotOptions = SurfacePlotOptions()) -> [PlotPath] {
        paths.map { PlotPath($0, resolution: PlotResolution(surface: Bowl(), options: options)) }
    }

    @Test func lossPanelShowsTheGapOnALogAxis() throws {
        let a = descend(Bowl(), from: Point(1.5, 1.5), lr: 0.1, steps: 20)
        let b = descend(Bowl(), from: Point(1.5, 1.5), lr: 0.12, steps: 20)
        let gap: [Double] = a.xs.indices.map { k in
            let dx = a.xs[k] - b.xs[k], dy = a.ys[k] - b.ys[k]
            return (dx * dx + dy * dy).squareRoot()
        }
        let figure = diffFigure(surface: Bowl(), paths: Self.reduced([a, b]), gap: gap, firstDifference: 1)
        let panel = try #require(figure.layer("loss"))
        let window = try #require(panel.window)
        #expect(window.yLog && window.x.lowerBound == 0 && window.x.upperBound >= 20)
        // The dashed marker at the first difference, then the gap itself; the exact zero at the
        // start sits on the axis's floor.
        guard case .stroke(let marker, let dashed) = panel.marks[0], case .stroke(let curve, _) = panel.marks[1] else {
            Issue.record("expected the marker and the curve"); return
        }
        #expect(!dashed.dash.isEmpty && marker.allSatisfy { $0.x == 1 })
        #expect(curve.count == 21 && curve[0].y == window.y.lowerBound)
        #expect(zip(curve.dropFirst(), gap.dropFirst()).allSatisfy { $0.y == $1 })
        #expect(window.y.lowerBound <= gap.dropFirst().min()! && window.y.upperBound >= gap.max()!)
        #expect(figure.texts.contains("distance between the paths") && figure.texts.contains("step"))
        #expect(figure.layer("loss-floor") == nil)
        // The rest is the scene of the two paths.
        let plain = surfaceScene(surface: Bowl(), paths: Self.reduced([a, b])).figure()
        #expect(figure.layer("paths") == plain.layer("paths") && figure.layer("contour") == plain.layer("contour"))
        #expect(figure.layer("legend") == plain.layer("legend"))
    }

    @Test func withoutTheLossPanelItIsTheSurfaceFigure() {
        let a = descend(Bowl(), from: Point(1.5, 1.5), lr: 0.1, steps: 5)
        let options = SurfacePlotOptions(layout: .contour)
        let paths = Self.reduced([a, a], options: options)
        #expect(diffFigure(surface: Bowl(), paths: paths, gap: Array(repeating: 0, count: 6), firstDifference: nil, options: options)
                == surfaceScene(surface: Bowl(), paths: paths, options: options).figure())
    }
}
