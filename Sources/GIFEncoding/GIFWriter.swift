import CGif

/// One image of an animated GIF: a rectangle of palette indices placed on the page, shown for
/// `delay` centiseconds; pixels with the transparent index keep what the frames before drew.
public struct GIFFrame: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    /// `width × height` palette indices, row by row.
    public var indices: [UInt8]
    /// Centiseconds.
    public var delay: Int
    public init(x: Int, y: Int, width: Int, height: Int, indices: [UInt8], delay: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height; self.indices = indices; self.delay = delay
    }
}

/// Writes an animated GIF89a in memory through giflib: one global palette, the NETSCAPE2.0
/// extension (loop forever), then each frame as a graphics control block (its delay, "leave in
/// place" disposal, the transparent index) and an LZW-compressed image.
///
/// The only Swift that holds giflib's encoder: the `GifFileType` is owned here and closed in
/// ``finish()`` or, after a failure, in `deinit`.
///
///     let writer = try GIFWriter(width: 300, height: 200, palette: colors, transparent: 255)
///     try writer.add(frame)
///     let bytes = try writer.finish()
public final class GIFWriter {
    public let width: Int, height: Int
    private var gif: UnsafeMutablePointer<GifFileType>?
    private let sink = Sink()
    private let transparent: UInt8?

    final class Sink { var bytes: [UInt8] = [] }

    /// Starts a GIF of `width × height` pixels with `palette` (0xRRGGBB, at most 256 entries;
    /// padded to a power of two) that loops forever.
    public init(width: Int, height: Int, palette: [UInt32], transparent: UInt8?) throws(GIFError) {
        guard (1...65535).contains(width), (1...65535).contains(height) else {
            throw .invalid("invalid GIF size \(width)×\(height); width and height must be 1...65535 pixels")
        }
        guard (1...256).contains(palette.count) else { throw .invalid("a GIF palette has 1...256 colours, not \(palette.count)") }
        self.width = width; self.height = height; self.transparent = transparent
        var error: Int32 = 0
        let write: OutputFunc = { file, data, length in
            guard let file, let data, let user = file.pointee.UserData else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return length
        }
        guard let gif = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), write, &error) else {
            throw .giflib(operation: "start a GIF", message: Self.message(error))
        }
        self.gif = gif
        EGifSetGifVersion(gif, true)
        // The table holds every colour and the transparent index.
        var bits = 1
        while 1 << bits < max(palette.count, Int(transparent ?? 0) + 1) { bits += 1 }
        var colors = palette.map { GifColorType(Red: UInt8($0 >> 16 & 0xFF), Green: UInt8($0 >> 8 & 0xFF), Blue: UInt8($0 & 0xFF)) }
        colors += Array(repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: (1 << bits) - palette.count)
        guard let map = GifMakeMapObject(Int32(1 << bits), &colors) else { throw .invalid("cannot make a GIF palette") }
        defer { GifFreeMapObject(map) }
        try check(EGifPutScreenDesc(gif, Int32(width), Int32(height), Int32(bits), 0, map), "write the screen descriptor")
        // NETSCAPE2.0 application extension: loop count 0, forever.
        try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), "write the loop extension")
        try check(EGifPutExtensionBlock(gif, 11, Array("NETSCAPE2.0".utf8)), "write the loop extension")
        try check(EGifPutExtensionBlock(gif, 3, [1, 0, 0]), "write the loop extension")
        try check(EGifPutExtensionTrailer(gif), "write the loop extension")
    }

    deinit {
        if let gif { var error: Int32 = 0; EGifCloseFile(gif, &error) }
    }

    /// Appends `frame`.
    public func add(_ frame: GIFFrame) throws(GIFError) {
        guard let gif else { throw .invalid("the GIF is finished") }
        guard frame.width >= 1, frame.height >= 1, frame.x >= 0, frame.y >= 0, frame.x + frame.width <= width,
              frame.y + frame.height <= height, frame.indices.count == frame.width * frame.height else {
            throw .invalid("a GIF frame \(frame.width)×\(frame.height) at (\(frame.x), \(frame.y)) does not fit the \(width)×\(height) image")
        }
        var gcb = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false,
                                       DelayTime: Int32(min(max(frame.delay, 0), 65535)),
                                       TransparentColor: transparent.map(Int32.init) ?? NO_TRANSPARENT_COLOR)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let n = EGifGCBToExtension(&gcb, &extensionBytes)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(n), extensionBytes), "write a frame's delay")
        try check(EGifPutImageDesc(gif, Int32(frame.x), Int32(frame.y), Int32(frame.width), Int32(frame.height), false, nil),
                  "write an image descriptor")
        var pixels = frame.indices
        try check(EGifPutLine(gif, &pixels, Int32(pixels.count)), "compress a frame")
    }

    /// Writes the trailer and returns the file's bytes.
    public func finish() throws(GIFError) -> [UInt8] {
        guard let gif else { throw .invalid("the GIF is finished") }
        self.gif = nil
        var error: Int32 = 0
        guard EGifCloseFile(gif, &error) == GIF_OK else { throw .giflib(operation: "finish the GIF", message: Self.message(error)) }
        return sink.bytes
    }

    private func check(_ result: Int32, _ operation: String) throws(GIFError) {
        guard result != GIF_OK else { return }
        throw .giflib(operation: operation, message: Self.message(gif?.pointee.Error ?? 0))
    }

    static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
