import CWebP
import Glibc
import Jobs

/// Writes an animated WebP in memory: lossless frames (a figure's flat colours and sharp text
/// compress far better losslessly than with VP8's blocks), each after the first stored as the
/// rectangle that changed over the frame before, its unchanged pixels transparent and blended
/// over what is shown (so that they cost almost nothing), looping forever.
///
/// This is what libwebpmux's `WebPAnimEncoder` does with key frames off, without its copies and
/// comparisons of whole pages per frame (a fifth of its time here) and with the frames' encoding
/// spread over the cores: the rectangles are cut in order on the calling thread, then compressed
/// (`WebPEncode`) a few at a time in parallel, and assembled in order by `WebPMux`, so the bytes
/// do not depend on the number of cores. A frame equal to the one before lengthens it instead.
///
/// The only Swift that holds libwebp's encoder.
///
///     let webp = try WebPAnimationWriter(width: 300, height: 200)
///     try webp.add(pixels, at: 0)          // Cairo ARGB32 words, premultiplied
///     try webp.add(next, at: 40)
///     let bytes = try webp.finish(at: 80)  // the last frame lasts 40 ms
public final class WebPAnimationWriter {
    public let width: Int, height: Int
    private var config = WebPConfig()
    /// The frame shown so far, as libwebp's straight-alpha ARGB words; empty before the first.
    private var previous: [UInt32] = []
    private var finished = false
    /// Rectangles cut and waiting to be compressed.
    private var waiting: [Rectangle] = []
    /// Rectangles compressed, in order.
    private var encoded: [(rectangle: Rectangle, bytes: [UInt8])] = []
    /// Rectangles compressed at once.
    private let batch: Int

    /// One frame's rectangle: where, its pixels, whether it is blended over the frame before,
    /// and when it starts (ms).
    struct Rectangle: Sendable {
        var x: Int, y: Int, width: Int, height: Int
        var argb: [UInt32]
        var blend: Bool
        var start: Int
    }

    /// - Parameters:
    ///   - effort: libwebp's lossless `method` (0 fastest ... 6 smallest; default 1).
    ///   - workers: the most rectangles compressed at once (default: every core).
    public init(width: Int, height: Int, effort: Int = 1, workers: Int = Jobs.workerCount) throws(WebPError) {
        guard (1...16383).contains(width), (1...16383).contains(height) else {
            throw .libwebp(operation: "start an animation", message: "invalid size \(width)×\(height); WebP holds 1...16383 pixels a side")
        }
        self.width = width; self.height = height
        batch = max(1, 2 * workers)
        guard WebPConfigInit(&config) != 0 else {
            throw .libwebp(operation: "start an animation", message: "library version mismatch")
        }
        config.lossless = 1
        // Measured on the default rosenbrock animation (150 frames, 1200×900): method 0 wrote
        // 2.7 to 3.9 MB; method 1 at quality 30 to 100 1.11 MB, at 10 to 25 1.17 to 1.21 MB in
        // 45% less time (but more than half matplotlib's GIF); methods 2 and 3 no smaller.
        config.method = Int32(min(max(effort, 0), 6))
        config.quality = 50
        config.thread_level = 0
        guard WebPValidateConfig(&config) != 0 else {
            throw .libwebp(operation: "start an animation", message: "invalid options")
        }
        // libwebp allocates and frees several megabytes per frame: kept in the heap rather than
        // mapped and unmapped each time, which cost a second of system time here.
        mallopt(M_MMAP_THRESHOLD, 256 << 20)
        mallopt(M_TRIM_THRESHOLD, 1 << 30)
    }

