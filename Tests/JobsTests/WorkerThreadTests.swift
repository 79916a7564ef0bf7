#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Jobs

@Suite struct WorkerThreadTests {
    /// The body runs on a thread other than the caller's, once, and the thread can be joined.
    @Test func bodyRunsOnItsOwnThreadOnce() throws {
        final class Record: @unchecked Sendable {
            var runs = 0
            var thread: pthread_t?
        }
        let record = Record()
        let thread = try #require(startWorkerThread {
            record.runs += 1
            record.thread = pthread_self()
        })
        #expect(pthread_join(thread, nil) == 0)
        #expect(record.runs == 1)
        #expect(record.thread.map { pthread_equal($0, pthread_self()) == 0 } == true)
    }
}
