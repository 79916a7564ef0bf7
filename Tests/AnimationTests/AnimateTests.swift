import Foundation
import Optimizers
import Plot
import Regression
import Stepping
import Surfaces
import Testing
@testable import Animation
@testable import CairoRender
@testable import GIFEncoding
@testable import WebPEncoding

/// Three optimizers on Rosenbrock, 120 steps, on a small page: a scene to animate.
func rosenbrockScene(steps: Int = 120, options: SurfacePlotOptions = SurfacePlotOptions(width: 480, height: 360)) throws -> SurfaceScene {
    let surface = Rosenbrock()
    let resolution = PlotResolution(surface: surface, options: options)
    let paths = try ["adam", "momentum", "rmsprop"].map { name in
        let kind = try #require(OptimizerRegistry.named(name))
        let lr = surface.suggestedLearningRates[name].map { Hyperparameters([("lr", .number($0))]) } ?? Hyperparameters()
        let t = try trace(try kind.make(lr), label: name, name: name, start: (-1.5, 2), steps: steps, objective: objective(of: surface))
        return PlotPath(t, resolution: resolution)
    }
    return surfaceScene(surface: surface, paths: paths, options: options)
}

/// Cairo's ARGB words as 0xRRGGBB (the frames are opaque).
func rgb(_ words: [UInt32]) -> [UInt32] { words.map { $0 & 0xFF_FFFF } }

@Suite struct AnimateTests {
    /// A frame drawn over the once-drawn background has exactly the pixels of the whole figure at
    /// that step drawn in one go.
    @Test func aFrameIsTheStaticFigureAtItsStep() throws {
        let scene = try rosenbrockScene()
        let frames = try FrameRenderer(scene: scene)
        for step in [0, 37, scene.lastStep] {
            let frame = RGBAImage(argb: try frames.frame(through: step), width: scene.width, height: scene.height)
            let still = try decodePNG(try render(scene.figure(through: step, cursor: true), format: .png))
            #expect(frame == still, "step \(step)")
        }
    }

    /// The GIF's first and last frames, as a viewer composites them, match the static figure at
    /// steps 0 and the last within the palette's rounding of antialiased edges (RMS 1.5 over the
    /// page); the paths region of the last frame, dense with iso-lines and path edges, matches
    /// the finished static figure (no cursor) within RMS 3.5.
    @Test func gifFramesMatchTheStaticFigure() throws {
        let scene = try rosenbrockScene()
        let timeline = AnimationTimeline(lastStep: scene.lastStep, fps: 25, duration: 2)
        let bytes = try animate(scene, timeline: timeline, format: .gif)
        let gif = try decodeGIF(bytes)
        #expect(gif.width == scene.width && gif.height == scene.height)
        #expect(gif.loopsForever)
        #expect(gif.frames.count == timeline.frames.count)
        #expect(gif.delays == timeline.frames.map(\.delay))
        #expect(gif.delays.allSatisfy { $0 >= 2 })
        // Later frames are the rectangles that changed, not whole pages.
        #expect(gif.rectangles.dropFirst().allSatisfy { $0.width * $0.height < scene.width * scene.height })

        for (k, step) in [(0, 0), (gif.frames.count - 1, scene.lastStep)] {
            let still = try decodePNG(try render(scene.figure(through: step, cursor: true), format: .png))
            let decoded = RGBAImage(argb: gif.frames[k].map { $0 | 0xFF00_0000 }, width: gif.width, height: gif.height)
            let rms = try compareImages(expected: still, actual: decoded).rms
            #expect(rms <= 1.5, "frame \(k): RMS \(rms)")
        }
        let finished = try decodePNG(try render(scene.figure(), format: .png))
        let last = RGBAImage(argb: gif.frames.last!.map { $0 | 0xFF00_0000 }, width: gif.width, height: gif.height)
        let plot = try #require(scene.regions["contour-plot"])
        let rms = try compareImages(expected: crop(finished, plot), actual: crop(last, plot)).rms
        if rms > 3.5 {
            let tmp = FileManager.default.temporaryDirectory
            try Data(encodePNG(last)).write(to: tmp.appendingPathComponent("animation-last-frame.png"))
            try Data(encodePNG(finished)).write(to: tmp.appendingPathComponent("animation-finished.png"))
        }
        #expect(rms <= 3.5, "paths region: RMS \(rms)")
    }