    /// Adds a frame (Cairo's premultiplied ARGB32 words) starting at `milliseconds`.
    public func add(_ pixels: [UInt32], at milliseconds: Int) throws(WebPError) {
        try pixels.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt32>) throws(WebPError) in
            try add(p, at: milliseconds, changedWithin: nil)
        }
    }

    /// Adds a frame (Cairo's premultiplied ARGB32 words) starting at `milliseconds` that differs
    /// from the frame before only inside the rectangles `changedWithin` (nil: anywhere): only
    /// those are looked at.
    public func add(_ pixels: UnsafeBufferPointer<UInt32>, at milliseconds: Int,
                    changedWithin boxes: [(x: Int, y: Int, width: Int, height: Int)]?) throws(WebPError) {
        guard !finished else { throw .libwebp(operation: "add a frame", message: "the animation is finished") }
        guard pixels.count == width * height else {
            throw .libwebp(operation: "add a frame", message: "\(pixels.count) pixels do not fill \(width)×\(height)")
        }
        if let start = waiting.last?.start ?? encoded.last?.rectangle.start, milliseconds < start {
            throw .libwebp(operation: "add a frame", message: "timestamps must not decrease")
        }
        if previous.isEmpty {
            previous = pixels.map(Self.straight)
            waiting.append(Rectangle(x: 0, y: 0, width: width, height: height, argb: previous, blend: false, start: milliseconds))
        } else {
            // The rectangle holding every changed pixel, its corner on even coordinates (WebP
            // stores frame offsets halved).
            var x0 = width, y0 = height, x1 = -1, y1 = -1
            for b in boxes ?? [(0, 0, width, height)] {
                for y in max(0, b.y)..<min(height, b.y + b.height) {
                    for x in max(0, b.x)..<min(width, b.x + b.width) where Self.straight(pixels[y * width + x]) != previous[y * width + x] {
                        x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
                    }
                }
            }
            guard x1 >= 0 else { return }  // the same frame: the one before lasts longer
            x0 &= ~1; y0 &= ~1
            let w = x1 - x0 + 1, h = y1 - y0 + 1
            var argb = [UInt32](repeating: 0, count: w * h)
            var opaque = true
            for y in 0..<h {
                for x in 0..<w {
                    let k = (y0 + y) * width + x0 + x
                    let v = Self.straight(pixels[k])
                    if v != previous[k] {
                        argb[y * w + x] = v; previous[k] = v
                        if v >> 24 != 255 { opaque = false }
                    }
                }
            }
            if !opaque {
                // A pixel grew more transparent: blending cannot show that, so the rectangle
                // replaces what was there, every pixel as it is.
                for y in 0..<h { for x in 0..<w { argb[y * w + x] = previous[(y0 + y) * width + x0 + x] } }
            }
            waiting.append(Rectangle(x: x0, y: y0, width: w, height: h, argb: argb, blend: opaque, start: milliseconds))
        }
        if waiting.count >= batch { try compressWaiting() }
    }

    /// Ends the animation at `milliseconds` (the last frame's end) and returns the file's bytes.
    public func finish(at milliseconds: Int) throws(WebPError) -> [UInt8] {
        guard !finished else { throw .libwebp(operation: "finish", message: "the animation is finished") }
        finished = true
        try compressWaiting()
        guard !encoded.isEmpty else { throw .libwebp(operation: "assemble the animation", message: "no frames") }
        guard let mux = WebPMuxNew() else { throw .libwebp(operation: "assemble the animation", message: "out of memory") }
        defer { WebPMuxDelete(mux) }
        for (k, frame) in encoded.enumerated() {
            let end = k + 1 < encoded.count ? encoded[k + 1].rectangle.start : max(milliseconds, frame.rectangle.start)
            let r = frame.rectangle
            let status = frame.bytes.withUnsafeBufferPointer { bytes in
                var info = WebPMuxFrameInfo()
                info.bitstream = WebPData(bytes: bytes.baseAddress, size: bytes.count)
                info.x_offset = Int32(r.x); info.y_offset = Int32(r.y)
                info.duration = Int32(min(end - r.start, (1 << 24) - 1))
                info.id = WEBP_CHUNK_ANMF
                info.dispose_method = WEBP_MUX_DISPOSE_NONE
                info.blend_method = r.blend ? WEBP_MUX_BLEND : WEBP_MUX_NO_BLEND
                return WebPMuxPushFrame(mux, &info, 1)
            }
            guard status == WEBP_MUX_OK else { throw .libwebp(operation: "assemble the animation", message: "frame \(k): mux error \(status.rawValue)") }
        }
        var params = WebPMuxAnimParams(bgcolor: 0xFFFF_FFFF, loop_count: 0)  // loop forever
        guard WebPMuxSetAnimationParams(mux, &params) == WEBP_MUX_OK,
              WebPMuxSetCanvasSize(mux, Int32(width), Int32(height)) == WEBP_MUX_OK else {
            throw .libwebp(operation: "assemble the animation", message: "invalid canvas")
        }
        var data = WebPData()
        WebPDataInit(&data)
        defer { WebPDataClear(&data) }
        guard WebPMuxAssemble(mux, &data) == WEBP_MUX_OK, let bytes = data.bytes else {
            throw .libwebp(operation: "assemble the animation", message: "mux error")
        }
        return Array(UnsafeBufferPointer(start: bytes, count: data.size))
    }

    /// Compresses the waiting rectangles, a few on each core, keeping their order.
    private func compressWaiting() throws(WebPError) {
        guard !waiting.isEmpty else { return }
        let config = self.config
        let results = parallelMap(waiting, workers: batch / 2) { Self.compress($0, config: config) }
        for (r, bytes) in zip(waiting, results) {
            guard let bytes else { throw .libwebp(operation: "encode a frame", message: "\(r.width)×\(r.height) at (\(r.x), \(r.y)) failed") }
            encoded.append((r, bytes))
        }
        waiting = []
    }

    /// One rectangle as a lossless WebP image.
    static func compress(_ r: Rectangle, config: WebPConfig) -> [UInt8]? {
        var config = config
        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else { return nil }
        picture.use_argb = 1
        picture.width = Int32(r.width); picture.height = Int32(r.height)
        var writer = WebPMemoryWriter()
        WebPMemoryWriterInit(&writer)
        defer { WebPMemoryWriterClear(&writer) }
        var argb = r.argb  // libwebp may rewrite the colour of transparent pixels
        let ok = argb.withUnsafeMutableBufferPointer { p -> Int32 in
            picture.argb = p.baseAddress
            picture.argb_stride = Int32(r.width)
            return withUnsafeMutablePointer(to: &writer) { w -> Int32 in
                picture.writer = WebPMemoryWrite
                picture.custom_ptr = UnsafeMutableRawPointer(w)
                return WebPEncode(&config, &picture)
            }
        }
        WebPPictureFree(&picture)
        guard ok != 0, let mem = writer.mem else { return nil }
        return Array(UnsafeBufferPointer(start: mem, count: writer.size))
    }

    /// libwebp's ARGB word for a Cairo one: the same channels, with straight alpha (Cairo's rule
    /// c' = (c·255 + a/2) / a).
    @inline(__always)
    static func straight(_ v: UInt32) -> UInt32 {
        let a = v >> 24
        if a == 255 { return v }
        if a == 0 { return 0 }
        func c(_ x: UInt32) -> UInt32 { min(255, ((x & 0xFF) * 255 + a / 2) / a) }
        return a << 24 | c(v >> 16) << 16 | c(v >> 8) << 8 | c(v)
    }
}

