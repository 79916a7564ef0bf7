import Surfaces
import Testing
@testable import Plot

@Suite struct ClippingTests {
    @Test func segmentsAreCutAtTheFrame() {
        let pieces = clip(polyline: [Point(-1, 0.5), Point(2, 0.5)], x: 0...1, y: 0...1)
        #expect(pieces == [[Point(0, 0.5), Point(1, 0.5)]])
    }

    @Test func leavingAndReturningGivesTwoPieces() {
        let line = [Point(0.5, 0.5), Point(0.5, 2), Point(0.7, 0.5), Point(0.8, 0.6)]
        let pieces = clip(polyline: line, x: 0...1, y: 0...1)
        #expect(pieces.count == 2)
        #expect(pieces[0] == [Point(0.5, 0.5), Point(0.5, 1)])
        #expect(pieces[1].last == Point(0.8, 0.6) && pieces[1].count == 3)
    }

    @Test func farAndNonFinitePointsNeverReachTheCanvas() {
        let line = [Point(0.2, 0.2), Point(1e200, -1e200), Point(.nan, 0), Point(0.4, 0.4), Point(0.5, 0.5)]
        let pieces = clip(polyline: line, x: 0...1, y: 0...1)
        #expect(pieces.count == 2)
        for p in pieces.joined() { #expect(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1) }
        #expect(clip(polyline: [Point(2, 2), Point(3, 3)], x: 0...1, y: 0...1).isEmpty)
    }
}
