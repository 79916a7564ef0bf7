import Foundation
import Surfaces
import Testing
@testable import Plot

@Suite struct SimplifyTests {
    @Test func dropsPointsWithinTheToleranceAndKeepsTheEnds() {
        let line = [Point(0, 0), Point(1, 0.001), Point(2, -0.002), Point(3, 0)]
        #expect(simplify(line, tolerance: 0.01) == [Point(0, 0), Point(3, 0)])
        #expect(simplify(line, tolerance: 0.0015) == line)
    }

    /// A spike that runs back along the chord lies on its line but far from its segment: an
    /// overshoot of a loss curve that a distance-to-the-line test would erase.
    @Test func keepsAPointThatRunsPastTheChordsEnd() {
        let overshoot = [Point(0, 0), Point(5, 0), Point(1, 0)]
        #expect(simplify(overshoot, tolerance: 0.25) == overshoot)
        let before = [Point(0, 0), Point(-3, 0), Point(1, 0)]
        #expect(simplify(before, tolerance: 0.25) == before)
        // Beyond the end by less than the tolerance: dropped.
        #expect(simplify([Point(0, 0), Point(1.2, 0), Point(1, 0)], tolerance: 0.25) == [Point(0, 0), Point(1, 0)])
    }

    @Test func aZeroLengthChordMeasuresFromItsPoint() {
        let loop = [Point(0, 0), Point(0.1, 0.1), Point(2, 0), Point(0, 0)]
        #expect(simplify(loop, tolerance: 0.5) == [Point(0, 0), Point(2, 0), Point(0, 0)])
    }

    @Test func toleranceIsMeasuredAfterScaling() {
        // 0.01 in y is 1 unit once y is scaled by 100.
        let line = [Point(0, 0), Point(1, 0.01), Point(2, 0)]
        #expect(simplify(line, tolerance: 0.5, sx: 1, sy: 100) == line)
        #expect(simplify(line, tolerance: 0.5, sx: 1, sy: 10) == [Point(0, 0), Point(2, 0)])
    }

    /// Every dropped point lies within the tolerance of the kept polyline (the guarantee the
    /// renderer relies on), on a noisy curve of many points.
    @Test func everyDroppedPointStaysWithinTheTolerance() {
        var seed: UInt64 = 7
        func noise() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) - 0.5 }
        let line = (0..<2000).map { k in Point(Double(k) * 0.1, 3 * sin(Double(k) * 0.01) + 0.1 * noise()) }
        let kept = simplifiedIndices(line, tolerance: 0.25)
        #expect(kept.first == 0 && kept.last == line.count - 1 && kept.count < line.count / 4)
        for (a, b) in zip(kept, kept.dropFirst()) {
            for k in a..<b { #expect(distance(line[k], toSegment: line[a], line[b]) <= 0.25 + 1e-12) }
        }
    }

    func distance(_ p: Point, toSegment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy
        let t = l2 == 0 ? 0 : Swift.min(1, Swift.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2))
        let qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y
        return (qx * qx + qy * qy).squareRoot()
    }
}
