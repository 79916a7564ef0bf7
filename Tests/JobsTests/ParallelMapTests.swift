import Jobs
import Testing

@Suite struct ParallelMapTests {
    @Test func resultsComeInInputOrderWhateverTheWorkers() {
        let inputs = Array(0..<1000)
        // Uneven jobs: later inputs finish first on other threads.
        let slowFirst: @Sendable (Int) -> Int = { i in
            var x = 0
            for k in 0..<(i < 10 ? 200_000 : 10) { x &+= k ^ i }
            return i * i + (x & 0)
        }
        let expected = inputs.map { $0 * $0 }
        for workers in [1, 2, 3, 8] {
            #expect(parallelMap(inputs, workers: workers, slowFirst) == expected)
        }
    }

    @Test func emptyAndSingle() {
        #expect(parallelMap([Int](), workers: 4) { $0 } == [])
        #expect(parallelMap([7], workers: 4) { $0 + 1 } == [8])
    }

    @Test func nonTrivialResultsSurviveTheBuffer() {
        // Strings and arrays are reference-counted: the results must be moved out intact.
        let out = parallelMap(Array(0..<500), workers: 4) { i in (String(repeating: "x", count: i % 40), [i, -i]) }
        #expect(out.map(\.0.count) == (0..<500).map { $0 % 40 })
        #expect(out.map(\.1) == (0..<500).map { [$0, -$0] })
    }
}
