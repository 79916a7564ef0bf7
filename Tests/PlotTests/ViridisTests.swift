import Testing
@testable import Plot

@Suite struct ViridisTests {
    @Test func endpointsAreMatplotlibs() {
        #expect(Viridis.table.count == 256)
        #expect(Viridis.color(at: 0) == Color(red: 0.267004, green: 0.004874, blue: 0.329415))
        #expect(Viridis.color(at: 1) == Color(red: 0.993248, green: 0.906157, blue: 0.143936))
        #expect(Viridis.color(at: 0.5) == Color(red: 0.127568, green: 0.566949, blue: 0.550556))  // entry 128
        #expect(Viridis.color(at: -1) == Viridis.color(at: 0) && Viridis.color(at: .nan) == Viridis.color(at: 0))
    }

    @Test func lightnessIncreases() {
        let l = stride(from: 0.0, through: 1, by: 0.125).map { Viridis.color(at: $0).luminance }
        #expect(zip(l, l.dropFirst()).allSatisfy { $0 < $1 })
    }
}
