// Golden images: Tests/CairoRenderTests/Golden/*.png are compared with a per-pixel RMS tolerance on
// the 0–255 scale (as matplotlib's `compare_images`), so that small font-rasteriser differences
// between machines pass and real changes fail. To regenerate them after an intended change, run
//
//     TRAJVIZ_REGENERATE_GOLDEN=1 swift test --filter CairoRenderTests
//
// which writes the new PNGs into the source tree (look at them before committing). A failing
// comparison writes `<name>-actual.png` and `<name>-diff.png` to the temporary directory.
import Foundation
import Optimizers
import Plot
import Surfaces
import Regression
import Stepping
import Testing
@testable import CairoRender

/// f = (x² + y − 2)² / 4 + (x − y)²: a bent valley with its minimum at (1, 1).
struct Valley: Surface {
    var name: String { "valley" }
    var title: String { "Valley" }
    var formula: String { "(x² + y − 2)² / 4 + (x − y)²" }
    var citation: String { "test" }
    var domain: Domain { Domain(x: -2...2, y: -2...3) }
    var minima: [Minimum] { [Minimum(1, 1, value: 0)] }
    var suggestedStart: Point { Point(-1.5, 2.5) }
    var levelScale: LevelScale { .log }
    func value(_ x: Double, _ y: Double) -> Double { let a = x * x + y - 2, b = x - y; return a * a / 4 + b * b }
    func gradient(_ x: Double, _ y: Double) -> Point {
        let a = x * x + y - 2, b = x - y
        return Point(a * x + 2 * b, a / 2 - 2 * b)
    }
}

func descent(_ s: some Surface, lr: Double, steps: Int, name: String, divergeAt: Int? = nil) -> Trajectory {
    var p = s.suggestedStart
    var xs = [p.x], ys = [p.y], losses = [s.value(p.x, p.y)]
    for k in 1...steps {
        if let divergeAt, k >= divergeAt { break }
        let g = s.gradient(p.x, p.y)
        p = Point(p.x - lr * g.x, p.y - lr * g.y)
        xs.append(p.x); ys.append(p.y); losses.append(s.value(p.x, p.y))
    }
    return Trajectory(label: name, optimizer: name, hyperparameters: Hyperparameters([("lr", .number(lr))]),
                      steps: steps, xs: xs, ys: ys, losses: losses, divergedAt: divergeAt)
}

let valleyPaths = [
    descent(Valley(), lr: 0.05, steps: 200, name: "sgd"),
    descent(Valley(), lr: 0.2, steps: 200, name: "adam"),
    descent(Valley(), lr: 0.6, steps: 200, name: "rmsprop", divergeAt: 30),
]

func figure(_ layout: SurfacePlotOptions.Layout, _ options: SurfacePlotOptions = SurfacePlotOptions()) -> Figure {
    var o = options
    o.width = o.width ?? 400; o.height = o.height ?? 300; o.layout = layout
    return surfaceFigure(surface: Valley(), paths: valleyPaths, options: o)
}

/// Every optimizer of the registry on Rosenbrock at its suggested rate (the `--opt all` figure).
func rosenbrockPaths(steps: Int) throws -> [Trajectory] {
    let surface = Rosenbrock()
    // `--opt all`: torch's entries.
    return try OptimizerRegistry.entries(of: .torch).map { kind in
        let lr = surface.suggestedLearningRates[kind.name].map { Hyperparameters([("lr", .number($0))]) } ?? Hyperparameters()
        let optimizer = try kind.make(lr)
        return try trace(optimizer, label: kind.name, name: kind.name, start: (-1.5, 2), steps: steps, objective: objective(of: surface))
    }
}

