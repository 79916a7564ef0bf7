import CGif

/// A GIF read back through giflib, each frame composited as a viewer shows it (images drawn over
/// the ones before, transparent pixels keeping them): for checks of what trajviz wrote.
public struct DecodedGIF: Sendable {
    public var width: Int, height: Int
    /// Whether a NETSCAPE2.0 extension asks to loop forever (loop count 0).
    public var loopsForever: Bool
    /// The page after each image: 0xRRGGBB words, row by row.
    public var frames: [[UInt32]]
    /// Each image's delay in centiseconds.
    public var delays: [Int]
    /// Each image's rectangle on the page.
    public var rectangles: [(x: Int, y: Int, width: Int, height: Int)]
}

/// Reads a GIF through giflib's `DGifSlurp`.
///
/// - Throws: ``GIFError`` when giflib cannot read it.
public func decodeGIF(_ bytes: [UInt8]) throws(GIFError) -> DecodedGIF {
    final class Source { let bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
    let source = Source(bytes)
    let read: InputFunc = { file, data, length in
        guard let file, let data, let user = file.pointee.UserData else { return 0 }
        let s = Unmanaged<Source>.fromOpaque(user).takeUnretainedValue()
        let n = min(Int(length), s.bytes.count - s.offset)
        for k in 0..<n { data[k] = s.bytes[s.offset + k] }
        s.offset += n
        return Int32(n)
    }
    return try withExtendedLifetime(source) { () throws(GIFError) -> DecodedGIF in
        var error: Int32 = 0
        guard let gif = DGifOpen(Unmanaged.passUnretained(source).toOpaque(), read, &error) else {
            throw .giflib(operation: "open a GIF", message: GIFWriter.message(error))
        }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else { throw .giflib(operation: "read a GIF", message: GIFWriter.message(gif.pointee.Error)) }
        let g = gif.pointee
        let width = Int(g.SWidth), height = Int(g.SHeight)
        var page = [UInt32](repeating: 0, count: width * height)
        var out = DecodedGIF(width: width, height: height, loopsForever: false, frames: [], delays: [], rectangles: [])
        for i in 0..<Int(g.ImageCount) {
            let image = g.SavedImages[i]
            let blocks = (0..<Int(image.ExtensionBlockCount)).map { image.ExtensionBlocks[$0] }
            for (k, block) in blocks.enumerated() where block.Function == APPLICATION_EXT_FUNC_CODE && block.ByteCount == 11 {
                let name = String(decoding: UnsafeBufferPointer(start: block.Bytes, count: 11), as: UTF8.self)
                if name == "NETSCAPE2.0", k + 1 < blocks.count, blocks[k + 1].ByteCount >= 3 {
                    let b = blocks[k + 1].Bytes!
                    out.loopsForever = b[0] == 1 && b[1] == 0 && b[2] == 0
                }
            }
            var gcb = GraphicsControlBlock(DisposalMode: 0, UserInputFlag: false, DelayTime: 0, TransparentColor: NO_TRANSPARENT_COLOR)
            DGifSavedExtensionToGCB(gif, Int32(i), &gcb)
            guard let map = image.ImageDesc.ColorMap ?? g.SColorMap else { throw .invalid("a GIF image without a palette") }
            let d = image.ImageDesc
            let (x0, y0, w, h) = (Int(d.Left), Int(d.Top), Int(d.Width), Int(d.Height))
            guard x0 >= 0, y0 >= 0, x0 + w <= width, y0 + h <= height else { throw .invalid("a GIF image outside its page") }
            for y in 0..<h {
                for x in 0..<w {
                    let index = Int(image.RasterBits[y * w + x])
                    guard index != Int(gcb.TransparentColor), index < Int(map.pointee.ColorCount) else { continue }
                    let c = map.pointee.Colors[index]
                    page[(y0 + y) * width + x0 + x] = UInt32(c.Red) << 16 | UInt32(c.Green) << 8 | UInt32(c.Blue)
                }
            }
            out.frames.append(page)
            out.delays.append(Int(gcb.DelayTime))
            out.rectangles.append((x0, y0, w, h))
        }
        return out
    }
}
