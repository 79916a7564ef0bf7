// Golden images of the 3D view (Golden/view3d-*.png), compared like RenderTests' with an RMS
// tolerance; regenerate with TRAJVIZ_REGENERATE_GOLDEN=1 swift test --filter SurfaceView3DTests.
import Foundation
import Optimizers
import Regression
import Stepping
import Surfaces
import Testing
@testable import CairoRender
@testable import Plot

/// Three optimizers from the surface's suggested start, reduced for `options`.
func paths3D(_ surface: any Surface, steps: Int, options: SurfacePlotOptions) throws -> [PlotPath] {
    let resolution = PlotResolution(surface: surface, options: options)
    return try ["adam", "momentum", "rmsprop"].map { name in
        let kind = try #require(OptimizerRegistry.named(name))
        let lr = surface.suggestedLearningRates[name].map { Hyperparameters([("lr", .number($0))]) } ?? Hyperparameters()
        let start = surface.suggestedStart
        let t = try trace(try kind.make(lr), label: name, name: name, start: (start.x, start.y), steps: steps, objective: objective(of: surface))
        return PlotPath(t, resolution: resolution)
    }
}

@Suite struct SurfaceView3DTests {
    static let surfaces: [String: any Surface] = ["rosenbrock": Rosenbrock(), "beale": Beale(), "saddle": Saddle()]

