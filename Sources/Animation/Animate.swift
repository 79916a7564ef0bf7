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
/// The background is drawn once (``FrameRenderer``); frames are drawn in batches on every core
/// and handed to the encoder in order, so the bytes do not depend on the number of cores. A GIF's
/// palette is the figure's own colours plus its most frequent edge colours (``GIFPalette``), read
/// from the last frame, which holds every path.
///
///     let scene = surfaceScene(surface: s, paths: reduced, options: o)
///     let gif = try animate(scene, timeline: AnimationTimeline(lastStep: scene.lastStep, fps: 25, duration: 6), format: .gif)
///
/// - Parameter progress: called after each batch with the frames done and their total.
/// - Complexity: one background, then per frame a page copy, the overlay's marks and the encoder's
///   work on the changed rectangle; memory for about two frames per core.
public func animate(_ scene: SurfaceScene, timeline: AnimationTimeline, format: AnimationFormat,
                    progress: ((Int, Int) -> Void)? = nil) throws(AnimationError) -> [UInt8] {
    let renderer: FrameRenderer
    do { renderer = try FrameRenderer(scene: scene) } catch { throw .render(error) }
    let frames = timeline.frames
    let seeds = scene.figure(through: frames[frames.count - 1].step, cursor: true).opaqueColors.map(rgbWord)
    return try encodeFrames(width: scene.width, height: scene.height, delays: frames.map(\.delay), seeds: seeds, format: format,
                            progress: progress) { k throws(RenderError) in try renderer.frame(through: frames[k].step) }
}

/// Animates the camera instead of the paths: frame k of `timeline` shows every path complete on
/// `scene(k · 360° / n)`, a 3D view turned by that many degrees of azimuth, so that the loop
/// turns the camera once around. The hold of the last frame is dropped: the loop is seamless.
public func animateOrbit(_ scene: @escaping @Sendable (Double) -> SurfaceScene, timeline: AnimationTimeline, format: AnimationFormat,
                         progress: ((Int, Int) -> Void)? = nil) throws(AnimationError) -> [UInt8] {
    let n = timeline.frames.count
    var delays = timeline.frames.map(\.delay)
    if n > 1 { delays[n - 1] = delays[n - 2] }
    let first = scene(0)
    let seeds = first.figure().opaqueColors.map(rgbWord)
    return try encodeFrames(width: first.width, height: first.height, delays: delays, seeds: seeds, format: format,
                            progress: progress) { k throws(RenderError) in
        let view = scene(360 * Double(k) / Double(n))
        return try FrameRenderer(scene: view).frame(through: view.lastStep)
    }
}

/// Draws frames `0..<delays.count` with `draw` in parallel batches and encodes them in order.
func encodeFrames(width: Int, height: Int, delays: [Int], seeds: [UInt32], format: AnimationFormat,
                  progress: ((Int, Int) -> Void)?, draw frame: @escaping @Sendable (Int) throws(RenderError) -> [UInt32]) throws(AnimationError) -> [UInt8] {
    let count = delays.count
    let batch = 2 * Jobs.workerCount
    /// Frames `range`, drawn in parallel, in order.
    func draw(_ range: Range<Int>) throws(AnimationError) -> [[UInt32]] {
        let results = parallelMap(Array(range)) { k -> Result<[UInt32], RenderError> in
            do throws(RenderError) { return .success(try frame(k)) } catch { return .failure(error) }
        }
        var out: [[UInt32]] = []
        for r in results {
            switch r {
            case .success(let p): out.append(p)
            case .failure(let e): throw .render(e)
            }
        }
        return out
    }
    /// Feeds every frame, batch by batch, to `add`.
    func each(_ add: (Int, [UInt32]) throws(AnimationError) -> Void) throws(AnimationError) {
        var k = 0
        while k < count {
            let end = min(count, k + batch)
            for (offset, pixels) in try draw(k..<end).enumerated() { try add(k + offset, pixels) }
            k = end
            progress?(k, count)
        }
    }

    switch format {
    case .gif:
        let last = try draw((count - 1)..<count)[0]
        let palette = GIFPalette(seeds: seeds, sample: last)
        var gif: GIFAnimation
        do { gif = try GIFAnimation(width: width, height: height, palette: palette) } catch { throw .gif(error) }
        try each { (k, pixels) throws(AnimationError) in
            do throws(GIFError) { try gif.add(pixels, delay: delays[k]) } catch { throw .gif(error) }
        }
        do { return try gif.finish() } catch { throw .gif(error) }
    case .webp:
        let webp: WebPAnimationWriter
        do { webp = try WebPAnimationWriter(width: width, height: height) } catch { throw .webp(error) }
        var time = 0
        try each { (k, pixels) throws(AnimationError) in
            do throws(WebPError) { try webp.add(pixels, at: time * 10) } catch { throw .webp(error) }
            time += delays[k]
        }
        do { return try webp.finish(at: time * 10) } catch { throw .webp(error) }
    }
}

/// A colour as the 0xRRGGBB word Cairo stores for it on an 8-bit image: Cairo keeps 16 bits per
/// channel (d·65535 + 0.5, truncated) and pixman takes their high byte.
func rgbWord(_ c: Color) -> UInt32 {
    func byte(_ v: Double) -> UInt32 { UInt32(min(max(v, 0), 1) * 65535 + 0.5) >> 8 }
    return byte(c.red) << 16 | byte(c.green) << 8 | byte(c.blue)
}
