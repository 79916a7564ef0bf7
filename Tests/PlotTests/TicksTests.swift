import Testing
@testable import Plot

@Suite struct TicksTests {
    @Test func linearTicksUseOneTwoFiveSteps() {
        #expect(Ticks.linear(-2, 2) == [-2, -1, 0, 1, 2])
        #expect(Ticks.linearStep(0, 0.37) == 0.1)
        #expect(Ticks.linearStep(0, 0.37, target: 8) == 0.05)
        #expect(Ticks.linear(0, 10, target: 5) == [0, 2, 4, 6, 8, 10])
        #expect(Ticks.linearStep(0, 500, target: 5) == 100)
        #expect(Ticks.linear(0.3, 0.9, target: 3) == [0.4, 0.6, 0.8])
    }

    @Test func labelsHaveTheDigitsTheStepNeeds() {
        #expect(Ticks.label(-0.5, step: 0.5) == "−0.5")
        #expect(Ticks.label(2, step: 1) == "2")
        #expect(Ticks.label(0.1 + 0.2, step: 0.1) == "0.3")
        #expect(Ticks.label(-0.0, step: 1) == "0")
        #expect(Ticks.label(1500, step: 500) == "1500")
        #expect(Ticks.label(2e7, step: 1e7) == "2×10⁷")
    }

    @Test func logTicksAreDecades() {
        let t = Ticks.log(1e-3, 1e3)
        #expect(t.count == 7)
        for (a, e) in zip(t, [1e-3, 1e-2, 0.1, 1, 10, 100, 1000]) { #expect(abs(a / e - 1) < 1e-12) }
        #expect(Ticks.log(1e-12, 1e4).count <= 9, "many decades are thinned")
        #expect(Ticks.log(2, 30) == [2, 5, 10, 20], "under two decades 2 and 5 fill in")
        #expect(Ticks.logLabel(1e-3) == "10⁻³")
        #expect(Ticks.logLabel(100) == "100")
        #expect(Ticks.logLabel(1e5) == "10⁵")
        #expect(Ticks.logLabel(0.1) == "0.1")
    }

    @Test func oneFormatPerAxis() {
        #expect(Ticks.logLabels([1e-4, 1e-2, 1, 100]) == ["10⁻⁴", "10⁻²", "10⁰", "10²"])
        #expect(Ticks.logLabels([0.01, 0.1, 1, 10]) == ["0.01", "0.1", "1", "10"])
        #expect(Ticks.labels([0, 2e-5, 4e-5], step: 2e-5) == ["0", "2×10⁻⁵", "4×10⁻⁵"])
        #expect(Ticks.labels([0, 500_000, 1_000_000], step: 500_000) == ["0", "5×10⁵", "10⁶"])
        #expect(Ticks.labels([0, 0.5, 1], step: 0.5) == ["0.0", "0.5", "1.0"])
    }

    @Test func tinyAndHugeRangesGiveFiniteTicks() {
        for (lo, hi) in [(0.0, 1e-320), (1e-300, 2e-300), (-1e300, 1e300), (5e-324, 1e-323)] {
            let ticks = Ticks.linear(lo, hi)
            let labels = Ticks.labels(ticks, step: Ticks.linearStep(lo, hi))
            #expect(ticks.allSatisfy(\.isFinite) && labels.count == ticks.count)
            #expect(labels.allSatisfy { !$0.isEmpty && !$0.contains("nan") })
        }
        #expect(Ticks.scientific(1e-320) == "10⁻³²⁰")
        #expect(Ticks.fixed(1e30, decimals: 2) == "10³⁰")
    }
}
