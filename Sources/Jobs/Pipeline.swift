#if canImport(Glibc)
import Glibc
#endif

/// Runs a sequential producer on its own thread while the calling thread consumes its results,
/// in order, at most `window` ahead: two stages of a pipeline on two cores.
///
/// For work that must run in order in both stages (each animation frame is drawn from the one
/// before; each is encoded against the one before), ``parallelStream(_:workers:window:_:consume:)``
/// does not apply; here frame k + 1 is drawn while frame k is encoded. `produce` is called with
/// 0, 1, 2, ... from one thread; `consume` sees the results in that order on the calling thread,
/// so what it writes does not depend on scheduling.
///
/// With `splitAt`, the indices are cut into consecutive runs that start over (an animation's
/// second half drawn from a whole frame of its own): each run is produced in order on a thread
/// of its own, all at once, so that the producing stage, when it is the slower one, is spread over
/// the cores. The first run stays within `window`; a later run, which the consumer reaches only
/// after the runs before it, produces ahead without limit (its results wait in memory).
///
///     try pipeline(count: frames.count, window: 4, { k in draw(k) }) { k, pixels in try encode(pixels) }
///
/// - Parameters:
///   - splitAt: the indices where a run starts besides 0 (those outside 1..<count are ignored).
///   - workers: with fewer than 2, both stages run on the calling thread, one after the other.
///   - window: the most results of the first run produced and not yet consumed, at least 1.
///   - produce: called once per index, in order within each run, each run from one thread (not
///     the caller's).
///   - consume: takes the results in order; when it throws, the producers stop after their
///     current call, and the error is rethrown.
public func pipeline<Output: Sendable, Failure: Error>(
    count: Int, splitAt starts: [Int] = [], workers: Int = Jobs.workerCount, window: Int = 4,
    _ produce: @escaping @Sendable (Int) -> Output,
    consume: (Int, Output) throws(Failure) -> Void
) throws(Failure) {
    guard count > 1, workers > 1 else {
        for i in 0..<count { try consume(i, produce(i)) }
        return
    }
    let bounds = [0] + Set(starts.filter { $0 > 0 && $0 < count }).sorted() + [count]
    let runs = zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    let states = runs.indices.map { PipelineState<Output>(window: $0 == 0 ? max(1, window) : count) }
    // Runs whose thread could not be started are produced on the calling thread.
    var threads: [pthread_t?] = []
    for (run, state) in zip(runs, states) {
        threads.append(startWorkerThread {
            var i = run.lowerBound
            while i < run.upperBound, state.waitForRoom() {
                state.deliver(produce(i))
                i += 1
            }
        })
    }
    defer {
        for state in states { state.cancel() }
        for case let thread? in threads { pthread_join(thread, nil) }
    }
    for (r, run) in runs.enumerated() {
        for i in run { try consume(i, threads[r] == nil ? produce(i) : states[r].take()) }
    }
}

/// The results between the stages, first in first out. One mutex, one condition.
private final class PipelineState<Output>: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var queue: [Output?] = []
    private var head = 0
    private var cancelled = false
    private let window: Int

    init(window: Int) {
        self.window = window
        pthread_mutex_init(&lock, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&lock)
    }

    /// Waits until fewer than `window` results wait; false once cancelled.
    func waitForRoom() -> Bool {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        while !cancelled, queue.count - head >= window { pthread_cond_wait(&changed, &lock) }
        return !cancelled
    }

    func deliver(_ result: Output) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        queue.append(result)
        pthread_cond_broadcast(&changed)
    }

    /// The next result, once it is there.
    func take() -> Output {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        while queue.count == head { pthread_cond_wait(&changed, &lock) }
        let result = queue[head]!  // the loop above waited for it
        queue[head] = nil  // dropped as soon as it is consumed
        head += 1
        if head >= 64 { queue.removeFirst(head); head = 0 }
        pthread_cond_broadcast(&changed)
        return result
    }

    func cancel() {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        cancelled = true
        pthread_cond_broadcast(&changed)
    }
}
