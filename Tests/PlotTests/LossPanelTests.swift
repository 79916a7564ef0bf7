import Optimizers
import Surfaces
import Testing
@testable import Plot

/// The loss panel's axis: fitted to the data, log where losses are bounded below, a marked floor
/// for losses that reached the minimum, linear where they are not bounded.
@Suite struct LossPanelTests {
    static func curve(_ values: [Double]) -> ReducedCurve { ReducedCurve(steps: Array(values.indices), values: values) }

    @Test func logRangeIsFittedToTheDataNotRoundedToDecades() {
        let model = LossAxisModel(surface: Bowl(), curves: [Self.curve([8, 2, 0.5, 0.03])], requested: nil, shownRange: nil)
        #expect(model.log && model.floor == nil)
        // Within a quarter decade of the data at both ends, not 0.01...10.
        #expect(model.range.lowerBound > 0.03 / 1.8 && model.range.lowerBound < 0.03)
        #expect(model.range.upperBound > 8 && model.range.upperBound < 8 * 1.8)
    }

    @Test func oneDipDoesNotSqueezeTheOtherCurves() {
        // 500 steps near 1, one step at 1e-12 (lion's dip): the axis follows the 1 % quantile.
        var values = (0..<500).map { 1 + Double($0 % 7) / 10 }
        values[250] = 1e-12
        let model = LossAxisModel(surface: Bowl(), curves: [Self.curve(values)], requested: nil, shownRange: nil)
        #expect(model.range.lowerBound > 0.5, "\(model.range)")
        #expect(model.y(1e-12)! < model.range.lowerBound, "the dip leaves through the bottom")
    }

    @Test func lastValueIsAlwaysShown() {
        var values = (0..<500).map { 10 * Double.pow(0.9, Double($0) / 10) }
        values[499] = 1e-9
        let model = LossAxisModel(surface: Bowl(), curves: [Self.curve(values)], requested: nil, shownRange: nil)
        #expect(model.range.lowerBound < 1e-9)
    }

    @Test func reachingTheMinimumIsDrawnOnAMarkedFloor() {
        let model = LossAxisModel(surface: Bowl(), curves: [Self.curve([8, 2, 1e-3, 0, 0])], requested: nil, shownRange: nil)
        let floor = try! #require(model.floor)
        #expect(model.y(0) == floor)
        #expect(floor > model.range.lowerBound && floor < 1e-3)
        // A negative minimum: values within rounding of f* count as reached too.
        let s = SunkenBowl()
        let sunk = LossAxisModel(surface: s, curves: [Self.curve([1, -2.9, -3 + 2e-16, -3 - 4e-16])], requested: .log, shownRange: nil)
        #expect(sunk.floor != nil && sunk.y(-3 + 2e-16) == sunk.floor && sunk.y(-3 - 4e-16) == sunk.floor)
        #expect(sunk.title == "f(x, y) − f*")
    }

    @Test func equalLossesDoNotCrashAndGetARange() {
        for values in [[0.0, 0, 0], [5.0, 5, 5], [-2.0, -2]] {
            for scale in [nil, SurfacePlotOptions.LossScale.log, .linear] {
                let model = LossAxisModel(surface: TestSaddle(), curves: [Self.curve(values)], requested: scale, shownRange: (0, 0))
                #expect(model.range.lowerBound < model.range.upperBound && model.range.upperBound.isFinite)
                _ = AxisSpec.make(model.range, log: model.log, title: "f")
            }
        }
    }

    @Test func unboundedLossesUseALinearAxisOverTheSurfacesValues() {
        // A saddle path falling to −1e40 must not flatten the axis: the range stops a quarter of
        // the shown range beyond it, and far-off points are held just outside.
        let model = LossAxisModel(surface: TestSaddle(), curves: [Self.curve([1, 0.5, -0.5, -3, -1e40])], requested: nil,
                                  shownRange: (-1, 1))
        #expect(!model.log)
        #expect(model.range.lowerBound >= -1.7 && model.range.lowerBound <= -1.4)
        #expect(model.range.upperBound >= 1 && model.range.upperBound <= 1.3)
        #expect(model.y(-1e40)! >= model.range.lowerBound - 10 * (model.range.upperBound - model.range.lowerBound) - 1e-9)
    }

    @Test func learningRateAxisIsLogOnlyOverWideRanges() {
        #expect(!RateAxisModel(curves: [Self.curve([0.1, 0.05, 0.01])]).log)
        #expect(RateAxisModel(curves: [Self.curve([0.1, 1e-4])]).log)
        #expect(RateAxisModel(curves: [Self.curve([0.1, 0.1])]).range.lowerBound == 0)
        // Cosine annealing reaches 0: a log axis still, with 0 on the bottom edge.
        let cosine = RateAxisModel(curves: [Self.curve([0.05, 0.01, 0, 0.01]), Self.curve([1e-3, 1e-4])])
        #expect(cosine.log && cosine.y(0) == cosine.range.lowerBound)
    }
}
