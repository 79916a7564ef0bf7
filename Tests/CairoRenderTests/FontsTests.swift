import CCairo
import Plot
import Testing
@testable import CairoRender

/// DejaVu Sans opened from its files draws the glyphs fontconfig's lookup draws.
@Suite struct FontsTests {
    static func pixels(_ figure: Figure, fontFiles: Bool) throws -> [UInt8] {
        let surface = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(figure.width), Int32(figure.height)), "image")
        try draw(figure, on: surface, scale: 1, fontFiles: fontFiles)
        cairo_surface_flush(surface.pointer)
        let count = Int(cairo_image_surface_get_stride(surface.pointer)) * figure.height
        return Array(UnsafeBufferPointer(start: cairo_image_surface_get_data(surface.pointer), count: count))
    }

    @Test(.enabled(if: FontFace.regular != nil && FontFace.bold != nil, "DejaVu Sans is not at a known path"))
    func fontFilesDrawWhatFontconfigFinds() throws {
        // Text at several sizes, bold and regular, rotated (the colorbar's title), in three figures.
        for figure in [figure(.both), figure(.contour), trainingFigure(curves: trainingCurves, title: "MNIST check", width: 450, height: 300)] {
            let files = try Self.pixels(figure, fontFiles: true), fontconfig = try Self.pixels(figure, fontFiles: false)
            #expect(files.contains { $0 != 255 })
            #expect(files == fontconfig, "\(zip(files, fontconfig).filter { $0 != $1 }.count) bytes differ")
        }
    }

    @Test func missingFontFilesGiveNoFace() {
        #expect(FontFace.open(["no-such-font-\(#line).ttf"]) == nil)
    }
}
