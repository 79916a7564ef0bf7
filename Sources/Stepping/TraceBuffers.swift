import Optimizers
import Synchronization

/// The arrays of paths already written, handed back for the next paths to step into.
///
/// An export of 18 paths × 1,000,000 steps allocates four 8 MB arrays per path. Freed, glibc keeps
/// most of them in its per-thread arenas rather than returning them, and the process grows to
/// about 2.5× the paths it holds at once (164 MB for two paths in flight). Reused, the arrays of
/// the paths in flight are all the memory the paths take.
///
///     let buffers = TraceBuffers()
///     let path = try trace(adam, ..., buffers: buffers, objective: f)
///     write(path)
///     buffers.recycle(path)          // the next trace steps into these arrays
public final class TraceBuffers: Sendable {
    private let free = Mutex<[[Double]]>([])
    /// The most arrays kept (four per path).
    private let limit: Int

    public init(paths: Int = 4) { limit = 4 * paths }

    /// An empty array with room for `capacity` values: a handed-back one when there is one.
    func take(_ capacity: Int) -> [Double] {
        var a = free.withLock { $0.popLast() } ?? []
        // Allocates only when the array is still shared (someone kept the path) or too small.
        a.removeAll(keepingCapacity: true)
        a.reserveCapacity(capacity)
        return a
    }

    /// Hands the arrays of `path` back; call it when nothing else holds the path.
    public func recycle(_ path: consuming Trajectory) {
        var p = path
        let arrays = [p.xs, p.ys, p.losses, p.lrs]
        p.xs = []; p.ys = []; p.losses = []; p.lrs = []
        free.withLock { free in
            for a in arrays where free.count < limit && a.capacity > 0 { free.append(a) }
        }
    }
}
