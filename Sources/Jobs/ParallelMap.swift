import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs independent jobs on every core and returns their results in input order.
///
/// Sweeps, tunings, basin maps and landscape grids are many independent runs. They are spread
/// over the cores, but each result is stored at its input's index, so the output, and every byte
/// written from it, does not depend on scheduling or on the number of cores.
///
///     let losses = parallelMap(learningRates) { lr in finalLoss(lr) }   // same order as learningRates
///
/// - Parameters:
///   - inputs: the jobs' inputs.
///   - workers: the most jobs run at once (default: ``Jobs/workerCount``).
///   - body: one job; called once per input, from several threads at once.
/// - Complexity: O(n) calls of `body`, about n / workers long.
public func parallelMap<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], workers: Int = Jobs.workerCount, _ body: @Sendable (Input) -> Output
) -> [Output] {
    let n = inputs.count
    guard n > 1, workers > 1 else { return inputs.map(body) }
    let results = UnsafeMutableBufferPointer<Output>.allocate(capacity: n)
    defer { results.deallocate() }
    let slots = SendableBuffer(results)
    // Jobs are taken in chunks from a shared counter: uneven jobs (a diverging run stops early,
    // another runs its full length) still keep every core busy to the end.
    let next = AtomicCounter()
    let lanes = min(workers, n)
    DispatchQueue.concurrentPerform(iterations: lanes) { _ in
        while true {
            let i = next.increment()
            guard i < n else { break }
            (slots.base.baseAddress! + i).initialize(to: body(inputs[i]))
        }
    }
    let out = Array(results)
    _ = results.baseAddress!.deinitialize(count: n)
    return out
}

/// How many jobs run at once.
public enum Jobs {
    /// The cores this process may use (`TRAJVIZ_JOBS` overrides it, e.g. 1 to run serially).
    public static var workerCount: Int {
        if let text = getenv("TRAJVIZ_JOBS").map({ String(cString: $0) }), let n = Int(text), n >= 1 { return min(n, 256) }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

/// A buffer written at distinct indices from several threads.
private struct SendableBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T>
    init(_ base: UnsafeMutableBufferPointer<T>) { self.base = base }
}

/// The next job index, shared by the workers.
private final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private var lock = pthread_mutex_t()
    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }
    func increment() -> Int {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        let v = value; value += 1
        return v
    }
}
