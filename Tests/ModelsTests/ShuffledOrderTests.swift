import Testing
@testable import Models

@Test func shuffledOrderIsAPermutationFixedByTheSeed() {
    var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
    let first = shuffledOrder(count: 1000, using: &a)
    #expect(first.sorted() == Array(0..<1000))
    #expect(first != Array(0..<1000))
    #expect(first == shuffledOrder(count: 1000, using: &b))
    #expect(shuffledOrder(count: 1000, using: &a) != first)  // the next epoch differs
}
