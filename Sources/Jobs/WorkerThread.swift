#if canImport(Glibc)
import Glibc
#endif

/// Starts `body` on a new thread of its own (joinable), or returns nil when the system refuses
/// one, so that the caller runs the work itself.
///
/// ``parallelStream(_:workers:window:_:consume:)`` and ``pipeline(count:splitAt:workers:window:_:consume:)``
/// start their workers here rather than on Dispatch's pool: a worker may block for long on its
/// stage's condition, which would starve the pool that ``parallelMap(_:workers:_:)`` (and the
/// consumer, meanwhile) relies on.
func startWorkerThread(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
    let context = Unmanaged.passRetained(WorkerBody(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { context in
        Unmanaged<WorkerBody>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context)
    guard started == 0 else {
        Unmanaged<WorkerBody>.fromOpaque(context).release()
        return nil
    }
    return thread
}

/// A worker's closure, boxed to cross `pthread_create`'s `void *`.
private final class WorkerBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
