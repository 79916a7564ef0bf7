import Surfaces
import Testing
@testable import Plot

/// The loss-per-step figure of `trajviz linear`: its axis, floor, markers, reduction, colours and
/// layout, without rendering.
@Suite struct StepLossFigureTests {
    static func decay(_ n: Int, rate: Double) -> [Double] { (0...n).map { 4 * Double.exp(-rate * Double($0)) } }

    static func points(_ figure: Figure, layer: String) -> [[Point]] {
        (figure.layer(layer)?.marks ?? []).compactMap { if case .stroke(let p, _) = $0 { p } else { nil } }
    }

    static func markers(_ figure: Figure) -> [(Point, MarkerShape)] {
        (figure.layer("markers")?.marks ?? []).compactMap { if case .marker(let p, let s, _, _, _) = $0 { (p, s) } else { nil } }
    }

    @Test func oneMarkerPerStepAndTheAxisFitsTheData() throws {
        let curves = [StepLossCurve(label: "sgd lr=0.1", optimizer: "sgd", losses: Self.decay(40, rate: 0.1)),
                      StepLossCurve(label: "adam lr=0.1", optimizer: "adam", losses: Self.decay(40, rate: 0.5))]
        let figure = stepLossFigure(curves: curves, title: "t", subtitle: "s")
        #expect(Self.markers(figure).count == 82)
        let window = try #require(figure.layer("panel")?.window)
        #expect(window.yLog)
        // Fitted within half a decade of the lowest loss (4e^-20 ≈ 8.2e-9) and the highest (4), not to decades.
        #expect(window.y.lowerBound < 4 * Double.exp(-20) && window.y.lowerBound > 4 * Double.exp(-20) / 3.16)
        #expect(window.y.upperBound > 4 && window.y.upperBound < 4 * 3.16)
        #expect(window.x.lowerBound == 0 && window.x.upperBound >= 40)
        #expect(figure.layer("loss-floor") == nil, "no loss reached 0")
        #expect(figure.texts.contains("loss") && figure.texts.contains("step") && figure.texts.contains("t"))
        #expect(figure.texts.contains("sgd lr=0.1") && figure.texts.contains("adam lr=0.1"))
        for name in ["panel", "legend", "title"] { #expect(figure.regions[name] != nil, "region \(name)") }
    }

    @Test func anExactFitIsDrawnOnTheMarkedFloor() throws {
        var losses = Self.decay(40, rate: 0.5)
        for k in 30...40 { losses[k] = 0 }
        let figure = stepLossFigure(curves: [StepLossCurve(label: "rmsprop", optimizer: "rmsprop", losses: losses)], title: "t")
        let floor = try #require(figure.layer("loss-floor"))
        #expect(floor.marks.contains { if case .text("loss 0 reached", _, _) = $0 { true } else { false } })
        let window = try #require(figure.layer("panel")?.window)
        let line = try #require(Self.points(figure, layer: "panel").last)
        // Steps 30...40 lie on one height, inside the panel and below the lowest positive loss.
        let floorY = line[30].y
        #expect(line[30...].allSatisfy { $0.y == floorY })
        #expect(floorY > window.y.lowerBound && floorY < losses[29])
    }

    @Test func aDivergedRunEndsInACross() {
        let curves = [StepLossCurve(label: "sgd", optimizer: "sgd", losses: Self.decay(40, rate: 0.1)),
                      StepLossCurve(label: "momentum", optimizer: "momentum", losses: Self.decay(10, rate: -0.3), divergedAt: 10)]
        let crosses = Self.markers(stepLossFigure(curves: curves, title: "t")).filter { $0.1 == .cross }
        #expect(crosses.count == 1 && crosses[0].0.x == 10)
    }

    @Test func longCurvesAreReducedToThePixelsWithoutMarkers() {
        let n = 1_000_000
        let losses = (0...n).map { 1 + Double($0 % 97) / 97 }
        let figure = stepLossFigure(curves: [StepLossCurve(label: "sgd", optimizer: "sgd", losses: losses)], title: "t", width: 600, height: 400)
        let line = Self.points(figure, layer: "panel").flatMap { $0 }
        // At most 4 points (first, lowest, highest, last) per column, columns a power of two steps wide.
        #expect(line.count < 8 * 600, "\(line.count) points")
        #expect(Self.markers(figure).isEmpty)
        // The extremes survive the reduction.
        #expect(line.map(\.y).max() == losses.max() && line.map(\.y).min() == 1)
    }

    @Test func colourFollowsTheOptimizerNameNotTheOrder() {
        // The core is the curve's last stroke (a light colour's outline goes under it).
        func colour(_ figure: Figure) -> Color? {
            (figure.layer("panel")?.marks ?? []).compactMap { if case .stroke(_, let style) = $0 { style.color } else { nil } }.last
        }
        let alone = stepLossFigure(curves: [StepLossCurve(label: "adam", optimizer: "adam", losses: Self.decay(5, rate: 1))], title: "t")
        #expect(colour(alone) == PathPalette.style(for: "adam").color)
        let recoloured = stepLossFigure(curves: [StepLossCurve(label: "adam", optimizer: "adam", losses: Self.decay(5, rate: 1), color: 0x112233)],
                                        title: "t")
        #expect(colour(recoloured) == Color(hex: 0x112233))
    }
}