    @Test(arguments: ["rosenbrock", "beale", "saddle"])
    func matchesGoldenImage(name: String) throws {
        let surface = try #require(Self.surfaces[name])
        let options = SurfacePlotOptions(width: 600, height: 450)
        let scene = surfaceScene3D(surface: surface, paths: try paths3D(surface, steps: 150, options: options), options: options)
        let png = try render(scene.figure(), format: .png)
        let file = "view3d-\(name)"
        if ProcessInfo.processInfo.environment["TRAJVIZ_REGENERATE_GOLDEN"] == "1" {
            try Data(png).write(to: RenderTests.goldenDirectory.appendingPathComponent("\(file).png"))
            return
        }
        let url = try #require(Bundle.module.url(forResource: file, withExtension: "png", subdirectory: "Golden"),
                               "missing golden \(file).png; run with TRAJVIZ_REGENERATE_GOLDEN=1")
        let comparison = try compareImages(expected: try decodePNG([UInt8](try Data(contentsOf: url))), actual: try decodePNG(png))
        if comparison.rms > 2 {
            try Data(png).write(to: FileManager.default.temporaryDirectory.appendingPathComponent("\(file)-actual.png"))
        }
        #expect(comparison.rms <= 2, "RMS \(comparison.rms) against Golden/\(file).png")
    }

    /// The landscape in 3D (`trajviz landscape --view 3d`): the test landscape's grid as the
    /// shaded surface, the two paths lifted onto it, the side panels as in 2D.
    @Test func landscapeMatchesGoldenImage() throws {
        let scene = landscapeScene(landscapeData, style: LandscapeFigureStyle(width: 640, height: 420), camera: Camera3D(azimuth: -50, elevation: 35))
        #expect(scene.background.contains { $0.name == "surface-3d" } && !scene.background.contains { $0.name == "contour" })
        let png = try render(scene.figure(), format: .png)
        let file = "view3d-landscape"
        if ProcessInfo.processInfo.environment["TRAJVIZ_REGENERATE_GOLDEN"] == "1" {
            try Data(png).write(to: RenderTests.goldenDirectory.appendingPathComponent("\(file).png"))
            return
        }
        let url = try #require(Bundle.module.url(forResource: file, withExtension: "png", subdirectory: "Golden"),
                               "missing golden \(file).png; run with TRAJVIZ_REGENERATE_GOLDEN=1")
        let comparison = try compareImages(expected: try decodePNG([UInt8](try Data(contentsOf: url))), actual: try decodePNG(png))
        if comparison.rms > 2 {
            try Data(png).write(to: FileManager.default.temporaryDirectory.appendingPathComponent("\(file)-actual.png"))
        }
        #expect(comparison.rms <= 2, "RMS \(comparison.rms) against Golden/\(file).png")
    }

    /// A lifted landscape path lies on the drawn surface: its pixel at a recorded point is the
    /// projection of (α, β, the grid's bilinear loss there), and it is drawn after every patch.
    @Test func landscapePathsAreLiftedOntoTheGrid() throws {
        let scene = landscapeScene(landscapeData, style: LandscapeFigureStyle(width: 640, height: 420), camera: Camera3D())
        let lift = try #require(scene.plan.lift)
        let p = landscapeData.paths[0]
        let surface = SampledSurface(grid: landscapeData.grid)
        // The grid's own nodes come back exactly; between them, the bilinear value.
        #expect(surface.value(landscapeData.grid.xs[3], landscapeData.grid.ys[7]) == landscapeData.grid[3, 7])
        let markers = try #require(scene.figure().layers.first { $0.name == "path-markers" })
        let end = lift(Point(p.alpha.last!, p.beta.last!))
        #expect(markers.marks.contains { if case .marker(let q, .circle, _, _, _) = $0 { abs(q.x - end.x) < 1e-9 && abs(q.y - end.y) < 1e-9 } else { false } })
        let layers = scene.figure().layers
        #expect(layers.lastIndex { $0.name == "surface-3d" }! < layers.firstIndex { $0.name == "paths" }!)
    }

    /// The minimum's star keeps its dark outline over the end markers of the runs that converge
    /// onto it, as in 2D: an outline-only star on the lifted minimum, drawn after the markers.
    @Test func minimaOutlinesAreDrawnOverTheEndMarkers() throws {
        let surface = Rosenbrock()
        let options = SurfacePlotOptions(width: 600, height: 450)
        let scene = surfaceScene3D(surface: surface, paths: try paths3D(surface, steps: 150, options: options), options: options)
        let lift = try #require(scene.plan.lift)
        let layers = scene.figure().layers
        let outline = try #require(layers.firstIndex { $0.name == "minima-outline" }, "no minima outline in 3D")
        #expect(layers.lastIndex { $0.name == "path-markers" }! < outline)
        let star = lift(try #require(surface.minima.first).point)
        let marks = layers[outline].marks
        #expect(marks.count == surface.minima.count)
        guard case .marker(let p, .star, _, let fill, let edge)? = marks.first else { Issue.record("not a star: \(marks)"); return }
        #expect(abs(p.x - star.x) < 1e-9 && abs(p.y - star.y) < 1e-9)
        #expect(fill == nil && edge?.color == Color(hex: 0x1A1A1A))
    }

    /// A path point in front of the surface is drawn over it: where a path crosses Rosenbrock's
    /// slope, the pixel of its lifted point shows the path's colour, while the figure without the
    /// path shows the surface there. (matplotlib sorts a path and a surface as whole artists, so a
    /// path in front of part of the surface can vanish behind it.)
    @Test func aPathIsNeverHiddenBehindTheSurface() throws {
        let surface = Rosenbrock()
        let options = SurfacePlotOptions(width: 1200, height: 900, layout: .contour, title: "", subtitle: "")
        // A straight path across the slope, at y = 2.
        let xs = stride(from: -1.0, through: 1.0, by: 0.01).map { $0 }
        var t = Trajectory(label: "probe", optimizer: "sgd", hyperparameters: Hyperparameters(), steps: xs.count - 1,
                           xs: xs, ys: xs.map { _ in 2 }, losses: xs.map { surface.value($0, 2) }, divergedAt: nil)
        t.appearance.color = 0xFF00FF
        let path = PlotPath(t, resolution: PlotResolution(surface: surface, options: options))
        let camera = Camera3D()
        let scene = surfaceScene3D(surface: surface, paths: [path], options: options, camera: camera)
        let lift = try #require(scene.plan.lift)
        let pixel = lift(Point(0.5, 2))
        let image = try decodePNG(try render(scene.figure(), format: .png))
        let k = 4 * (Int(pixel.y) * image.width + Int(pixel.x))
        let drawn = (image.pixels[k], image.pixels[k + 1], image.pixels[k + 2])
        #expect(drawn.0 > 200 && drawn.1 < 90 && drawn.2 > 200, "the path's magenta at \(pixel), got \(drawn)")
        // Without the path, the same pixel shows the surface (so something was there to hide it).
        let bare = try decodePNG(try render(surfaceScene3D(surface: surface, paths: [], options: options, camera: camera).figure(), format: .png))
        #expect((bare.pixels[k], bare.pixels[k + 1], bare.pixels[k + 2]) != (255, 255, 255))
        #expect(scene.background.last { $0.name == "surface-3d" } != nil)
        #expect(scene.figure().layers.lastIndex { $0.name == "surface-3d" }! < scene.figure().layers.firstIndex { $0.name == "paths" }!)
    }
}
