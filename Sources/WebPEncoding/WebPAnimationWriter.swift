import CWebP
import Glibc
import Jobs

/// Writes an animated WebP in memory: lossless frames (a figure's flat colours and sharp text
/// compress far better losslessly than with VP8's blocks), each after the first stored as the
/// rectangle that changed over the frame before, its unchanged pixels transparent and blended
/// over what is shown (so that they cost almost nothing), looping forever. A frame whose changes
/// lie in two distant groups (an animation's path heads and, across the figure, the loss panel's
/// cursor and the step counter: about 4,000 changed pixels, whose one rectangle spans 700,000)
/// and that lasts at least 40 ms is stored as the two groups' rectangles, the first shown for
/// 20 ms: a fifth of the pixels to compress (three times faster, and smaller), never a frame
/// under 20 ms.
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
    /// The frame shown so far, as Cairo's premultiplied words (a pixel differs when its word
    /// does); empty before the first.
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

    /// The shortest a part of a frame is shown (ms): browsers play shorter frames slowly.
    public static let shortestPart = 20

    /// Adds a frame (Cairo's premultiplied ARGB32 words) starting at `milliseconds` that differs
    /// from the frame before only inside the rectangles `changedWithin` (nil: anywhere): only
    /// those are looked at.
    ///
    /// With `lasting` (the frame's duration in ms) at least twice ``shortestPart``, a frame whose
    /// changes lie in two distant groups (the paths' heads on the left, the loss panel's cursor
    /// and the step counter on the right) may be stored as two rectangles, one after the other:
    /// the first shown for ``shortestPart`` ms only, the second for the rest. The encoder then
    /// compresses the two groups' boxes (a fifth of the pixels here) instead of the rectangle
    /// spanning both panels; for those 20 ms one group is a frame ahead of the other.
    public func add(_ pixels: UnsafeBufferPointer<UInt32>, at milliseconds: Int, lasting: Int? = nil,
                    changedWithin boxes: [(x: Int, y: Int, width: Int, height: Int)]?) throws(WebPError) {
        guard !finished else { throw .libwebp(operation: "add a frame", message: "the animation is finished") }
        guard pixels.count == width * height else {
            throw .libwebp(operation: "add a frame", message: "\(pixels.count) pixels do not fill \(width)×\(height)")
        }
        if let start = waiting.last?.start ?? encoded.last?.rectangle.start, milliseconds < start {
            throw .libwebp(operation: "add a frame", message: "timestamps must not decrease")
        }
        let page = pixels.baseAddress!  // non-empty: width, height ≥ 1
        if previous.isEmpty {
            previous = Array(pixels)
            waiting.append(Rectangle(x: 0, y: 0, width: width, height: height, argb: pixels.map(Self.straight), blend: false, start: milliseconds))
        } else {
            // Each box's changed pixels' bounds (x1, y1 exclusive).
            var changed: [Bounds] = []
            previous.withUnsafeBufferPointer { prev in
                for b in boxes ?? [(0, 0, width, height)] {
                    if let c = Self.changedBounds(page, prev.baseAddress!, width: width,
                                                  x0: max(0, b.x), y0: max(0, b.y), x1: min(width, b.x + b.width), y1: min(height, b.y + b.height)) {
                        changed.append(c)
                    }
                }
            }
            guard !changed.isEmpty else { return }  // the same frame: the one before lasts longer
            var parts = [changed.dropFirst().reduce(changed[0]) { $0.union($1) }]
            if let lasting, lasting >= 2 * Self.shortestPart, let split = Self.split(changed), 2 * (split.0.area + split.1.area) <= parts[0].area {
                parts = [split.0, split.1]
            }
            for (k, part) in parts.enumerated() {
                waiting.append(cut(page, part, start: milliseconds + k * Self.shortestPart))
            }
        }
        if waiting.count >= batch { try compressWaiting() }
    }

    /// A box of pixels, x1 and y1 exclusive.
    struct Bounds {
        var x0: Int, y0: Int, x1: Int, y1: Int
        var area: Int { (x1 - x0) * (y1 - y0) }
        func union(_ o: Bounds) -> Bounds { Bounds(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1)) }
    }

    /// The bounds of the pixels of `page` that differ from `previous` inside a box, nil if none.
    static func changedBounds(_ page: UnsafePointer<UInt32>, _ previous: UnsafePointer<UInt32>, width: Int,
                              x0: Int, y0: Int, x1: Int, y1: Int) -> Bounds? {
        guard x0 < x1, y0 < y1 else { return nil }
        var out: Bounds? = nil
        for y in y0..<y1 {
            let a = page + y * width, b = previous + y * width
            guard memcmp(a + x0, b + x0, 4 * (x1 - x0)) != 0 else { continue }
            var first = x0, last = x1 - 1
            while a[first] == b[first] { first += 1 }
            while a[last] == b[last] { last -= 1 }
            let row = Bounds(x0: first, y0: y, x1: last + 1, y1: y + 1)
            out = out.map { $0.union(row) } ?? row
        }
        return out
    }

    /// The two groups of boxes, split along x or along y, whose bounds cover the fewest pixels;
    /// nil for a single box.
    static func split(_ boxes: [Bounds]) -> (Bounds, Bounds)? {
        guard boxes.count > 1 else { return nil }
        var best: (Bounds, Bounds)? = nil
        for byX in [true, false] {
            let sorted = boxes.sorted { byX ? ($0.x0, $0.y0, $0.x1, $0.y1) < ($1.x0, $1.y0, $1.x1, $1.y1) : ($0.y0, $0.x0, $0.y1, $0.x1) < ($1.y0, $1.x0, $1.y1, $1.x1) }
            var suffix = sorted
            for k in stride(from: sorted.count - 2, through: 0, by: -1) { suffix[k] = sorted[k].union(suffix[k + 1]) }
            var prefix = sorted[0]
            for k in 1..<sorted.count {
                let pair = (prefix, suffix[k])
                if best.map({ pair.0.area + pair.1.area < $0.0.area + $0.1.area }) ?? true { best = pair }
                prefix = prefix.union(sorted[k])
            }
        }
        return best
    }

    /// The pixels of `page` that changed inside `part` (its corner moved to even coordinates:
    /// WebP stores frame offsets halved), the others transparent and blended over what is shown;
    /// `previous` becomes `page` there.
    private func cut(_ page: UnsafePointer<UInt32>, _ part: Bounds, start: Int) -> Rectangle {
        let x0 = part.x0 & ~1, y0 = part.y0 & ~1
        let w = part.x1 - x0, h = part.y1 - y0
        var argb = [UInt32](repeating: 0, count: w * h)
        var opaque = true
        previous.withUnsafeMutableBufferPointer { prev in
            argb.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    let a = page + (y0 + y) * width + x0, b = prev.baseAddress! + (y0 + y) * width + x0
                    guard memcmp(a, b, 4 * w) != 0 else { continue }
                    let o = out.baseAddress! + y * w
                    for x in 0..<w where a[x] != b[x] {
                        let v = a[x]
                        b[x] = v
                        o[x] = Self.straight(v)
                        if v >> 24 != 255 { opaque = false }
                    }
                }
                if !opaque {
                    // A pixel grew more transparent: blending cannot show that, so the rectangle
                    // replaces what was there, every pixel as it is.
                    for y in 0..<h {
                        let b = prev.baseAddress! + (y0 + y) * width + x0, o = out.baseAddress! + y * w
                        for x in 0..<w { o[x] = Self.straight(b[x]) }
                    }
                }
            }
        }
        return Rectangle(x: x0, y: y0, width: w, height: h, argb: argb, blend: opaque, start: start)
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
