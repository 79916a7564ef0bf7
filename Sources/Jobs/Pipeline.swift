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
///     try pipeline(count: frames.count, window: 4, { k in draw(k) }) { k, pixels in try encode(pixels) }
///
/// - Parameters:
///   - workers: with fewer than 2, both stages run on the calling thread, one after the other.
///   - window: the most results produced and not yet consumed, at least 1.
///   - produce: called once per index, in order, from one thread (not the caller's).
///   - consume: takes the results in order; when it throws, the producer stops after its
///     current call, and the error is rethrown.
public func pipeline<Output: Sendable, Failure: Error>(
    count: Int, workers: Int = Jobs.workerCount, window: Int = 4,
    _ produce: @escaping @Sendable (Int) -> Output,
    consume: (Int, Output) throws(Failure) -> Void
) throws(Failure) {
    guard count > 1, workers > 1 else {
        for i in 0..<count { try consume(i, produce(i)) }
        return
    }
    let state = PipelineState<Output>(window: max(1, window))
    let job = PipelineJob {
        var i = 0
        while i < count, state.waitForRoom() {
            state.deliver(produce(i))
            i += 1
        }
    }
    var thread = pthread_t()
    let context = Unmanaged.passRetained(job).toOpaque()
    let started = pthread_create(&thread, nil, { context in
        Unmanaged<PipelineJob>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context)
    guard started == 0 else {
        Unmanaged<PipelineJob>.fromOpaque(context).release()
        for i in 0..<count { try consume(i, produce(i)) }
        return
    }
    defer {
        state.cancel()
        pthread_join(thread, nil)
    }
    for i in 0..<count { try consume(i, state.take()) }
}

private final class PipelineJob: @unchecked Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
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
