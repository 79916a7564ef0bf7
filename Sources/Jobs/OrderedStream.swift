#if canImport(Glibc)
import Glibc
#endif

/// Runs independent jobs on several threads and hands their results, in input order, to
/// `consume` on the calling thread, keeping at most `window` results alive at once.
///
/// ``parallelMap(_:workers:_:)`` keeps every result until the last job ends; a run exporting 18
/// paths of a million steps would hold 18 full paths (576 MB). Here a job starts only when fewer
/// than `window` results are being computed, waiting for their turn, or being consumed, and a
/// result is dropped as soon as `consume` returns: memory holds `window` results, whatever the
/// number of jobs. The order of `consume` calls, and so every byte written from them, does not
/// depend on scheduling.
///
///     try parallelStream(paths, window: 2, { spec in trace(spec) }) { i, path in
///         try csv.write(rows(of: path))       // path 0, then 1, then 2, ...
///     }
///
/// - Parameters:
///   - inputs: the jobs' inputs.
///   - workers: the most jobs run at once (default: ``Jobs/workerCount``); they run on their own
///     threads, so `consume` may use ``parallelMap(_:workers:_:)`` meanwhile.
///   - window: the most results alive at once, at least 1 (default: `workers`).
///   - body: one job; called once per input, from several threads at once.
///   - consume: takes the results in input order; when it throws, no further job starts, the
///     running ones are waited for, and the error is rethrown.
public func parallelStream<Input: Sendable, Output: Sendable, Failure: Error>(
    _ inputs: [Input], workers: Int = Jobs.workerCount, window: Int? = nil,
    _ body: @escaping @Sendable (Input) -> Output,
    consume: (Int, Output) throws(Failure) -> Void
) throws(Failure) {
    let n = inputs.count
    let window = max(1, window ?? workers)
    guard n > 1, workers > 1 else {
        for i in 0..<n { try consume(i, body(inputs[i])) }
        return
    }
    let state = StreamState<Output>(count: n, window: window)
    var threads: [pthread_t] = []
    for _ in 0..<min(workers, n, window) {
        if let thread = startWorkerThread({ [inputs] in
            while let i = state.claim() { state.deliver(i, body(inputs[i])) }
        }) { threads.append(thread) }
    }
    defer {
        state.cancel()
        for thread in threads { pthread_join(thread, nil) }
    }
    if threads.isEmpty {
        // No thread could start: run the jobs here, one at a time.
        state.cancel()
        for i in 0..<n { try consume(i, body(inputs[i])) }
        return
    }
    for i in 0..<n {
        let result = state.take(i)
        try consume(i, result)
        state.finished(i)
    }
}

/// The jobs' shared state: which job starts next, the results waiting for their turn, how many
/// were consumed. One mutex, one condition.
private final class StreamState<Output>: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var slots: [Output?]
    private var next = 0
    /// Results consumed and dropped: jobs `consumed..<next` are alive.
    private var consumed = 0
    private var cancelled = false
    private let window: Int

    init(count: Int, window: Int) {
        slots = Array(repeating: nil, count: count)
        self.window = window
        pthread_mutex_init(&lock, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&lock)
    }

    /// The next job to run, once fewer than `window` are alive; nil when none is left.
    func claim() -> Int? {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        while !cancelled, next < slots.count, next - consumed >= window { pthread_cond_wait(&changed, &lock) }
        guard !cancelled, next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ i: Int, _ result: Output) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        slots[i] = result
        pthread_cond_broadcast(&changed)
    }

    /// Job `i`'s result, once it is done.
    func take(_ i: Int) -> Output {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        while slots[i] == nil { pthread_cond_wait(&changed, &lock) }
        let result = slots[i]!  // The loop above waited until it is there.
        slots[i] = nil
        return result
    }

    /// Job `i` was consumed: the next one may start.
    func finished(_ i: Int) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        consumed = i + 1
        pthread_cond_broadcast(&changed)
    }

    /// No job starts any more.
    func cancel() {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        cancelled = true
        pthread_cond_broadcast(&changed)
    }
}
