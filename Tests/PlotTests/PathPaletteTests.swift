import Testing
@testable import Plot

@Suite struct PathPaletteTests {
    @Test func eighteenDistinctColoursStartingWithOkabeIto() {
        let styles = (0..<18).map { PathPalette.style($0) }
        #expect(Set(styles.map(\.color)).count == 18)
        #expect(styles.allSatisfy { $0.dash.isEmpty })
        let okabeIto: Set<Color> = Set([0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000].map { Color(hex: $0) })
        #expect(Set(styles.prefix(8).map(\.color)) == okabeIto)
    }

    @Test func coloursRepeatWithDashesAfterEighteen() {
        let first = PathPalette.style(0, lineWidth: 2), again = PathPalette.style(18, lineWidth: 2)
        #expect(again.color == first.color && !again.dash.isEmpty && again.dash != first.dash)
        #expect(PathPalette.style(36).dash != again.dash)
    }

    @Test func haloContrastsWithTheLine() {
        for n in 0..<18 {
            let s = PathPalette.style(n)
            #expect(abs(s.halo.luminance - s.color.luminance) > 0.25, "path \(n)")
        }
    }
}
