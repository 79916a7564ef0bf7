import CCairo
import Plot

/// Draws the frames of an animation: the scene's static background (contours, colorbar, axes,
/// titles, legend) once, then for each frame a copy of those pixels with the overlay at that step
/// drawn over them.
///
/// A frame's pixels are exactly those of ``render(_:format:)`` for `scene.figure(through: step,
/// cursor: true)`: Cairo draws the layers one after the other onto the same image either way.
/// Frames are independent, so several can be drawn at once on separate threads.
///
///     let frames = try FrameRenderer(scene: scene)
///     let pixels = try frames.frame(through: 120)   // width × height ARGB words
///
/// - Complexity: the background's drawing once; per frame a copy of the page and the overlay's
///   marks (whose size does not grow with the steps, see `PlotPath`).
public final class FrameRenderer: Sendable {
    public let scene: SurfaceScene
    public var width: Int { scene.width }
    public var height: Int { scene.height }
    /// The background's pixels: Cairo's ARGB32 words (premultiplied alpha, 0xAARRGGBB), row by row.
    public let background: [UInt32]

    public init(scene: SurfaceScene) throws(RenderError) {
        guard (1...32767).contains(scene.width), (1...32767).contains(scene.height) else {
            throw .invalidSize(width: scene.width, height: scene.height)
        }
        self.scene = scene
        let page = Figure(width: scene.width, height: scene.height, background: scene.pageColor, layers: scene.background)
        var pixels = [UInt32](repeating: 0, count: scene.width * scene.height)
        try Self.draw(page, into: &pixels, width: scene.width, height: scene.height)
        background = pixels
    }

    /// The frame showing the paths up to `step`, with the loss panel's cursor and the step counter.
    public func frame(through step: Int) throws(RenderError) -> [UInt32] {
        var pixels = background
        let overlay = Figure(width: width, height: height, background: Color(red: 0, green: 0, blue: 0, alpha: 0),
                             layers: scene.overlay(through: step, cursor: true))
        try Self.draw(overlay, into: &pixels, width: width, height: height)
        return pixels
    }

    /// Draws `figure` over `pixels` (a page's ARGB32 words).
    static func draw(_ figure: Figure, into pixels: inout [UInt32], width: Int, height: Int) throws(RenderError) {
        let stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, Int32(width)))
        precondition(stride == 4 * width, "ARGB32 rows are whole words")
        let result = pixels.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Result<Void, RenderError> in
            let data = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)  // non-empty: width, height ≥ 1
            do throws(RenderError) {
                let surface = try CairoSurface(cairo_image_surface_create_for_data(data, CAIRO_FORMAT_ARGB32, Int32(width), Int32(height), Int32(stride)),
                                               "create a \(width)×\(height) frame")
                try CairoRender.draw(figure, on: surface, scale: 1)
                try surface.finish("draw a frame")
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }
}

extension RGBAImage {
    /// Straight-alpha RGBA pixels from Cairo's premultiplied ARGB32 words (e.g. a frame), with
    /// Cairo's rule c' = (c·255 + a/2) / a.
    public init(argb words: [UInt32], width: Int, height: Int) {
        var out = [UInt8](repeating: 0, count: 4 * words.count)
        for (k, v) in words.enumerated() {
            let a = v >> 24
            func straight(_ c: UInt32) -> UInt8 {
                a == 255 ? UInt8(c & 0xFF) : a == 0 ? 0 : UInt8(min(255, ((c & 0xFF) * 255 + a / 2) / a))
            }
            out[4 * k] = straight(v >> 16); out[4 * k + 1] = straight(v >> 8); out[4 * k + 2] = straight(v)
            out[4 * k + 3] = UInt8(a)
        }
        self.init(width: width, height: height, pixels: out)
    }
}
