import Optimizers
import Surfaces
import Testing
@testable import Plot

/// The loss panel's axis: log where losses are bounded below, linear where they are not.
@Suite struct LossPanelTests {
    static func path(_ losses: [Double], diverged: Int? = nil) -> Trajectory {
        Trajectory(label: "p", optimizer: "sgd", hyperparameters: Hyperparameters(), steps: losses.count - 1,
                   xs: losses.map { _ in 0 }, ys: losses.map { _ in 0 }, losses: losses, divergedAt: diverged)
    }

    @Test func boundedLossesUseALogAxis() {
        let data = LossPanelData(surface: Bowl(), paths: [Self.path([8, 2, 0.5, 0.01, 0])],
                                 window: DataWindow(x: -2...2, y: -2...2))
        #expect(data.logScale)
        #expect(data.yRange.lowerBound > 0)
        // An exact zero sits on the floor, not below the axis.
        #expect(data.series[0].last!.y >= data.yRange.lowerBound)
    }

    @Test func unboundedLossesUseALinearAxisOverTheSurfacesValues() {
        // A saddle path falling to −1e40 must not flatten the axis: the range follows the values
        // the contour shows (−1...1 here), and far-off points are held just outside it.
        let data = LossPanelData(surface: TestSaddle(), paths: [Self.path([1, 0.5, -0.5, -3, -1e40])],
                                 window: DataWindow(x: -1...1, y: -1...1))
        #expect(!data.logScale)
        #expect(data.yRange.lowerBound >= -2 && data.yRange.lowerBound <= -1)
        #expect(data.yRange.upperBound >= 1 && data.yRange.upperBound <= 2)
        let span = data.yRange.upperBound - data.yRange.lowerBound
        #expect(data.series[0].allSatisfy { $0.y >= data.yRange.lowerBound - 10 * span - 1e-9 })
        #expect(data.series[0].count == 5)
    }
}
