#if canImport(Glibc)
import Glibc
#endif
// SCRATCH: never commit.
public func xtrace(_ label: StaticString) {
    guard getenv("XTRACE") != nil else { return }
    var ts = timespec(); clock_gettime(CLOCK_MONOTONIC, &ts)
    let ns = Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
    let line = "XT \(ns) \(label)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}
public func xnow() -> Int {
    var ts = timespec(); clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
}
public let xlayers = getenv("XLAYER") != nil
public func xreport(_ s: String) { let line = s + "\n"; _ = line.withCString { write(2, $0, strlen($0)) } }

private final class XJob: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
public let xpthreads = getenv("XPT") != nil
/// SCRATCH: lanes 1..<n on fresh pthreads, lane 0 on the caller.
public func xconcurrent(_ lanes: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
        let b = UnsafeBody(body)
        var threads: [pthread_t] = []
        for lane in 1..<lanes {
            let job = XJob { b.body(lane) }
            var t = pthread_t()
            let ctx = Unmanaged.passRetained(job).toOpaque()
            if pthread_create(&t, nil, { c in Unmanaged<XJob>.fromOpaque(c!).takeRetainedValue().body(); return nil }, ctx) == 0 {
                threads.append(t)
            } else { Unmanaged<XJob>.fromOpaque(ctx).release(); body(lane) }
        }
        body(0)
        for t in threads { pthread_join(t, nil) }
    }
}
private struct UnsafeBody: @unchecked Sendable { let body: (Int) -> Void; init(_ b: @escaping (Int) -> Void) { body = b } }
