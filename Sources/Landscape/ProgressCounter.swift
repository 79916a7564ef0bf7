#if canImport(Glibc)
import Glibc
#endif

/// Work done so far, counted by several workers at once and reported after each addition (under
/// the lock, so reports arrive in order and never run at the same time).
final class ProgressCounter: @unchecked Sendable {
    private var done = 0
    private var lock = pthread_mutex_t()
    let total: Int
    let report: @Sendable (_ done: Int, _ total: Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total; self.report = report
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    func add(_ n: Int) {
        pthread_mutex_lock(&lock)
        done += n
        report(done, total)
        pthread_mutex_unlock(&lock)
    }
}
