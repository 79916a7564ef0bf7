#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many pieces of work to run at once: the processors online, at least 1.
public let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

/// Runs `body(0)`, `body(1)`, … `body(count − 1)` at the same time and returns when all have
/// finished: index 0 on the calling thread, each other index on a thread started for it and joined
/// before returning, so no thread outlives the call.
///
/// The results stay deterministic when each index writes only its own outputs (disjoint rows of
/// an image, its own array), which is the contract: `body` must not touch what another index
/// touches, except to read what no index writes.
///
///     var halves = [[Double]](repeating: [], count: 2)
///     halves.withUnsafeMutableBufferPointer { out in
///         concurrently(2) { k in out[k] = work(part: k) }
///     }
///
/// - Parameter count: how many pieces; 1 runs `body(0)` on the caller with no thread.
/// - Complexity: `count − 1` thread creations (tens of microseconds each) on top of the work.
public func concurrently(_ count: Int, _ body: (Int) -> Void) {
    precondition(count >= 1, "concurrently needs at least one piece of work")
    guard count > 1 else { body(0); return }
    withoutActuallyEscaping(body) { body in
        let job = Job(body)
        var threads: [pthread_t] = []
        for k in 1..<count {
            let context = Unmanaged.passRetained(Piece(job: job, index: k)).toOpaque()
            var thread = pthread_t()
            if pthread_create(&thread, nil, { raw in
                let piece = Unmanaged<Piece>.fromOpaque(raw!).takeRetainedValue()
                piece.job.body(piece.index)
                return nil
            }, context) == 0 {
                threads.append(thread)
            } else {
                // No thread to be had: do the piece here, the result is the same.
                let piece = Unmanaged<Piece>.fromOpaque(context).takeRetainedValue()
                body(piece.index)
            }
        }
        body(0)
        for t in threads { pthread_join(t, nil) }
    }
}

/// The work shared by the threads of one ``concurrently(_:_:)`` call.
private final class Job {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}

/// One thread's piece.
private final class Piece {
    let job: Job
    let index: Int
    init(job: Job, index: Int) { self.job = job; self.index = index }
}

/// Splits `0..<count` into `parts` contiguous ranges of nearly equal size, in order.
///
///     split(10, into: 3)   // [0..<4, 4..<7, 7..<10]
public func split(_ count: Int, into parts: Int) -> [Range<Int>] {
    precondition(count >= 0 && parts >= 1)
    return (0..<parts).map { k in (count * k / parts)..<(count * (k + 1) / parts) }
}
