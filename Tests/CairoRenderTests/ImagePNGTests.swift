import CCairo
import Plot
import Testing
@testable import CairoRender

/// A Cairo image written by trajviz's encoder reads back as the file Cairo's own writer makes.
@Suite struct ImagePNGTests {
    /// Cairo's own PNG of a surface.
    static func cairoPNG(_ surface: CairoSurface) throws -> [UInt8] {
        let sink = ByteSink()
        try withExtendedLifetime(sink) {
            try check(cairo_surface_write_to_png_stream(surface.pointer, ByteSink.write, Unmanaged.passUnretained(sink).toOpaque()), "png")
        }
        return sink.bytes
    }

    /// A 37 × 23 image: a gradient, and where `transparent`, alpha falling from 255 to 0 along x.
    static func surface(transparent: Bool) throws -> CairoSurface {
        let s = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 37, 23), "image")
        let context = try CairoContext(s)
        let cr = context.pointer
        if transparent {
            let gradient = cairo_pattern_create_linear(0, 0, 37, 0)!
            cairo_pattern_add_color_stop_rgba(gradient, 0, 0.9, 0.2, 0.1, 1)
            cairo_pattern_add_color_stop_rgba(gradient, 1, 0.1, 0.5, 0.8, 0)
            cairo_set_source(cr, gradient)
            cairo_pattern_destroy(gradient)
        } else {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_set_source_rgb(cr, 0.27, 0.0, 0.33)
            cairo_arc(cr, 18, 11, 9.3, 0, 6.3)
        }
        transparent ? cairo_paint(cr) : cairo_fill(cr)
        cairo_surface_flush(s.pointer)
        return s
    }

    @Test(arguments: [false, true])
    func samePixelsAsCairosWriter(_ transparent: Bool) throws {
        let s = try Self.surface(transparent: transparent)
        let ours = try encodePNG(surface: s), cairos = try Self.cairoPNG(s)
        // Colour type: RGB (2) for an opaque image, RGBA (6) otherwise, as Cairo chooses.
        #expect(ours[25] == cairos[25] && ours[25] == (transparent ? 6 : 2))
        let a = try decodePNG(ours), b = try decodePNG(cairos)
        #expect(a.width == 37 && a.height == 23)
        #expect(a.pixels == b.pixels)
        #expect(Set(stride(from: 3, to: a.pixels.count, by: 4).map { a.pixels[$0] }).count > (transparent ? 20 : 0))
    }
}
