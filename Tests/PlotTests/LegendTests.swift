import Optimizers
import Surfaces
import Testing
@testable import Plot

@Suite struct LegendTests {
    func path(_ optimizer: String, _ values: Hyperparameters, divergedAt: Int? = nil) -> Trajectory {
        Trajectory(label: optimizer, optimizer: optimizer, hyperparameters: values, steps: 10,
                   xs: [0], ys: [0], losses: [0], divergedAt: divergedAt)
    }

    @Test func registeredOptimizerShowsLrAndWhatDiffersFromItsDefaults() throws {
        let adam = try #require(OptimizerRegistry.named("adam"))
        var values = adam.defaults
        values["lr"] = .number(0.05)
        #expect(legendLabel(for: path("adam", values)) == "adam lr=0.05")
        values["amsgrad"] = .flag(true)
        #expect(legendLabel(for: path("adam", values, divergedAt: 17)) == "adam lr=0.05 amsgrad=true (diverged at step 17)")
        #expect(legendLabel(for: path("adam", adam.defaults)) == "adam lr=0.001", "lr is shown even at its default")
    }

    @Test func scheduleAndLabelKeys() throws {
        let adam = try #require(OptimizerRegistry.named("adam"))
        var values = adam.defaults
        values["lr"] = .number(0.05)
        var p = path("adam", values)
        p.schedule = "cosine:T_max=300"
        #expect(legendLabel(for: p) == "adam lr=0.05 @ cosine:T_max=300")
        p.appearance.label = "Adam (cosine)"
        p.divergedAt = 4
        #expect(legendLabel(for: p) == "Adam (cosine) (diverged at step 4)")
    }

    @Test func unknownOptimizerShowsEveryValue() {
        let values = Hyperparameters([("lr", .number(0.1)), ("beta", .number(0.5))])
        #expect(legendLabel(for: path("custom", values)) == "custom lr=0.1 beta=0.5")
    }

    @Test func layoutFitsTheWidthInColumns() {
        let m = Metrics(width: 1200, height: 900)
        let entries = (0..<10).map { _ in LegendEntry(sample: .path(PathPalette.style(for: "adam", lineWidth: 2)), label: "adam lr=0.05") }
        let legend = LegendLayout(entries: entries, width: 1100, m: m)
        #expect(legend.width <= 1100)
        #expect(legend.columns * legend.rows >= 10 && legend.columns > 1)
        #expect(legend.layer(origin: Point(0, 0)).marks.count == 10 * 5, "three strokes, a marker and the text each")
    }
}