    /// The palette stores the figure's own colours exactly: every band colour of the contour
    /// plot comes back from the GIF unchanged.
    @Test func gifKeepsTheFiguresColoursExactly() throws {
        let scene = try rosenbrockScene()
        let bytes = try animate(scene, timeline: AnimationTimeline(lastStep: scene.lastStep, fps: 10, duration: 0.5), format: .gif)
        let gif = try decodeGIF(bytes)
        let bands = scene.background.first { $0.name == "contour" }!.marks.compactMap { mark -> UInt32? in
            if case .fill(_, let c) = mark { rgbWord(c) } else { nil }
        }
        let present = Set(gif.frames[0])
        #expect(!bands.isEmpty && bands.allSatisfy(present.contains))
    }

    /// Same scene, same bytes, whatever the batch size the cores give.
    @Test func sameBytesOnRerun() throws {
        let scene = try rosenbrockScene()
        let t = AnimationTimeline(lastStep: scene.lastStep, fps: 20, duration: 1)
        #expect(try animate(scene, timeline: t, format: .gif) == animate(scene, timeline: t, format: .gif))
        #expect(try animate(scene, timeline: t, format: .webp) == animate(scene, timeline: t, format: .webp))
    }

    /// Frames drawn one from the other, only where the overlay changed, are the whole drawing of
    /// each step: the first and the last exactly, the others but for Cairo's rounding of some
    /// antialiased edge pixels (its scan converter rounds a pixel by the other edges on its row):
    /// a few levels on a few pixels, never a mark missing or left behind.
    @Test func framesDrawnFromTheLastAreTheWholeFrames() throws {
        for scene in [try rosenbrockScene(), try rosenbrockScene(options: SurfacePlotOptions(width: 480, height: 360, facet: .optimizer))] {
            let renderer = try FrameRenderer(scene: scene)
            let sequence = FrameSequence(renderer)
            let timeline = AnimationTimeline(lastStep: scene.lastStep, fps: 25, duration: 2)
            var page = [UInt32](repeating: 0, count: scene.width * scene.height)
            for (k, frame) in timeline.frames.enumerated() {
                let last = k == timeline.frames.count - 1
                let patch = try sequence.advance(through: frame.step, whole: last)
                page.withUnsafeMutableBufferPointer { patch.apply(to: $0, width: scene.width) }
                #expect(page == Array(sequence.pixels), "the patch brings the page to the frame")
                let whole = try renderer.frame(through: frame.step)
                if k == 0 || last {
                    #expect(page == whole, "frame \(k) is exactly the whole drawing")
                    continue
                }
                var differ = 0, most: UInt32 = 0
                for (a, b) in zip(page, whole) where a != b {
                    differ += 1
                    for shift: UInt32 in [0, 8, 16, 24] {
                        let x = a >> shift & 0xFF, y = b >> shift & 0xFF
                        most = max(most, x > y ? x - y : y - x)
                    }
                }
                #expect(differ <= page.count / 500, "frame \(k): \(differ) pixels differ")
                #expect(most <= 40, "frame \(k): by up to \(most)")
            }
        }
    }

