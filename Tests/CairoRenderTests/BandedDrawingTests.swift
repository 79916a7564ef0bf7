import CCairo
import Plot
import Surfaces
import Testing
@testable import CairoRender

/// PNG figures are drawn in horizontal bands on several threads: the pixels are those of one
/// drawing of the whole image (to Cairo's rounding at a band's edge), and the bands are cut where
/// the drawing work, not the height, is halved.
@Suite struct BandedDrawingTests {
    /// A figure whose lines crowd its top: a dense zigzag in the top fifth, a few strokes, fills
    /// and texts across the middle (where a band edge falls).
    static func crowdedTop(width: Int = 320, height: Int = 240) -> Figure {
        let zigzag = (0..<4000).map { i in Point(Double(i % 40) * 8, 4 + Double(i) * 0.011) }
        let marks: [Mark] = [
            .fill([[Point(20, 60), Point(300, 90), Point(260, 200), Point(30, 180)]], Color(red: 0.2, green: 0.5, blue: 0.8, alpha: 0.6)),
            .stroke(zigzag, LineStyle(color: .black, width: 1.5)),
            .strokes([[Point(0, 0), Point(319, 239)], [Point(319, 0), Point(0, 239)]], LineStyle(color: Color(hex: 0xD62728), width: 2.5)),
            .marker(Point(160, 120), .circle, size: 9, fill: .white, edge: LineStyle(color: .black, width: 1)),
            .text("trajviz: bands", at: Point(160, 121), TextStyle(size: 15, alignment: TextAlignment(.center, .middle))),
            .text("bottom", at: Point(10, 230), TextStyle(size: 11)),
        ]
        return Figure(width: width, height: height, layers: [Layer(name: "plot", viewport: Rect(x: 0, y: 0, width: Double(width), height: Double(height)), marks: marks)])
    }

    /// ARGB words of a surface, row by row.
    static func pixels(_ surface: CairoSurface) -> [UInt32] {
        let p = surface.pointer
        cairo_surface_flush(p)
        let width = Int(cairo_image_surface_get_width(p)), height = Int(cairo_image_surface_get_height(p))
        let stride = Int(cairo_image_surface_get_stride(p)), data = cairo_image_surface_get_data(p)!
        return (0..<height).flatMap { y in
            (0..<width).map { x in UnsafeRawPointer(data + y * stride).load(fromByteOffset: 4 * x, as: UInt32.self) }
        }
    }

    static func image(_ figure: Figure) throws -> CairoSurface {
        try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(figure.width), Int32(figure.height)), "image")
    }

    @Test func bandsGiveTheWholeImagesPixels() throws {
        let figure = Self.crowdedTop()
        let whole = try Self.image(figure), banded = try Self.image(figure)
        try draw(figure, on: whole, scale: 1)
        try drawInBands(figure, on: banded)
        let a = Self.pixels(whole), b = Self.pixels(banded)
        #expect(a.count == 320 * 240 && b.count == a.count)
        // Channel by channel at most one level apart, and on a handful of pixels only.
        var differing = 0
        for (p, q) in zip(a, b) where p != q {
            differing += 1
            for shift in stride(from: 0, to: 32, by: 8) {
                let u = Int((p >> UInt32(shift)) & 0xFF), v = Int((q >> UInt32(shift)) & 0xFF)
                #expect(abs(u - v) <= 1, "channel at bit \(shift): \(u) vs \(v)")
            }
        }
        #expect(differing <= a.count / 500, "\(differing) pixels differ")
        // Something was drawn in both bands (not a blank or half-blank image).
        let edges = bandEdges(figure, bands: imageBands)
        let rowsDrawn = (0..<240).filter { y in (0..<320).contains { a[y * 320 + $0] != 0xFFFF_FFFF } }
        #expect(rowsDrawn.contains { $0 < edges[1] } && rowsDrawn.contains { $0 >= edges[1] })
    }

    /// The zigzag puts most of the edge-rows in the top fifth: the first band ends above the
    /// middle; an empty figure is cut in the middle; edges always rise from 0 to the height.
    @Test func bandsAreCutWhereTheWorkHalves() {
        let crowded = bandEdges(Self.crowdedTop(), bands: 2)
        #expect(crowded.count == 3 && crowded[0] == 0 && crowded[2] == 240)
        #expect(crowded[1] < 100, "\(crowded)")
        let empty = bandEdges(Figure(width: 320, height: 240), bands: 2)
        #expect(empty == [0, 120, 240])
        let many = bandEdges(Self.crowdedTop(width: 50, height: 7), bands: 3)
        #expect(many.first == 0 && many.last == 7 && zip(many, many.dropFirst()).allSatisfy { $0 < $1 }, "\(many)")
    }

    /// The same figure gives the same PNG bytes, drawn again in bands.
    @Test func bandedPNGsAreDeterministic() throws {
        let figure = Self.crowdedTop(width: 640, height: 480)
        let first = try render(figure, format: .png)
        #expect(try render(figure, format: .png) == first)
        let decoded = try decodePNG(first)
        #expect(decoded.width == 640 && decoded.height == 480)
    }
    /// Each band is encoded by the thread that drew it: the PNG holds exactly the pixels drawn
    /// in bands, as RGB (colour type 2) when every pixel is opaque.
    @Test func bandsAreEncodedWhereTheyAreDrawn() throws {
        let figure = Self.crowdedTop(width: 640, height: 480)
        let banded = try Self.image(figure)
        try drawInBands(figure, on: banded)
        let png = try drawPNG(figure, on: try Self.image(figure))
        #expect(png[25] == 2, "colour type RGB")
        let decoded = try decodePNG(png)
        let expected = Self.pixels(banded).flatMap { v in [UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF), 255] }
        #expect(decoded.pixels == expected)
    }

    /// A page with transparent pixels is encoded whole, with alpha, as before.
    @Test func transparentPagesAreEncodedWholeWithAlpha() throws {
        var figure = Self.crowdedTop(width: 640, height: 480)
        figure.background = Color(hex: 0xFFFFFF, alpha: 0)
        let png = try drawPNG(figure, on: try Self.image(figure))
        #expect(png[25] == 6, "colour type RGBA")
        let banded = try Self.image(figure)
        try drawInBands(figure, on: banded)
        let whole = try encodePNG(surface: banded)
        #expect(png == whole)
        #expect(try decodePNG(png).pixels.enumerated().contains { $0.offset % 4 == 3 && $0.element == 0 })
    }
}

