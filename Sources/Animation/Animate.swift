import CairoRender
import GIFEncoding
import Jobs
import Plot
import WebPEncoding

/// The animated formats, chosen by the output's extension.
public enum AnimationFormat: String, CaseIterable, Sendable {
    case gif, webp

    /// The format for a file extension (`"gif"`, `".WEBP"`), or nil.
    public init?(pathExtension: String) {
        let ext = pathExtension.hasPrefix(".") ? String(pathExtension.dropFirst()) : pathExtension
        self.init(rawValue: ext.lowercased())
    }
}

/// Why an animation could not be made.
public enum AnimationError: Error, Hashable, Sendable, CustomStringConvertible {
    case render(RenderError)
    case gif(GIFError)
    case webp(WebPError)

    public var description: String {
        switch self {
        case .render(let e): return e.description
        case .gif(let e): return e.description
        case .webp(let e): return e.description
        }
    }
}

/// Animates a scene: its paths grow frame by frame (head markers moving, the loss panel's cursor
/// and the step counter following) over the static background, as a looping GIF or animated
/// WebP, in memory.
///
/// The background is drawn once (``FrameRenderer``); each frame is drawn from the one before,
/// redrawing only the boxes where the overlay changed (``FrameSequence``), the two halves of the
/// frames at once (``drawingRuns(_:)``), each on its own thread, while the calling thread encodes
/// the frames in order (``pipeline(count:splitAt:workers:window:_:consume:)``), so the bytes do
/// not depend on the number of cores. A GIF's palette is the figure's own colours
/// plus its most frequent edge colours (``GIFPalette``), read from the last frame, which holds
/// every path (drawn while the first frames are).
///
///     let scene = surfaceScene(surface: s, paths: reduced, options: o)
///     let gif = try animate(scene, timeline: AnimationTimeline(lastStep: scene.lastStep, fps: 25, duration: 6), format: .gif)
///
/// - Parameter progress: called every few frames with the frames done and their total.
/// - Complexity: one background, then per frame the overlay's marks built and compared, Cairo's
///   drawing and the encoder's work inside the changed boxes (libwebp compares whole pages);
///   memory for a few pages.
public func animate(_ scene: SurfaceScene, timeline: AnimationTimeline, format: AnimationFormat,
                    progress: ((Int, Int) -> Void)? = nil) throws(AnimationError) -> [UInt8] {
    let renderer: FrameRenderer
    do { renderer = try FrameRenderer(scene: scene) } catch { throw .render(error) }
    let frames = timeline.frames
    let last = frames[frames.count - 1].step
    let seeds = scene.figure(through: last, cursor: true).paletteSeeds(limit: GIFPalette.maxSeeds).map(rgbWord)
    // Each run of frames drawn by a sequence of its own, on a thread of its own.
    let starts = drawingRuns(frames.count)
    let sequences = starts.map { _ in Unchecked(FrameSequence(renderer)) }
    var encoder: FrameEncoder? = nil
    try pipeline(count: frames.count, splitAt: starts, window: 4, { k -> Result<FramePatch, RenderError> in
        let sequence = sequences[starts.lastIndex { $0 <= k }!]  // starts[0] is 0
        do throws(RenderError) { return .success(try sequence.value.advance(through: frames[k].step, whole: k == frames.count - 1)) } catch { return .failure(error) }
    }, consume: { (k, patch) throws(AnimationError) in
        if encoder == nil {
            encoder = try FrameEncoder(format: format, width: scene.width, height: scene.height, seeds: seeds) { () throws(RenderError) in
                try renderer.frame(through: last)
            }
        }
        let frame: FramePatch
        do throws(RenderError) { frame = try patch.get() } catch { throw .render(error) }
        try encoder!.add(frame, delay: frames[k].delay)
        if k % 16 == 15 || k == frames.count - 1 { progress?(k + 1, frames.count) }
    })
    return try encoder!.finish()  // set: there is at least one frame
}

