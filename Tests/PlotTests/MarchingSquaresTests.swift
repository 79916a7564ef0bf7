import Foundation
import Surfaces
import Testing
@testable import Plot

@Suite struct MarchingSquaresTests {
    /// One cell, f = 0, 1 at the bottom, 1, 2 at the top; the level 0.5 cuts off the corner at (0, 0).
    @Test func singleCell() {
        let g = Grid(xs: [0, 1], ys: [0, 1], values: [0, 1, 1, 2])
        let c = marchingSquares(g, levels: [0.5])
        #expect(c.bands.count == 2 && c.lines.count == 1)
        #expect(c.bands[0].count == 1 && c.bands[1].count == 1)
        #expect(abs(area(c.bands[0]) - 0.125) < 1e-12)
        #expect(abs(area(c.bands[1]) - 0.875) < 1e-12)
        #expect(c.lines[0].count == 1)
        // The line runs from border to border, with higher values on its left.
        let line = c.lines[0][0]
        #expect(line.first == Point(0, 0.5) && line.last == Point(0.5, 0))
    }

    /// Saddle: high corners (0,0) and (1,1), low (1,0) and (0,1); the centre is 0.5.
    static let saddle = Grid(xs: [0, 1], ys: [0, 1], values: [1, 0, 0, 1])

    @Test func saddleWithCentreAboveJoinsTheHighCorners() {
        let c = marchingSquares(Self.saddle, levels: [0.5])  // centre 0.5 ≥ 0.5: above
        #expect(c.bands[1].count == 1, "the high corners form one region")
        #expect(c.bands[0].count == 2, "the low corners stay apart")
        #expect(abs(area(c.bands[0]) + area(c.bands[1]) - 1) < 1e-12)
        #expect(winding(Point(0.5, 0.5), c.bands[1]) != 0)
    }

    @Test func saddleWithCentreBelowJoinsTheLowCorners() {
        let c = marchingSquares(Self.saddle, levels: [0.6])  // centre 0.5 < 0.6: below
        #expect(c.bands[0].count == 1, "the low corners form one region")
        #expect(c.bands[1].count == 2, "the high corners stay apart")
        #expect(abs(area(c.bands[0]) + area(c.bands[1]) - 1) < 1e-12)
        #expect(winding(Point(0.5, 0.5), c.bands[0]) != 0)
    }

