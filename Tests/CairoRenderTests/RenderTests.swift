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
    descent(Valley(), lr: 0.05, steps: 200, name: "slow"),
    descent(Valley(), lr: 0.2, steps: 200, name: "fast"),
    descent(Valley(), lr: 0.6, steps: 200, name: "wild", divergeAt: 30),
]

func figure(_ layout: SurfacePlotOptions.Layout) -> Figure {
    surfaceFigure(surface: Valley(), paths: valleyPaths, options: SurfacePlotOptions(width: 400, height: 300, layout: layout))
}

@Suite struct RenderTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: ["valley-contour", "valley-both", "training"])
    func matchesGoldenImage(name: String) throws {
        let fig: Figure
        switch name {
        case "valley-contour": fig = figure(.contour)
        case "valley-both": fig = figure(.both)
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
        try Data(render(figure(.both), format: .pdf)).write(to: pdfURL)
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

/// Three made-up training runs: noisy decaying losses and rising accuracies.
let trainingCurves: [TrainingCurve] = (0..<3).map { k in
    let rate = 0.01 + 0.015 * Double(k)
    let losses = (0..<300).map { i in 2.3 * exp(-rate * Double(i)) + 0.1 + 0.08 * sin(Double(i * (k + 3))) }
    let accuracy = stride(from: 0, through: 300, by: 50).map { (iteration: $0, accuracy: 0.95 - 0.8 * exp(-rate * Double($0))) }
    return TrainingCurve(label: ["sgd lr=0.01", "adam lr=0.001", "rmsprop lr=0.01"][k], losses: losses, accuracy: accuracy)
}