/// Animates the camera instead of the paths: frame k of `timeline` shows every path complete on
/// `scene(k · 360° / n)`, a 3D view turned by that many degrees of azimuth, so that the loop
/// turns the camera once around. The hold of the last frame is dropped: the loop is seamless.
/// Every frame is a new drawing, so frames are drawn on every core and encoded in order.
public func animateOrbit(_ scene: @escaping @Sendable (Double) -> SurfaceScene, timeline: AnimationTimeline, format: AnimationFormat,
                         progress: ((Int, Int) -> Void)? = nil) throws(AnimationError) -> [UInt8] {
    let n = timeline.frames.count
    var delays = timeline.frames.map(\.delay)
    if n > 1 { delays[n - 1] = delays[n - 2] }
    let first = scene(0)
    let seeds = first.figure().paletteSeeds(limit: GIFPalette.maxSeeds).map(rgbWord)
    let (width, height) = (first.width, first.height)
    let whole = PixelBox(x0: 0, y0: 0, x1: width, y1: height)
    var encoder: FrameEncoder? = nil
    try parallelStream(Array(0..<n), window: 2 * Jobs.workerCount, { k -> Result<[UInt32], RenderError> in
        let view = scene(360 * Double(k) / Double(n))
        do throws(RenderError) { return .success(try FrameRenderer(scene: view).frame(through: view.lastStep)) } catch { return .failure(error) }
    }, consume: { (k, frame) throws(AnimationError) in
        let pixels: [UInt32]
        do throws(RenderError) { pixels = try frame.get() } catch { throw .render(error) }
        if encoder == nil {
            encoder = try FrameEncoder(format: format, width: width, height: height, seeds: seeds) { () throws(RenderError) in
                let view = scene(360 * Double(n - 1) / Double(n))
                return try FrameRenderer(scene: view).frame(through: view.lastStep)
            }
        }
        try encoder!.add(FramePatch(boxes: [whole], pixels: pixels), delay: delays[k])
        if k % 16 == 15 || k == n - 1 { progress?(k + 1, n) }
    })
    return try encoder!.finish()  // set: there is at least one frame
}

/// The first frames of the runs of an animation's frames that are drawn at once, each run from
/// a whole frame of its own (``FrameSequence``): two halves, whatever the number of cores (so
/// that the bytes do not depend on it). Drawing is the slower stage (Cairo's strokes of the paths
/// where they grew, half the CPU time of a GIF): one run per core halves the wall time it takes.
/// A run's first frame is the whole drawing, which differs from the frame drawn from the one
/// before only by Cairo's rounding of a few edge pixels.
func drawingRuns(_ count: Int) -> [Int] {
    count >= 8 ? [0, count / 2] : [0]
}

/// A value handed to one other thread, which alone uses it from then on.
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The encoding stage: keeps the current page, takes each frame as the patch that changed, and
/// hands the GIF or WebP encoder the page with where it changed.
final class FrameEncoder {
    let width: Int, height: Int
    private let page: UnsafeMutableBufferPointer<UInt32>
    private var gif: GIFAnimation?
    private let webp: WebPAnimationWriter?
    /// Centiseconds since the first frame.
    private var time = 0

    /// - Parameter sample: a frame whose colours fill a GIF's palette (called for a GIF only).
    init(format: AnimationFormat, width: Int, height: Int, seeds: [UInt32],
         sample: () throws(RenderError) -> [UInt32]) throws(AnimationError) {
        self.width = width; self.height = height
        switch format {
        case .gif:
            let palette: GIFPalette
            do { palette = GIFPalette(seeds: seeds, sample: try sample()) } catch { throw .render(error) }
            do { gif = try GIFAnimation(width: width, height: height, palette: palette) } catch { throw .gif(error) }
            webp = nil
        case .webp:
            gif = nil
            do { webp = try WebPAnimationWriter(width: width, height: height) } catch { throw .webp(error) }
        }
        page = .allocate(capacity: width * height)
        page.initialize(repeating: 0)
    }

    deinit { page.deallocate() }

    /// The next frame: the page with `patch` applied, shown for `delay` centiseconds.
    func add(_ patch: FramePatch, delay: Int) throws(AnimationError) {
        patch.apply(to: page, width: width)
        let pixels = UnsafeBufferPointer(page)
        if gif != nil {
            do { try gif!.add(pixels, delay: delay, changedWithin: patch.boxes.map { ($0.x0, $0.y0, $0.width, $0.height) }) }
            catch { throw .gif(error) }
        } else if let webp {
            do { try webp.add(pixels, at: time * 10, lasting: delay * 10, changedWithin: patch.boxes.map { ($0.x0, $0.y0, $0.width, $0.height) }) }
            catch { throw .webp(error) }
        }
        time += delay
    }

    /// The file's bytes.
    func finish() throws(AnimationError) -> [UInt8] {
        if gif != nil {
            do { return try gif!.finish() } catch { throw .gif(error) }
        }
        do { return try webp!.finish(at: time * 10) } catch { throw .webp(error) }  // set: one of the two
    }
}

/// A colour as the 0xRRGGBB word Cairo stores for it on an 8-bit image: Cairo keeps 16 bits per
/// channel (d·65535 + 0.5, truncated) and pixman takes their high byte.
func rgbWord(_ c: Color) -> UInt32 {
    func byte(_ v: Double) -> UInt32 { UInt32(min(max(v, 0), 1) * 65535 + 0.5) >> 8 }
    return byte(c.red) << 16 | byte(c.green) << 8 | byte(c.blue)
}
