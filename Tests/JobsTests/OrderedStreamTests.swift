import Jobs
import Synchronization
import Testing

/// parallelStream hands results over in input order, never holds more than its window, and
/// stops starting jobs when the consumer throws.
@Suite struct OrderedStreamTests {
    private struct Stop: Error, Equatable {}

    @Test(arguments: [(1, 1), (2, 1), (2, 2), (3, 2), (8, 3)])
    func resultsComeInOrderWithinTheWindow(_ workers: Int, _ window: Int) {
        let alive = Mutex((now: 0, most: 0))
        var seen: [Int] = []
        parallelStream(Array(0..<200), workers: workers, window: window, { i -> Int in
            alive.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            // Uneven jobs: early ones are slow, so later ones would finish first.
            var x = 0
            for k in 0..<(i % 10 == 0 ? 100_000 : 100) { x &+= k ^ i }
            return i * i + (x & 0)
        }) { i, value in
            seen.append(value)
            #expect(value == i * i)
            alive.withLock { $0.now -= 1 }
        }
        #expect(seen == (0..<200).map { $0 * $0 })
        #expect(alive.withLock { $0.most } <= max(window, 1))
    }

    @Test func aThrowingConsumerStopsTheJobs() {
        let started = Atomic<Int>(0)
        #expect(throws: Stop()) {
            try parallelStream(Array(0..<1000), workers: 2, window: 2, { i -> Int in
                started.add(1, ordering: .relaxed)
                return i
            }) { (i, _) throws(Stop) in
                if i == 5 { throw Stop() }
            }
        }
        #expect(started.load(ordering: .relaxed) <= 8)
    }

    @Test func emptyAndSingle() {
        var count = 0
        parallelStream([Int](), workers: 4, { $0 }) { _, _ in count += 1 }
        parallelStream([7], workers: 4, { $0 + 1 }) { _, v in #expect(v == 8); count += 1 }
        #expect(count == 1)
    }
}
