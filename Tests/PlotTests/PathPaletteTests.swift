import Optimizers
import Surfaces
import Testing
@testable import Plot

@Suite struct PathPaletteTests {
    @Test func everyRegisteredOptimizerHasItsOwnColour() {
        let names = OptimizerRegistry.names
        #expect(names.allSatisfy { PathPalette.byName[$0] != nil }, "a registry name without a colour")
        let colours = names.map { PathPalette.style(for: $0).color }
        #expect(Set(colours).count == names.count)
    }

    @Test func colourDependsOnTheNameOnly() {
        #expect(PathPalette.style(for: "sgd").color == Color(hex: 0x0072B2))
        #expect(PathPalette.style(for: "sgd", lineWidth: 3) .color == PathPalette.style(for: "sgd").color)
        #expect(PathPalette.style(for: "my-optimizer") == PathPalette.style(for: "my-optimizer"), "a hash, stable")
        #expect(PathPalette.style(for: "sgd", color: 0x123456).color == Color(hex: 0x123456))
    }

    @Test func closestColourPairsDifferInDash() {
        // Pairs within ΔE 26 of each other (see PathPalette's comment) are told apart by dash.
        for (a, b) in [("nadam", "adabelief"), ("amsgrad", "yogi"), ("amsbound", "adabelief"), ("adamax", "adabound"), ("nesterov", "lion")] {
            #expect(PathPalette.style(for: a).dash != PathPalette.style(for: b).dash, "\(a) and \(b)")
        }
    }

    @Test func familiesAreRelatedButDistinct() {
        let base = PathPalette.style(for: "adam", lineWidth: 2)
        for family in ["keras", "optax", "textbook"] {
            let s = PathPalette.style(for: "\(family).adam", lineWidth: 2)
            #expect(s != base && !s.dash.isEmpty, "\(family)")
            // Same hue family: the colour moved towards white or black, not to another hue.
            let hue = { (c: Color) in (c.red - c.green) / max(1e-9, c.red - c.blue) }
            #expect(abs(hue(s.color) - hue(base.color)) < 0.05, "\(family)")
        }
        #expect(PathPalette.style(for: "torch.adam").color == base.color)
    }

    @Test func outlinesContrastWithTheCoreAndWithEachOther() {
        for name in OptimizerRegistry.names {
            let s = PathPalette.style(for: name)
            #expect(abs(s.halo.luminance - s.color.luminance) > 0.25, "\(name)")
            #expect(abs(s.outline.luminance - s.halo.luminance) > 0.5, "\(name)")
        }
    }

    @Test func manyPiecesGoToTheCanvasInBatchesUnderEveryCore() {
        let pieces = (0..<130).map { [Point(Double($0), 0), Point(Double($0), 1)] }
        let marks = PathPalette.style(for: "adam").strokes(pieces: pieces)
        #expect(marks.count == 9, "3 layers × 3 batches")
        // Every outline before every core.
        guard case .strokes(_, let first) = marks[0], case .strokes(_, let last) = marks[8] else { Issue.record("not strokes"); return }
        #expect(first.width > last.width && last.color == PathPalette.style(for: "adam").color)
    }
}
