import Surfaces
import Testing
@testable import Plot

/// overlayChange finds where two overlays can draw differently: nothing for equal overlays, the
/// new end of a grown polyline (not the whole line), both places of a moved marker, the whole
/// page when the layers themselves differ.
@Suite struct OverlayChangeTests {
    static let page = Rect(x: 0, y: 0, width: 400, height: 300)
    static let window = DataWindow(x: 0...4, y: 0...3)
    static let style = LineStyle(color: .ink, width: 4)

    /// A data layer (100 px per unit, y up) with a polyline through `points` and a marker.
    static func layers(_ points: [Point], marker: Point = Point(1, 1), counter: String = "step 1") -> [Layer] {
        [Layer(name: "paths", group: .overlay, viewport: page, window: window, clips: true, marks: [.stroke(points, style)]),
         Layer(name: "path-markers", group: .overlay, viewport: page, window: window,
               marks: [.marker(marker, .circle, size: 10, fill: .white, edge: LineStyle(color: .ink, width: 1))]),
         Layer(name: "step-counter", group: .overlay, viewport: page, marks: [.text(counter, at: Point(390, 5), TextStyle(size: 12))])]
    }

    static func contains(_ boxes: [PixelBox], _ x: Double, _ y: Double) -> Bool {
        boxes.contains { Double($0.x0) <= x && x < Double($0.x1) && Double($0.y0) <= y && y < Double($0.y1) }
    }

    @Test func equalOverlaysChangeNothing() {
        let a = Self.layers([Point(0.5, 0.5), Point(1, 1), Point(2, 1)])
        #expect(overlayChange(from: a, to: a, width: 400, height: 300) == [])
    }

    @Test func aGrownPolylineChangesOnlyAroundItsNewEnd() throws {
        let a = Self.layers([Point(0.5, 0.5), Point(1, 1), Point(2, 1)])
        let b = Self.layers([Point(0.5, 0.5), Point(1, 1), Point(2, 1), Point(2.5, 1.5)])
        let boxes = try #require(overlayChange(from: a, to: b, width: 400, height: 300))
        // The new segment (200, 200) → (250, 150) in pixels, widened by half the width and 2 px.
        #expect(boxes == [PixelBox(x0: 196, y0: 146, x1: 254, y1: 204)])
        // The old segments far from the end are not redrawn.
        #expect(!Self.contains(boxes, 75, 250) && !Self.contains(boxes, 150, 200))
    }

    @Test func aMovedMarkerChangesBothPlaces() throws {
        let a = Self.layers([Point(0.5, 0.5), Point(1, 1)], marker: Point(1, 1))
        let b = Self.layers([Point(0.5, 0.5), Point(1, 1)], marker: Point(3, 2))
        let boxes = try #require(overlayChange(from: a, to: b, width: 400, height: 300))
        #expect(Self.contains(boxes, 100, 200) && Self.contains(boxes, 300, 100))
        // Around the markers only: the middle of the page stays.
        #expect(!Self.contains(boxes, 200, 150))
    }

    @Test func aNewTextChangesWhereItIs() throws {
        let a = Self.layers([Point(0.5, 0.5), Point(1, 1)], counter: "step 1 / 9")
        let b = Self.layers([Point(0.5, 0.5), Point(1, 1)], counter: "step 2 / 9")
        let boxes = try #require(overlayChange(from: a, to: b, width: 400, height: 300))
        #expect(boxes.count == 1 && Self.contains(boxes, 380, 10))
        #expect(!Self.contains(boxes, 100, 200))
    }

    @Test func differentLayersMeanTheWholePage() {
        let a = Self.layers([Point(0.5, 0.5), Point(1, 1)])
        #expect(overlayChange(from: a, to: Array(a.dropLast()), width: 400, height: 300) == nil)
        var b = a
        b[0].viewport = Rect(x: 10, y: 0, width: 390, height: 300)
        #expect(overlayChange(from: a, to: b, width: 400, height: 300) == nil)
    }

    @Test func boxesStayOnThePageAndMergeWhenTheyOverlap() {
        let merged = mergeBoxes([PixelBox(x0: 0, y0: 0, x1: 10, y1: 10), PixelBox(x0: 5, y0: 5, x1: 15, y1: 15),
                                 PixelBox(x0: 100, y0: 100, x1: 110, y1: 110)])
        #expect(merged == [PixelBox(x0: 0, y0: 0, x1: 15, y1: 15), PixelBox(x0: 100, y0: 100, x1: 110, y1: 110)])
        // A polyline reaching past the page is cut at its edges.
        let a = Self.layers([Point(0.5, 0.5), Point(1, 1)])
        let b = Self.layers([Point(0.5, 0.5), Point(1, 1), Point(5, 4)])
        let boxes = overlayChange(from: a, to: b, width: 400, height: 300) ?? []
        #expect(!boxes.isEmpty && boxes.allSatisfy { $0.x0 >= 0 && $0.y0 >= 0 && $0.x1 <= 400 && $0.y1 <= 300 })
    }
}
