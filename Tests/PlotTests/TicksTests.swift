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
}