/// An animated WebP read back through libwebpdemux's animation decoder: for checks of what
/// trajviz wrote.
public struct DecodedWebP: Sendable {
    public var width: Int, height: Int
    public var loopCount: Int
    /// Each frame's canvas as straight RGBA bytes.
    public var frames: [[UInt8]]
    /// Each frame's end time in milliseconds.
    public var timestamps: [Int]
}

/// Reads an animated WebP with `WebPAnimDecoder`.
public func decodeWebPAnimation(_ bytes: [UInt8]) throws(WebPError) -> DecodedWebP {
    try bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(WebPError) -> DecodedWebP in
        var data = WebPData(bytes: buffer.baseAddress, size: buffer.count)
        var options = WebPAnimDecoderOptions()
        guard WebPAnimDecoderOptionsInit(&options) != 0 else { throw .libwebp(operation: "decode", message: "library version mismatch") }
        options.color_mode = MODE_RGBA
        guard let decoder = WebPAnimDecoderNew(&data, &options) else { throw .libwebp(operation: "decode", message: "not an animated WebP") }
        defer { WebPAnimDecoderDelete(decoder) }
        var info = WebPAnimInfo()
        guard WebPAnimDecoderGetInfo(decoder, &info) != 0 else { throw .libwebp(operation: "decode", message: "no animation info") }
        var out = DecodedWebP(width: Int(info.canvas_width), height: Int(info.canvas_height), loopCount: Int(info.loop_count),
                              frames: [], timestamps: [])
        let n = out.width * out.height * 4
        while WebPAnimDecoderHasMoreFrames(decoder) != 0 {
            var frame: UnsafeMutablePointer<UInt8>?
            var timestamp: Int32 = 0
            guard WebPAnimDecoderGetNext(decoder, &frame, &timestamp) != 0, let frame else {
                throw .libwebp(operation: "decode", message: "a broken frame")
            }
            out.frames.append(Array(UnsafeBufferPointer(start: frame, count: n)))
            out.timestamps.append(Int(timestamp))
        }
        return out
    }
}
