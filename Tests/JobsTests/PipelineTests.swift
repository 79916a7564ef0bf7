import Glibc
import Jobs
import Synchronization
import Testing

/// pipeline calls its producer in order on one thread, hands the results over in that order,
/// never runs more than its window ahead, and stops producing when the consumer throws.
@Suite struct PipelineTests {
    private struct Stop: Error, Equatable {}

    @Test(arguments: [(1, 1), (2, 1), (2, 4), (4, 3)])
    func resultsComeInOrderWithinTheWindow(_ workers: Int, _ window: Int) {
        // Stateful producer: each value depends on the one before, as each frame on the last.
        let state = Mutex((last: -1, produced: 0, consumed: 0, most: 0))
        var seen: [Int] = []
        pipeline(count: 300, workers: workers, window: window, { i -> Int in
            state.withLock { s in
                #expect(s.last == i - 1, "the producer runs in order")
                s.last = i; s.produced += 1
                s.most = max(s.most, s.produced - s.consumed)
            }
            return i * 3 + 1
        }, consume: { i, value in
            #expect(value == i * 3 + 1)
            seen.append(i)
            state.withLock { $0.consumed += 1 }
        })
        #expect(seen == Array(0..<300))
        // The one being consumed is counted until consume returns: window + 1 at most.
        #expect(state.withLock { $0.most } <= window + 1)
    }

    /// Runs cut at `splitAt` are each produced in order, from a thread of their own, all at
    /// once; the consumer still sees every index in order.
    @Test func runsAreProducedAtOnceAndConsumedInOrder() {
        let state = Mutex((last: [-1, -1, -1], threads: [Set<UInt>(), [], []], running: 0, most: 0))
        let starts = [0, 40, 70]
        var seen: [Int] = []
        pipeline(count: 100, splitAt: [70, 40, 0, 200], workers: 2, window: 2, { i -> Int in
            let run = starts.lastIndex { $0 <= i }!
            state.withLock { s in
                #expect(s.last[run] == (i == starts[run] ? -1 : i - 1), "run \(run) in order")
                s.last[run] = i
                s.threads[run].insert(UInt(pthread_self())); s.running += 1
                s.most = max(s.most, s.running)
            }
            usleep(200)
            state.withLock { $0.running -= 1 }
            return i * 3 + 1
        }, consume: { i, value in
            #expect(value == i * 3 + 1)
            seen.append(i)
        })
        #expect(seen == Array(0..<100))
        let threads = state.withLock { $0.threads }
        #expect(threads.allSatisfy { $0.count == 1 } && Set(threads.map { $0.first! }).count == 3, "a thread per run")
        #expect(state.withLock { $0.most } > 1, "runs produced at once")
    }

    @Test func aThrowingConsumerStopsTheProducer() {
        let produced = Atomic<Int>(0)
        #expect(throws: Stop.self) {
            try pipeline(count: 10_000, workers: 2, window: 2, { i -> Int in
                produced.add(1, ordering: .relaxed)
                return i
            }, consume: { (i, _) throws(Stop) in
                if i == 5 { throw Stop() }
            })
        }
        // Frames 0...5 consumed; at most the window (and the one in hand) beyond them.
        #expect(produced.load(ordering: .relaxed) <= 6 + 3)
    }

    @Test func nothingToDo() {
        var calls = 0
        pipeline(count: 0, workers: 2, { i -> Int in i }, consume: { _, _ in calls += 1 })
        pipeline(count: 1, workers: 2, { i -> Int in i + 7 }, consume: { _, v in calls += v })
        #expect(calls == 7)
    }
}