/// A landscape figure's data without a network: the valley's values as the plane's loss (shifted
/// to stay positive), two descents on it as projected paths, their distances from the plane and
/// their straight lines.
let landscapeData: LandscapeFigureData = {
    let valley = Valley()
    let xs = (0..<41).map { -2 + 4 * Double($0) / 40 }, ys = (0..<41).map { -2 + 5 * Double($0) / 40 }
    let grid = Grid(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in 0.05 + valley.value(x, y) } })
    let ts = (0..<21).map { -0.5 + 2 * Double($0) / 20 }
    let paths = valleyPaths.prefix(2).map { t -> LandscapeFigureData.Path in
        let n = t.xs.count
        let iterations = (0..<n).map(Double.init)
        let (x0, y0, x1, y1) = (t.xs[0], t.ys[0], t.xs[n - 1], t.ys[n - 1])
        return LandscapeFigureData.Path(
            legend: t.label + " lr=0.1", optimizer: t.optimizer, alpha: t.xs, beta: t.ys, iterations: iterations,
            distance: iterations.map { 0.3 * sin($0 / 40) * sin($0 / 40) }, loss: t.losses.map { 0.05 + $0 * 1.1 },
            gridLoss: t.losses.map { 0.05 + $0 }, lineLoss: ts.map { s in 0.05 + valley.value(x0 + s * (x1 - x0), y0 + s * (y1 - y0)) },
            diverged: false)
    }
    return LandscapeFigureData(grid: grid, xTitle: "PC1 (91.0% of the displacement)", yTitle: "PC2 (6.00%)",
                               title: "Loss landscape", subtitle: "A plane through the start", paths: paths, lineT: ts, centre: nil)
}()

