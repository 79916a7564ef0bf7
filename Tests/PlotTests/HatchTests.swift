import Surfaces
import Testing
@testable import Plot

@Suite struct HatchTests {
    @Test func diagonalLinesFillTheRegionAndStayInside() {
        let square = [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)]]
        let lines = hatchLines(rings: square, spacing: 2)
        #expect(lines.count >= 6)
        for line in lines {
            #expect(line.count == 2)
            for p in line { #expect(p.x >= -1e-9 && p.x <= 10 + 1e-9 && p.y >= -1e-9 && p.y <= 10 + 1e-9) }
            #expect(abs((line[1].x - line[0].x) - (line[1].y - line[0].y)) < 1e-9, "slope 1")
        }
        // A hole (even-odd) is left empty.
        let ring = square + [[Point(3, 3), Point(7, 3), Point(7, 7), Point(3, 7)]]
        for line in hatchLines(rings: ring, spacing: 2) {
            let mid = Point((line[0].x + line[1].x) / 2, (line[0].y + line[1].y) / 2)
            #expect(!(mid.x > 3.01 && mid.x < 6.99 && mid.y > 3.01 && mid.y < 6.99))
        }
    }
}
