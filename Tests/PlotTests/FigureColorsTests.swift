import Surfaces
import Testing
@testable import Plot

@Suite struct FigureColorsTests {
    @Test func opaqueColoursOnceInDrawingOrder() {
        let red = Color(hex: 0xFF0000), blue = Color(hex: 0x0000FF)
        let figure = Figure(width: 10, height: 10, background: .white, layers: [
            Layer(name: "a", viewport: Rect(x: 0, y: 0, width: 10, height: 10), marks: [
                .fill([[Point(0, 0), Point(1, 0), Point(1, 1)]], red),
                .stroke([Point(0, 0), Point(1, 1)], LineStyle(color: blue.withAlpha(0.5), width: 1)),
                .marker(Point(0, 0), .circle, size: 3, fill: blue, edge: LineStyle(color: red, width: 1)),
                .text("x", at: Point(0, 0), TextStyle(size: 10, color: .ink)),
            ]),
        ])
        #expect(figure.opaqueColors == [.white, red, blue, .ink])
    }

    /// A shaded surface's thousands of fill shades cannot all be exact: the palette keeps the
    /// page, strokes, markers and text, and leaves the fills to the sample; few fills all stay.
    @Test func paletteSeedsKeepTheInkWhenFillsOverflow() {
        let red = Color(hex: 0xFF0000), blue = Color(hex: 0x0000FF)
        func figure(fills: Int) -> Figure {
            let shades: [Mark] = (0..<fills).map { k in
                .fill([[Point(0, 0), Point(1, 0), Point(1, 1)]], Color(hex: UInt32(0x10_00_00 + k)))
            }
            return Figure(width: 10, height: 10, background: .white, layers: [
                Layer(name: "surface", viewport: Rect(x: 0, y: 0, width: 10, height: 10), marks: shades),
                Layer(name: "paths", viewport: Rect(x: 0, y: 0, width: 10, height: 10), marks: [
                    .stroke([Point(0, 0), Point(1, 1)], LineStyle(color: blue, width: 1)),
                    .marker(Point(0, 0), .circle, size: 3, fill: red, edge: nil),
                    .text("x", at: Point(0, 0), TextStyle(size: 10, color: .ink)),
                ]),
            ])
        }
        let few = figure(fills: 5)
        #expect(few.paletteSeeds(limit: 200) == few.opaqueColors)
        let many = figure(fills: 1000)
        #expect(many.paletteSeeds(limit: 200) == [.white, blue, red, .ink])
        #expect(many.paletteSeeds(limit: 2) == [.white, blue])
    }
}
