import CCairo
import Plot
import PNGEncoding

/// Reads a PNG into straight-alpha RGBA pixels, through Cairo's PNG reader.
///
///     let image = try decodePNG(bytes)   // image.pixels.count == 4 * width * height
public func decodePNG(_ bytes: [UInt8]) throws(RenderError) -> RGBAImage {
    guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { throw .invalidPNG("missing PNG signature") }
    let source = ByteSource(bytes)
    return try withExtendedLifetime(source) { () throws(RenderError) -> RGBAImage in
        let raw = cairo_image_surface_create_from_png_stream(ByteSource.read, Unmanaged.passUnretained(source).toOpaque())!
        let surface: CairoSurface
        do { surface = try CairoSurface(raw, "read PNG") } catch { throw .invalidPNG("\(error)") }
        cairo_surface_flush(surface.pointer)
        let width = Int(cairo_image_surface_get_width(surface.pointer)), height = Int(cairo_image_surface_get_height(surface.pointer))
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let format = cairo_image_surface_get_format(surface.pointer)
        guard let data = cairo_image_surface_get_data(surface.pointer) else { throw .invalidPNG("no pixel data") }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                // Native-endian 32-bit ARGB, premultiplied; RGB24 has an unused top byte.
                let v = row[x]
                let a = format == CAIRO_FORMAT_RGB24 ? 255 : Int(v >> 24)
                var r = Int((v >> 16) & 0xFF), g = Int((v >> 8) & 0xFF), b = Int(v & 0xFF)
                if a != 0 && a != 255 { r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a); b = min(255, (b * 255 + a / 2) / a) }
                let k = (y * width + x) * 4
                pixels[k] = UInt8(r); pixels[k + 1] = UInt8(g); pixels[k + 2] = UInt8(b); pixels[k + 3] = UInt8(a)
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }
}

/// Writes straight-alpha RGBA pixels as a PNG (e.g. a diff image): RGB when every pixel is opaque,
/// else RGBA, the pixels exactly as given.
public func encodePNG(_ image: RGBAImage) throws(RenderError) -> [UInt8] {
    guard image.width > 0, image.height > 0, image.width <= 32767, image.height <= 32767,
          image.pixels.count == image.width * image.height * 4 else {
        throw .invalidSize(width: image.width, height: image.height)
    }
    let width = image.width
    let opaque = stride(from: 3, to: image.pixels.count, by: 4).allSatisfy { image.pixels[$0] == 255 }
    do throws(PNGError) {
        return try image.pixels.withUnsafeBufferPointer { (pixels) throws(PNGError) -> [UInt8] in
            try PNGEncoder.encode(width: width, height: image.height, color: opaque ? .rgb : .rgba) { y, out in
                let source = pixels.baseAddress! + y * width * 4
                if !opaque { out.baseAddress!.update(from: source, count: width * 4); return }
                for x in 0..<width { for c in 0..<3 { out[3 * x + c] = source[4 * x + c] } }
            }
        }
    } catch {
        throw .png(error.description)
    }
}
