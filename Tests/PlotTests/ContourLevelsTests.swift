import Surfaces
import Testing
@testable import Plot

@Suite struct ContourLevelsTests {
    @Test func logLevelsAreGeometricFromJustAboveTheMinimum() {
        let l = ContourLevels.choose(count: 12, scale: .log, gridRange: (0, 1000), minimumValue: 0)
        #expect(l.offset == 0 && l.count == 12)
        #expect(l.bounds[0] > 0 && l.bounds[0] <= 1000 * 1e-6 * 1.0000001)
        #expect(l.bounds[12] == 1000)
        let ratios = zip(l.bounds, l.bounds.dropFirst()).map { $1 / $0 }
        for r in ratios { #expect(abs(r - ratios[0]) < 1e-9 * ratios[0]) }
        #expect(l.thresholds.count == 11)
    }

    @Test func linearLevelsAreEvenFromTheMinimum() {
        let l = ContourLevels.choose(count: 4, scale: .linear, gridRange: (2, 10), minimumValue: 1)
        #expect(l.bounds == [1, 3.25, 5.5, 7.75, 10])
    }

    @Test func linearLevelsWithoutMinimumShowFItself() {
        // A saddle lists no minimum: linear levels need no shift, so the colorbar reads f.
        let levels = ContourLevels.choose(count: 4, scale: .linear, gridRange: (-2, 2), minimumValue: nil)
        #expect(levels.offset == 0)
        #expect(levels.bounds == [-2, -1, 0, 1, 2])
        // Log levels must still shift negative values up.
        #expect(ContourLevels.choose(count: 4, scale: .log, gridRange: (-2, 2), minimumValue: nil).offset == -2)
    }

    @Test func negativeMinimumIsShiftedToZero() {
        let l = ContourLevels.choose(count: 5, scale: .linear, gridRange: (-3, 5), minimumValue: -3)
        #expect(l.offset == -3)
        #expect(l.bounds.first == 0 && l.bounds.last == 8)
        let log = ContourLevels.choose(count: 5, scale: .log, gridRange: (-3, 5), minimumValue: -3)
        #expect(log.offset == -3 && log.bounds.allSatisfy { $0 > 0 })
    }

    @Test func withoutListedMinimaTheGridMinimumIsUsed() {
        // Log levels need positive values: the grid's minimum is the shift.
        let l = ContourLevels.choose(count: 2, scale: .log, gridRange: (-4, 4), minimumValue: nil)
        #expect(l.offset == -4 && l.bounds.first! > 0 && l.bounds.last! == 8)
    }

    /// The region around the minimum belongs to the lowest band: filled, never a white hole.
    @Test func lowestBandCoversTheMinimum() {
        let s = Bowl()
        let g = Grid.sample(s, x: -2...2, y: -2...2, nx: 60, ny: 60)  // the origin is not a grid point
        let l = ContourLevels.choose(count: 20, scale: .log, gridRange: g.range, minimumValue: s.minimumValue)
        let c = marchingSquares(g, levels: l.thresholds.map { $0 + l.offset })
        #expect(winding(Point(0, 0), c.bands[0]) != 0)
        #expect(area(c.bands[0]) > 0)
        let covered = c.bands.map(area).reduce(0, +)
        #expect(abs(covered - 16) < 1e-9)
        #expect(l.color(ofBand: 0) == Viridis.color(at: 0) && l.color(ofBand: 19) == Viridis.color(at: 1))
    }
}
