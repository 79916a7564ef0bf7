import Testing
import Stepping

@Test func splitMix64MatchesTheReferenceSequence() {
    // Vigna's splitmix64.c seeded with 0.
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xe220_a839_7b1d_cdaf)
    #expect(g.next() == 0x6e78_9e6a_a1b9_65f4)
    #expect(g.next() == 0x06c4_5d18_8009_454f)
}

@Test func unitFloatsAndIndicesStayInRange() {
    var g = SplitMix64(seed: 42)
    for _ in 0..<10_000 {
        let u = g.nextUnitFloat()
        #expect(u >= 0 && u < 1)
        let i = g.nextIndex(below: 7)
        #expect(i >= 0 && i < 7)
    }
}