@Suite struct RenderTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The default figure, the contour alone, small multiples, the dark theme, equal units on a
    /// wide window, the MNIST figure, the loss per step of `trajviz linear` and the landscape.
    @Test(arguments: ["valley-contour", "valley-both", "valley-facet", "valley-dark", "valley-equal", "training", "step-loss", "landscape"])
    func matchesGoldenImage(name: String) throws {
        let fig: Figure
        switch name {
        case "valley-contour": fig = figure(.contour)
        case "valley-both": fig = figure(.both)
        case "valley-facet": fig = figure(.both, SurfacePlotOptions(width: 600, height: 400, facet: .optimizer))
        case "valley-dark": fig = figure(.both, SurfacePlotOptions(theme: .dark))
        case "valley-equal": fig = figure(.contour, SurfacePlotOptions(xlim: -3...3, ylim: -0.5...1.5, aspect: .equal))
        case "step-loss": fig = stepLossFigure(curves: stepLossCurves, title: "Linear check", subtitle: "one record, seed 0",
                                               width: 600, height: 400)
        case "landscape": fig = landscapeFigure(landscapeData, style: LandscapeFigureStyle(width: 640, height: 420))
        default: fig = trainingFigure(curves: trainingCurves, title: "MNIST check", width: 450, height: 300)
        }
        let png = try render(fig, format: .png)
        if ProcessInfo.processInfo.environment["TRAJVIZ_REGENERATE_GOLDEN"] == "1" {
            try Data(png).write(to: Self.goldenDirectory.appendingPathComponent("\(name).png"))
            return
        }
        let url = try #require(Bundle.module.url(forResource: "\(name)", withExtension: "png", subdirectory: "Golden"),
                               "missing golden \(name).png; run with TRAJVIZ_REGENERATE_GOLDEN=1")
        let expected = try decodePNG([UInt8](try Data(contentsOf: url)))
        let actual = try decodePNG(png)
        let comparison = try compareImages(expected: expected, actual: actual)
        let rms = comparison.rms
        if rms > 2 {
            let tmp = FileManager.default.temporaryDirectory
            try Data(png).write(to: tmp.appendingPathComponent("\(name)-actual.png"))
            try Data(encodePNG(comparison.diff)).write(to: tmp.appendingPathComponent("\(name)-diff.png"))
        }
        #expect(rms <= 2, "RMS \(rms) against Golden/\(name).png")
    }

    /// Reducing the paths to what the pixels can show leaves the 5,000-step `--opt all` figure
    /// as it was: RMS at most 1 against the drawing of every point.
    @Test func reductionLeavesTheFigureUnchanged() throws {
        let paths = try rosenbrockPaths(steps: 5000)
        let options = SurfacePlotOptions()
        let surface = Rosenbrock()
        let reduced = surfaceScene(surface: surface, paths: paths.map { PlotPath($0, resolution: PlotResolution(surface: surface, options: options)) },
                                   options: options).figure()
        let window = options.window(for: surface)
        let exact = surfaceScene(surface: surface, paths: paths.map { PlotPath($0, resolution: .exact(window: window)) },
                                 options: options).figure()
        let a = try decodePNG(try render(exact, format: .png)), b = try decodePNG(try render(reduced, format: .png))
        let comparison = try compareImages(expected: a, actual: b)
        let rms = comparison.rms
        if rms > 1 {
            let tmp = FileManager.default.temporaryDirectory
            try Data(render(exact, format: .png)).write(to: tmp.appendingPathComponent("reduction-exact.png"))
            try Data(render(reduced, format: .png)).write(to: tmp.appendingPathComponent("reduction-reduced.png"))
            try Data(encodePNG(comparison.diff)).write(to: tmp.appendingPathComponent("reduction-diff.png"))
        }
        print("reduction: RMS \(rms) against the full drawing")
        #expect(rms <= 1, "RMS \(rms)")
        // And the reduction did reduce.
        let points = { (f: Figure) in f.layers(in: .overlay).flatMap(\.marks).reduce(0) { n, mark in
            if case .strokes(let lines, _) = mark { return n + lines.joined().count }
            if case .stroke(let line, _) = mark { return n + line.count }
            return n
        } }
        #expect(points(reduced) * 4 < points(exact), "\(points(reduced)) of \(points(exact))")
    }

    @Test func transparentBackgroundLeavesTheCornersClear() throws {
        let image = try decodePNG(try render(figure(.both, SurfacePlotOptions(background: .transparent)), format: .png))
        #expect(image.pixels[3] == 0, "top-left alpha")
        let last = image.pixels.count - 4
        #expect(image.pixels[last + 3] == 0, "bottom-right alpha")
        let opaque = try decodePNG(try render(figure(.both), format: .png))
        #expect(opaque.pixels[3] == 255)
    }

    @Test func darkThemePaintsTheDarkPage() throws {
        let image = try decodePNG(try render(figure(.both, SurfacePlotOptions(theme: .dark)), format: .png))
        #expect(Array(image.pixels[0..<4]) == [0x16, 0x18, 0x1C, 255])
    }

    @Test(arguments: ImageFormat.allCases)
    func sameFigureGivesSameBytes(format: ImageFormat) throws {
        let a = try render(figure(.both), format: format), b = try render(figure(.both), format: format)
        #expect(!a.isEmpty && a == b)
    }

    @Test func formatsHaveTheirSignatures() throws {
        let f = figure(.contour)
        #expect(try render(f, format: .png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try render(f, format: .pdf).starts(with: Array("%PDF".utf8)))
        let svg = String(decoding: try render(f, format: .svg), as: UTF8.self)
        #expect(svg.contains("<svg") && svg.contains("width=\"400px\""))
    }

    @Test func pdfIsStampedWithTheFixedDate() throws {
        let pdf = String(decoding: try render(figure(.contour), format: .pdf), as: UTF8.self)
        // cairo 1.16 writes the date without the "D:" prefix; what matters is that it is fixed.
        #expect(pdf.contains("/CreationDate (20000101000000Z)"))
        #expect(!pdf.contains("/ModDate"))
    }

    /// The legend is real text: pdftotext finds every label (skipped where poppler is missing).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")))
    func pdfTextHoldsEveryLegendLabel() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trajviz-pdf-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdfURL = dir.appendingPathComponent("f.pdf")
        try Data(render(figure(.both, SurfacePlotOptions(width: 1200, height: 900)), format: .pdf)).write(to: pdfURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [pdfURL.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for path in valleyPaths { #expect(text.contains(legendLabel(for: path)), "\(legendLabel(for: path))") }
        #expect(text.contains("Valley"))
    }

    @Test func imageFormatFollowsTheExtension() {
        #expect(ImageFormat(pathExtension: "png") == .png)
        #expect(ImageFormat(pathExtension: ".PDF") == .pdf)
        #expect(ImageFormat(pathExtension: "svg") == .svg)
        #expect(ImageFormat(pathExtension: "jpg") == nil)
    }

    @Test func impossibleSizeIsATypedError() {
        #expect(throws: RenderError.invalidSize(width: 0, height: 10)) { try render(Figure(width: 0, height: 10), format: .png) }
        #expect(throws: RenderError.self) { try decodePNG([1, 2, 3]) }
        #expect(throws: RenderError.self) { try decodePNG([0x89, 0x50, 0x4E, 0x47, 0, 0]) }
    }

    @Test func pngRoundTripKeepsPixels() throws {
        var pixels: [UInt8] = []
        for k in 0..<(7 * 5) { pixels += [UInt8(k * 7 % 256), UInt8(k * 13 % 256), UInt8(k * 29 % 256), k % 3 == 0 ? 255 : 128] }
        let image = RGBAImage(width: 7, height: 5, pixels: pixels)
        let back = try decodePNG(try encodePNG(image))
        #expect(back.width == 7 && back.height == 5)
        // Half-transparent pixels pass through premultiplication: within 1 step per channel.
        #expect(zip(back.pixels, image.pixels).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
        #expect(try compareImages(expected: image, actual: back).rms < 1)
    }

    @Test func renderedFigureShowsViridisAndWhiteBackground() throws {
        let image = try decodePNG(try render(figure(.contour), format: .png))
        #expect(image.width == 400 && image.height == 300)
        #expect(Array(image.pixels[0..<4]) == [255, 255, 255, 255], "white corner")
    }
}

/// Three made-up training runs: noisy decaying losses and rising accuracies, from iteration 0.
let trainingCurves: [TrainingCurve] = (0..<3).map { k in
    let rate = 0.01 + 0.015 * Double(k)
    let losses = (0..<300).map { i in 2.3 * exp(-rate * Double(i)) + 0.1 + 0.08 * sin(Double(i * (k + 3))) }
    let accuracy = stride(from: 0, through: 300, by: 50).map { (iteration: $0, accuracy: 0.95 - 0.8 * exp(-rate * Double($0))) }
    return TrainingCurve(label: ["sgd lr=0.01", "adam lr=0.001", "rmsprop lr=0.01"][k], optimizer: ["sgd", "adam", "rmsprop"][k],
                         losses: losses, accuracy: accuracy)
}

/// Four made-up fits of 40 steps: a steady decay, an oscillation, an exact fit (0 from step 30, on the
/// floor line) and a divergence at step 20.
let stepLossCurves: [StepLossCurve] = {
    func curve(_ n: Int, _ f: (Double) -> Double) -> [Double] { (0...n).map { f(Double($0)) } }
    let sgd = curve(40) { k in 4 * exp(-0.1 * k) }
    let adam = curve(40) { k in 4 * exp(-0.15 * k) * (1.2 + sin(k / 2)) }
    let rmsprop = curve(40) { k in k >= 30 ? 0 : 4 * exp(-0.6 * k) }
    let momentum = curve(20) { k in 4 * exp(0.2 * k) }
    return [
        StepLossCurve(label: "sgd lr=0.1", optimizer: "sgd", losses: sgd),
        StepLossCurve(label: "adam lr=0.1", optimizer: "adam", losses: adam),
        StepLossCurve(label: "rmsprop lr=0.01", optimizer: "rmsprop", losses: rmsprop),
        StepLossCurve(label: "momentum lr=0.1 (diverged at step 20)", optimizer: "momentum", losses: momentum, divergedAt: 20),
    ]
}()
