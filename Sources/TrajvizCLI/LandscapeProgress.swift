import Foundation
import Models
#if canImport(Glibc)
import Glibc
#endif

/// The landscape command's progress line on stderr: the runs training side by side, then each
/// phase of the measurement, redrawn at most ten times a second from whichever thread reports;
/// nothing at all when stderr is not a terminal.
final class LandscapeProgress: @unchecked Sendable {
    let enabled: Bool
    let labels: [String]
    let iterations: Int
    private var done: [Int]
    private var lastDraw = 0.0
    private var drawn = false
    private var lock = pthread_mutex_t()
    private let write: @Sendable (String) -> Void

    /// `write` receives the escape sequences and text (stderr by default).
    init(enabled: Bool, runs labels: [String], iterations: Int,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.enabled = enabled; self.labels = labels; self.iterations = max(1, iterations); self.write = write
        done = labels.map { _ in 0 }
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    /// A training run reports an iteration.
    func training(run: Int, _ p: TrainingProgress) {
        guard enabled else { return }
        locked {
            done[run] = p.iteration
            let total = done.reduce(0, +), all = iterations * labels.count
            let running = labels.indices.filter { done[$0] > 0 && done[$0] < iterations }.map { labels[$0] }
            draw("training \(labels.count) optimizer\(labels.count == 1 ? "" : "s")", done: total, total: all,
                 note: running.isEmpty ? "" : running.joined(separator: ", "), force: total == all)
        }
    }

    /// A phase of the measurement reports its progress.
    func phase(_ name: String, done: Int, total: Int) {
        guard enabled else { return }
        locked { draw(name, done: done, total: total, note: "", force: done == 0 || done == total) }
    }

    func clear() {
        locked {
            if enabled && drawn { write("\r\u{1b}[2K") }
            drawn = false
        }
    }

    private func draw(_ what: String, done: Int, total: Int, note: String, force: Bool) {
        let now = ProcessInfo.processInfo.systemUptime
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let cells = 20, filled = min(cells, Int(fraction * Double(cells)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled)
        let line = "\(what) [\(bar)] \(Int((fraction * 100).rounded(.down)))%" + (note.isEmpty ? "" : " \(note)")
        write("\r\u{1b}[2K" + line)
        drawn = true
    }

    private func locked(_ body: () -> Void) {
        pthread_mutex_lock(&lock)
        body()
        pthread_mutex_unlock(&lock)
    }
}
