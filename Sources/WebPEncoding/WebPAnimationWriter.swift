import CWebP

/// Writes an animated WebP in memory through libwebp's animation encoder (libwebpmux's
/// `WebPAnimEncoder`): lossless frames (a figure's flat colours and sharp text compress far
/// better losslessly than with VP8's blocks), each stored by the encoder as the sub-rectangle
/// that changed, looping forever, no key frames beyond the first.
///
/// The only Swift that holds libwebp's encoder; the encoder is freed in `deinit`.
///
///     let webp = try WebPAnimationWriter(width: 300, height: 200)
///     try webp.add(pixels, at: 0)          // Cairo ARGB32 words, premultiplied
///     try webp.add(next, at: 40)
///     let bytes = try webp.finish(at: 80)  // the last frame lasts 40 ms
public final class WebPAnimationWriter {
    public let width: Int, height: Int
    private var encoder: OpaquePointer?
    private var config = WebPConfig()
    /// The frame as libwebp reads it, kept from frame to frame (a page of words is not allocated
    /// and converted again for every frame).
    private var picture = WebPPicture()
    private var hasPicture = false

    /// - Parameter effort: libwebp's lossless `method` (0 fastest ... 6 smallest; default 1).
    public init(width: Int, height: Int, effort: Int = 1) throws(WebPError) {
        guard (1...16383).contains(width), (1...16383).contains(height) else {
            throw .libwebp(operation: "start an animation", message: "invalid size \(width)×\(height); WebP holds 1...16383 pixels a side")
        }
        self.width = width; self.height = height
        var options = WebPAnimEncoderOptions()
        guard WebPAnimEncoderOptionsInit(&options) != 0, WebPConfigInit(&config) != 0 else {
            throw .libwebp(operation: "start an animation", message: "library version mismatch")
        }
        options.anim_params.loop_count = 0  // forever
        options.minimize_size = 0
        options.kmin = 0; options.kmax = 0  // no key frames after the first: a figure changes little per frame
        options.allow_mixed = 0
        config.lossless = 1
        // Measured on the default rosenbrock animation: method 0 wrote 5.0 MB, method 1 at quality
        // 25 1.16 MB for 15 % more time; higher settings saved 5 % more for another 10 %.
        config.method = Int32(min(max(effort, 0), 6))
        config.quality = 25
        config.thread_level = 0
        guard WebPValidateConfig(&config) != 0, let encoder = WebPAnimEncoderNew(Int32(width), Int32(height), &options) else {
            throw .libwebp(operation: "start an animation", message: "invalid options")
        }
        self.encoder = encoder
    }

    deinit {
        if let encoder { WebPAnimEncoderDelete(encoder) }
        if hasPicture { WebPPictureFree(&picture) }
    }

    /// Adds a frame (Cairo's premultiplied ARGB32 words) starting at `milliseconds`.
    public func add(_ pixels: [UInt32], at milliseconds: Int) throws(WebPError) {
        try pixels.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt32>) throws(WebPError) in
            try add(p, at: milliseconds, changedWithin: nil)
        }
    }

    /// Adds a frame (Cairo's premultiplied ARGB32 words) starting at `milliseconds` that differs
    /// from the frame before only inside the rectangles `changedWithin` (nil: anywhere): only
    /// those are converted into the picture kept from frame to frame.
    public func add(_ pixels: UnsafeBufferPointer<UInt32>, at milliseconds: Int,
                    changedWithin boxes: [(x: Int, y: Int, width: Int, height: Int)]?) throws(WebPError) {
        guard let encoder else { throw .libwebp(operation: "add a frame", message: "the animation is finished") }
        guard pixels.count == width * height else {
            throw .libwebp(operation: "add a frame", message: "\(pixels.count) pixels do not fill \(width)×\(height)")
        }
        var boxes = boxes
        if !hasPicture {
            guard WebPPictureInit(&picture) != 0 else { throw .libwebp(operation: "add a frame", message: "library version mismatch") }
            picture.width = Int32(width); picture.height = Int32(height); picture.use_argb = 1
            guard WebPPictureAlloc(&picture) != 0 else { throw .libwebp(operation: "add a frame", message: "out of memory") }
            hasPicture = true
            boxes = nil
        }
        // libwebp's ARGB words are Cairo's, with straight alpha.
        let argb = picture.argb!, stride = Int(picture.argb_stride)
        for b in boxes ?? [(0, 0, width, height)] {
            for y in max(0, b.y)..<min(height, b.y + b.height) {
                for x in max(0, b.x)..<min(width, b.x + b.width) {
                    let v = pixels[y * width + x], a = v >> 24
                    if a == 255 || a == 0 { argb[y * stride + x] = a == 0 ? 0 : v; continue }
                    func straight(_ c: UInt32) -> UInt32 { min(255, ((c & 0xFF) * 255 + a / 2) / a) }
                    argb[y * stride + x] = a << 24 | straight(v >> 16) << 16 | straight(v >> 8) << 8 | straight(v)
                }
            }
        }
        guard WebPAnimEncoderAdd(encoder, &picture, Int32(milliseconds), &config) != 0 else {
            throw .libwebp(operation: "encode a frame", message: String(cString: WebPAnimEncoderGetError(encoder)))
        }
    }

    /// Ends the animation at `milliseconds` (the last frame's end) and returns the file's bytes.
    public func finish(at milliseconds: Int) throws(WebPError) -> [UInt8] {
        guard let encoder else { throw .libwebp(operation: "finish", message: "the animation is finished") }
        defer { WebPAnimEncoderDelete(encoder); self.encoder = nil }
        guard WebPAnimEncoderAdd(encoder, nil, Int32(milliseconds), nil) != 0 else {
            throw .libwebp(operation: "finish the animation", message: String(cString: WebPAnimEncoderGetError(encoder)))
        }
        var data = WebPData()
        WebPDataInit(&data)
        defer { WebPDataClear(&data) }
        guard WebPAnimEncoderAssemble(encoder, &data) != 0, let bytes = data.bytes else {
            throw .libwebp(operation: "assemble the animation", message: String(cString: WebPAnimEncoderGetError(encoder)))
        }
        return Array(UnsafeBufferPointer(start: bytes, count: data.size))
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
