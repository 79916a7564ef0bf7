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
}