    /// The WebP is lossless: libwebp's decoder gives back every frame exactly, at the timeline's
    /// times, the first and last being the still figure's pixels. A frame stored as two parts
    /// (the heads, then the loss panel's cursor and the counter) shows the first part for 20 ms:
    /// there every pixel is the frame before's or the frame's own.
    @Test func webpFramesAreTheFramesExactly() throws {
        let scene = try rosenbrockScene()
        let timeline = AnimationTimeline(lastStep: scene.lastStep, fps: 10, duration: 1)
        let webp = try decodeWebPAnimation(try animate(scene, timeline: timeline, format: .webp))
        #expect(webp.loopCount == 0)
        var end = 0
        var ends: [Int] = []
        for f in timeline.frames { end += 10 * f.delay; ends.append(end) }
        let renderer = try FrameRenderer(scene: scene)
        // Each run of frames is drawn by a sequence of its own, from a whole frame.
        let starts = drawingRuns(timeline.frames.count)
        #expect(starts.count == 2)
        var sequence = FrameSequence(renderer)
        var expected: [[UInt8]] = []
        for (k, frame) in timeline.frames.enumerated() {
            if k > 0, starts.contains(k) { sequence = FrameSequence(renderer) }
            _ = try sequence.advance(through: frame.step, whole: k == timeline.frames.count - 1)
            expected.append(RGBAImage(argb: Array(sequence.pixels), width: scene.width, height: scene.height).pixels)
        }
        // The decoder stamps each frame with its end time.
        var k = 0, parts = 0, shown = 0
        for (canvas, time) in zip(webp.frames, webp.timestamps) {
            #expect(time - shown >= 20, "every part lasts at least 20 ms")
            shown = time
            if k < ends.count, time == ends[k] {
                #expect(canvas == expected[k], "frame \(k)")
                k += 1
                continue
            }
            parts += 1
            #expect(k > 0 && k < ends.count && time == ends[k - 1] + 20, "a first part lasts 20 ms")
            guard k > 0, k < ends.count else { continue }
            var mixed = true
            for p in stride(from: 0, to: canvas.count, by: 4) where canvas[p..<p + 4] != expected[k - 1][p..<p + 4] && canvas[p..<p + 4] != expected[k][p..<p + 4] {
                mixed = false
                break
            }
            #expect(mixed, "part of frame \(k): each pixel the frame before's or its own")
        }
        #expect(k == timeline.frames.count, "every frame shown at its time")
        #expect(parts > 0, "the heads and the cursor apart, in two parts")
        for k in [0, timeline.frames.count - 1] {
            let still = RGBAImage(argb: try renderer.frame(through: timeline.frames[k].step), width: scene.width, height: scene.height)
            #expect(webp.frames[webp.timestamps.firstIndex(of: ends[k])!] == still.pixels, "frame \(k)")
        }
    }

    /// Two changes far apart are stored as two rectangles when the frame lasts at least 40 ms
    /// (the first shown 20 ms), as one rectangle spanning both otherwise; the pixels are the same.
    @Test func webpSplitsDistantChangesOnlyInLongFrames() throws {
        let (w, h) = (200, 120)
        let first = [UInt32](repeating: 0xFFFF_FFFF, count: w * h)
        var second = first
        for y in 10..<14 { for x in 10..<14 { second[y * w + x] = 0xFF10_2030 } }
        for y in 100..<104 { for x in 180..<184 { second[y * w + x] = 0xFF40_5060 } }
        for (lasting, stamps) in [(40, [40, 60, 80]), (30, [40, 70])] {
            let webp = try WebPAnimationWriter(width: w, height: h)
            try webp.add(first, at: 0)
            try second.withUnsafeBufferPointer { try webp.add($0, at: 40, lasting: lasting, changedWithin: [(8, 8, 8, 8), (178, 98, 8, 8)]) }
            let decoded = try decodeWebPAnimation(try webp.finish(at: 40 + lasting))
            #expect(decoded.timestamps == stamps)
            #expect(decoded.frames.last == RGBAImage(argb: second, width: w, height: h).pixels)
            if stamps.count == 3 {
                // The first part: the top-left change only.
                var mid = first
                for y in 10..<14 { for x in 10..<14 { mid[y * w + x] = 0xFF10_2030 } }
                #expect(decoded.frames[1] == RGBAImage(argb: mid, width: w, height: h).pixels)
            }
        }
    }

    /// With noisy runs and facets, every cell animates (the faint runs grow too).
    @Test func facetsAndRunsAnimate() throws {
        let surface = Rosenbrock()
        let options = SurfacePlotOptions(width: 480, height: 360, facet: .optimizer)
        let resolution = PlotResolution(surface: surface, options: options)
        var paths: [PlotPath] = []
        for name in ["adam", "sgd"] {
            for run in 0..<3 {
                let kind = try #require(OptimizerRegistry.named(name))
                let lr = surface.suggestedLearningRates[name].map { Hyperparameters([("lr", .number($0))]) } ?? Hyperparameters()
                let t = try trace(try kind.make(lr), label: name, name: name, start: (-1.5, 2), steps: 60,
                                  noise: GradientNoise(sigma: 2, seed: 1), run: run, objective: objective(of: surface))
                paths.append(PlotPath(t, resolution: resolution))
            }
        }
        let scene = surfaceScene(surface: surface, paths: paths, options: options)
        let gif = try decodeGIF(try animate(scene, timeline: AnimationTimeline(lastStep: scene.lastStep, fps: 10, duration: 1), format: .gif))
        #expect(gif.frames.count == 10)
        let cells = (0..<2).compactMap { scene.regions["cell-\($0)"] }
        #expect(cells.count == 2)
        for cell in cells {
            #expect(crop(gif.frames[0], width: gif.width, cell) != crop(gif.frames[9], width: gif.width, cell))
        }
    }
}