    /// f = x is linear, so the interpolated bands are exact: areas 0.25, 0.25, 0.5.
    @Test func linearFunctionGivesExactBandAreas() {
        let g = Grid.sample(x: 0...1, y: 0...2, nx: 7, ny: 5) { x, _ in x }
        let c = marchingSquares(g, levels: [0.25, 0.5])
        let areas = c.bands.map(area)
        for (a, e) in zip(areas, [0.5, 0.5, 1.0]) { #expect(abs(a - e) < 1e-12) }
    }

    /// On a bowl with holes and islands, every ring is closed and non-degenerate, the bands
    /// tile the rectangle, and each band lies where the function is in its range.
    @Test func bandsAreClosedAndTileTheGrid() {
        let g = Grid.sample(x: -2...2, y: -1.5...2.5, nx: 41, ny: 37) { x, y in
            (x * x - 1) * (x * x - 1) + (y - 0.5) * (y - 0.5) + 0.3 * x
        }
        let levels = [0.2, 0.7, 1.5, 3, 6]
        let c = marchingSquares(g, levels: levels)
        #expect(c.bands.count == 6)
        for rings in c.bands { for ring in rings { #expect(ring.count >= 3) } }
        #expect(abs(c.bands.map(area).reduce(0, +) - 16) < 1e-9)
        for rings in c.bands { #expect(area(rings) >= -1e-12) }
        // Sample points inside each band's region have values in that band (away from edges).
        for (j, y) in stride(from: -1.4, through: 2.4, by: 0.37).enumerated() {
            for x in stride(from: -1.9 + 0.01 * Double(j), through: 1.9, by: 0.41) {
                let f = (x * x - 1) * (x * x - 1) + (y - 0.5) * (y - 0.5) + 0.3 * x
                let k = c.bands.firstIndex { winding(Point(x, y), $0) != 0 }
                guard let k else { Issue.record("(\(x), \(y)) is in no band"); continue }
                let lo = k == 0 ? -Double.infinity : levels[k - 1], hi = k == levels.count ? Double.infinity : levels[k]
                #expect(f > lo - 0.05 && f < hi + 0.05, "f(\(x), \(y)) = \(f) in band \(k)")
            }
        }
    }

    @Test func isoLinesLieOnTheirLevelAndCloseAroundTheMinimum() {
        let g = Grid.sample(x: -2...2, y: -2...2, nx: 81, ny: 81) { x, y in x * x + y * y }
        let c = marchingSquares(g, levels: [1])
        #expect(c.lines[0].count == 1)
        let circle = c.lines[0][0]
        #expect(circle.first == circle.last, "a closed loop repeats its first point")
        for p in circle { #expect(abs(p.x * p.x + p.y * p.y - 1) < 0.01) }
        #expect(abs(area(c.bands[0]) - Double.pi) < 0.01)
        #expect(signedArea(Array(circle.dropLast())) < 0, "higher values on the left: clockwise around a minimum")
    }

    @Test func noLevelsGivesTheWholeRectangle() {
        let c = marchingSquares(Grid(xs: [0, 2], ys: [0, 3], values: [1, 2, 3, 4]), levels: [])
        #expect(c.bands.count == 1 && c.lines.isEmpty)
        #expect(abs(area(c.bands[0]) - 6) < 1e-12)
    }

    @Test func valuesExactlyOnALevelStillTile() {
        let g = Grid.sample(x: 0...3, y: 0...3, nx: 4, ny: 4) { x, y in (x + y).rounded() }
        let c = marchingSquares(g, levels: [1, 2, 3])
        #expect(abs(c.bands.map(area).reduce(0, +) - 9) < 1e-12)
    }

    /// Rows shared among several pieces of work give the geometry of one pass, ring for ring and
    /// point for point (so the figure's bytes do not depend on the processor count).
    @Test(arguments: [2, 3, 5])
    func piecesGiveTheGeometryOfOnePass(_ pieces: Int) {
        let g = Grid.sample(x: -2...2, y: -1...3, nx: 57, ny: 61) { x, y in
            let a = 1 - x, b = y - x * x
            return a * a + 100 * b * b + 3 * sin(5 * x)
        }
        let levels = (0..<25).map { 0.5 * pow(1.45, Double($0)) - 3 }
        let one = marchingSquares(g, levels: levels, pieces: 1)
        #expect(one.lines.reduce(0) { $0 + $1.count } > 25)
        #expect(marchingSquares(g, levels: levels, pieces: pieces) == one)
    }

    /// Bands joined from simplified iso-lines share those lines exactly: however coarse the
    /// simplification, the bands still tile the rectangle (each line is walked once each way),
    /// and every band vertex off the border is a vertex of a simplified line.
    @Test func bandsJoinedFromSimplifiedLinesStillTile() {
        let g = Grid.sample(x: -2...2, y: -1...3, nx: 81, ny: 71) { x, y in
            let a = 1 - x, b = y - x * x
            return a * a + 100 * b * b
        }
        let levels = (0..<20).map { 0.05 * pow(1.7, Double($0)) }
        let contour = contourLines(g, levels: levels, pieces: 1)
        for tolerance in [0.01, 0.2] {
            let lines = contourLines(g, levels: levels, pieces: 3) { simplify($0, tolerance: tolerance) }
            #expect(lines.lines.joined().map(\.points.count).reduce(0, +) < contour.lines.joined().map(\.points.count).reduce(0, +))
            let bands = (0...levels.count).map { lines.bandRings($0) }
            #expect(abs(bands.map(area).reduce(0, +) - 16) < 1e-9)
            let vertices = Set(lines.lines.joined().flatMap(\.points).map { "\($0.x),\($0.y)" })
            for ring in bands.joined() {
                for p in ring where p.x > -2 && p.x < 2 && p.y > -1 && p.y < 3 {
                    #expect(vertices.contains("\(p.x),\(p.y)"))
                }
            }
        }
        // Unsimplified, the joined bands are marching squares' own.
        #expect((0...levels.count).map { contour.bandRings($0) } == marchingSquares(g, levels: levels).bands)
    }

    /// Each line carries the names of its ends: distinct for a line from border to border, the
    /// same for a closed loop.
    @Test func linesKnowTheNamesOfTheirEnds() {
        let g = Grid.sample(x: -2...2, y: -2...2, nx: 41, ny: 41) { x, y in x * x + y * y }
        let contour = contourLines(g, levels: [1, 6], pieces: 1)
        let loop = contour.lines[0][0], arcs = contour.lines[1]
        #expect(contour.lines[0].count == 1 && loop.from == loop.to && loop.points.first == loop.points.last)
        #expect(arcs.count == 4 && arcs.allSatisfy { $0.from != $0.to && $0.points.first != $0.points.last })
    }

    @Test func ringsLoseRepeatedAndCollinearPoints() {
        let ring = [Point(0, 0), Point(0, 0), Point(1, 0), Point(2, 0), Point(2, 2), Point(2, 2), Point(0, 2), Point(0, 0)]
        #expect(simplified(ring) == [Point(0, 0), Point(2, 0), Point(2, 2), Point(0, 2)])
        #expect(simplified([Point(1, 1), Point(1, 1), Point(2, 2)]) == [Point(1, 1), Point(2, 2)])
    }
}

