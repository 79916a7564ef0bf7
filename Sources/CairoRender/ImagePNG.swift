import CCairo
import PNGEncoding

/// Writes a Cairo image surface (ARGB32, premultiplied, native-endian words) as a PNG: RGB when
/// every pixel is opaque, as Cairo's own writer does, else RGBA with the alpha divided out by
/// Cairo's rule, c' = (c·255 + a/2) / a (and 0 where a = 0). The pixels are those Cairo's writer
/// would store; only the compression differs (see PNGEncoding's README).
///
/// - Throws: ``RenderError`` when the surface has no pixels or the PNG cannot be made.
func encodePNG(surface: CairoSurface) throws(RenderError) -> [UInt8] {
    cairo_surface_flush(surface.pointer)
    let p = surface.pointer
    guard cairo_image_surface_get_format(p) == CAIRO_FORMAT_ARGB32, let data = cairo_image_surface_get_data(p) else {
        throw .cairo(operation: "access pixels", status: "not an ARGB32 image")
    }
    let width = Int(cairo_image_surface_get_width(p)), height = Int(cairo_image_surface_get_height(p))
    let stride = Int(cairo_image_surface_get_stride(p))
    let pixels = PixelRows(base: UnsafeRawPointer(data), stride: stride)
    @Sendable func row(_ y: Int) -> UnsafePointer<UInt32> { pixels.row(y) }

    var opaque = true
    scan: for y in 0..<height {
        let r = row(y)
        var all: UInt32 = 0xFF00_0000
        for x in 0..<width { all &= r[x] }
        if all < 0xFF00_0000 { opaque = false; break scan }
    }
    do throws(PNGError) {
        if opaque {
            // Rows are converted on every core (the surface is only read).
            return try PNGEncoder.encodeConcurrently(width: width, height: height, color: .rgb) { y, out in
                rgbRow(row(y), width: width, into: out)
            }
        }
        return try PNGEncoder.encodeConcurrently(width: width, height: height, color: .rgba) { y, out in
            let r = row(y), o = out.baseAddress!
            for x in 0..<width {
                let v = r[x], a = v >> 24
                func straight(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(truncatingIfNeeded: ((c & 0xFF) * 255 + a / 2) / a) }
                o[4 * x] = straight(v >> 16); o[4 * x + 1] = straight(v >> 8); o[4 * x + 2] = straight(v)
                o[4 * x + 3] = UInt8(truncatingIfNeeded: a)
            }
        }
    } catch {
        throw .png(error.description)
    }
}

/// Rows `rows` of an opaque `width × height` image as one band of its PNG (RGB), made by the
/// thread that drew them (see ``drawInBands(_:on:then:)``); nil when any of these pixels is not
/// opaque, or memory ran out: the image is then encoded whole (``encodePNG(surface:)``), with
/// alpha if it needs it.
func encodePNGBand(_ pixels: PixelRows, width: Int, height: Int, rows: Range<Int>) -> PNGBand? {
    for y in rows {
        let r = pixels.row(y)
        var all: UInt32 = 0xFF00_0000
        for x in 0..<width { all &= r[x] }
        if all < 0xFF00_0000 { return nil }
    }
    return try? PNGEncoder.band(width: width, height: height, rows: rows, color: .rgb) { y, out in
        rgbRow(pixels.row(y), width: width, into: out)
    }
}

/// An opaque row of ARGB32 words as RGB bytes.
@inline(__always)
func rgbRow(_ r: UnsafePointer<UInt32>, width: Int, into out: UnsafeMutableBufferPointer<UInt8>) {
    let o = out.baseAddress!
    for x in 0..<width {
        let v = r[x]
        o[3 * x] = UInt8(truncatingIfNeeded: v >> 16)
        o[3 * x + 1] = UInt8(truncatingIfNeeded: v >> 8)
        o[3 * x + 2] = UInt8(truncatingIfNeeded: v)
    }
}

/// The rows of an image surface's pixels, read (never written) by the encoding threads.
struct PixelRows: @unchecked Sendable {
    let base: UnsafeRawPointer
    let stride: Int
    func row(_ y: Int) -> UnsafePointer<UInt32> { (base + y * stride).assumingMemoryBound(to: UInt32.self) }
}