func crop(_ image: RGBAImage, _ r: Rect) -> RGBAImage {
    let x0 = Int(r.x), y0 = Int(r.y), w = Int(r.width), h = Int(r.height)
    var out: [UInt8] = []
    for y in y0..<(y0 + h) { out += image.pixels[(4 * (y * image.width + x0))..<(4 * (y * image.width + x0 + w))] }
    return RGBAImage(width: w, height: h, pixels: out)
}

func crop(_ words: [UInt32], width: Int, _ r: Rect) -> [UInt32] {
    let x0 = Int(r.x), y0 = Int(r.y), w = Int(r.width), h = Int(r.height)
    var out: [UInt32] = []
    for y in y0..<(y0 + h) { out += words[(y * width + x0)..<(y * width + x0 + w)] }
    return out

}

extension AnimateTests {
    /// A landscape animates as a surface does (`trajviz landscape --output x.gif`): its paths grow
    /// over the iterations; the first and last frames match the still drawing at iterations 0 and
    /// the last, and the finished paths region matches the still figure.
    @Test func landscapeGIFFramesMatchTheStillFigure() throws {
        let xs = (0..<21).map { -1 + 2 * Double($0) / 20 }, ys = (0..<21).map { -1 + 2 * Double($0) / 20 }
        let grid = Grid(xs: xs, ys: ys, values: ys.flatMap { y in xs.map { x in 0.1 + x * x + 3 * y * y } })
        let n = 41
        let paths = [("adam", 0.8, 0.6), ("sgd", -0.7, 0.2)].map { name, ex, ey in
            let t = (0..<n).map { Double($0) / Double(n - 1) }
            return LandscapeFigureData.Path(legend: name, optimizer: name, alpha: t.map { ex * $0 }, beta: t.map { ey * $0 * $0 },
                                            iterations: t.map { ($0 * 80).rounded() }, distance: t.map { 0.1 * $0 },
                                            loss: t.map { 1.1 - $0 }, gridLoss: t.map { 1.2 - $0 }, lineLoss: [1, 0.5, 0.3], diverged: false)
        }
        let data = LandscapeFigureData(grid: grid, xTitle: "PC1", yTitle: "PC2", title: "Landscape", subtitle: "", paths: paths,
                                       lineT: [0, 0.5, 1], centre: nil)
        let scene = landscapeScene(data, style: LandscapeFigureStyle(width: 480, height: 320))
        #expect(scene.lastStep == 80)
        let timeline = AnimationTimeline(lastStep: scene.lastStep, fps: 10, duration: 1)
        let gif = try decodeGIF(try animate(scene, timeline: timeline, format: .gif))
        #expect(gif.width == 480 && gif.height == 320 && gif.loopsForever)
        #expect(gif.frames.count == 10 && gif.delays == timeline.frames.map(\.delay))
        // The paths grow: the first frame differs from the last inside the contour panel.
        #expect(gif.frames[0] != gif.frames[9])
        for (k, step) in [(0, 0), (gif.frames.count - 1, scene.lastStep)] {
            let still = try decodePNG(try render(scene.figure(through: step, cursor: true), format: .png))
            let decoded = RGBAImage(argb: gif.frames[k].map { $0 | 0xFF00_0000 }, width: gif.width, height: gif.height)
            let rms = try compareImages(expected: still, actual: decoded).rms
            #expect(rms <= 1.5, "frame \(k): RMS \(rms)")
        }
        let finished = try decodePNG(try render(scene.figure(), format: .png))
        let last = RGBAImage(argb: gif.frames.last!.map { $0 | 0xFF00_0000 }, width: gif.width, height: gif.height)
        let plot = try #require(scene.regions["contour-plot"])
        // The step counter sits in the panel's corner; compare the panel below it.
        let lower = Rect(x: plot.x, y: plot.y + plot.height * 0.2, width: plot.width, height: plot.height * 0.8)
        let rms = try compareImages(expected: crop(finished, lower), actual: crop(last, lower)).rms
        #expect(rms <= 3.5, "paths region: RMS \(rms)")
    }
}
