import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the run's temporary files when SIGINT, SIGTERM, SIGHUP or SIGPIPE ends it, then dies
/// of the same signal, so that the shell sees the conventional status 128 + signal (130 for ^C)
/// and no file is left behind.
///
/// The handler may only call async-signal-safe functions, so the paths live in a fixed table of
/// C strings that it reads without locks: a slot is filled (a pointer store) after its string is
/// complete and emptied before the file is renamed or removed, and strings are never freed
/// (a run has a handful).
///
/// SIGHUP stays ignored when trajviz was started ignoring it: that is `nohup`'s contract. SIGINT,
/// SIGTERM and SIGPIPE are handled even when inherited as ignored, because a shell without job
/// control starts every background command with SIGINT ignored (and many test harnesses run
/// that way): a `kill -INT` sent to stop an export must stop it, and clean up.
enum SignalCleanup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]
    static let capacity = 256

    /// Paths to unlink, then folders to rmdir (created for the run, removed when still empty).
    nonisolated(unsafe) private static var files = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var folders = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var installed = false

    /// Installs the handlers (once); SIGHUP only when it is not ignored on entry (`nohup`).
    static func install() {
        guard !installed else { return }
        installed = true
        files.initialize(repeating: nil, count: capacity)
        folders.initialize(repeating: nil, count: capacity)
        for signal in signals {
            var old = sigaction()
            sigaction(signal, nil, &old)
            if signal == SIGHUP, isIgnored(old) { continue }
            var action = sigaction()
            setHandler(&action)
            sigemptyset(&action.sa_mask)
            for s in signals { sigaddset(&action.sa_mask, s) }   // one cleanup at a time on this thread
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        // A parent may start trajviz with these signals blocked (test runners and some process
        // libraries leave their mask to children): unblocked here, or a SIGTERM would wait
        // forever and the run never stop.
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Registers a temporary file; returns its slot for ``forget(file:)``.
    static func register(file path: String) -> Int { put(path, in: files) }

    /// Registers a folder the run created (removed on a signal if it is empty by then).
    static func register(folder path: String) -> Int { put(path, in: folders) }

    static func forget(file slot: Int) { if slot >= 0 { files[slot] = nil } }
    static func forget(folder slot: Int) { if slot >= 0 { folders[slot] = nil } }

    private static func put(_ path: String, in table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int {
        install()
        guard let copy = strdup(path) else { return -1 }
        for i in 0..<capacity where table[i] == nil {
            table[i] = copy
            return i
        }
        // More temporaries than slots: they are still removed by the normal paths (commit,
        // abort); only a signal would leave them.
        return -1
    }

    /// Set while a commit renames its files; a signal that arrives then (on any thread) is
    /// held until the renames are done, so that a run is never left half committed.
    private static let committing = Atomic<Int32>(0)
    private static let pending = Atomic<Int32>(0)

    /// Runs `body` (the commit's renames) with the cleanup signals held off, then delivers one
    /// that arrived meanwhile.
    static func duringCommit<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        committing.store(1, ordering: .sequentiallyConsistent)
        defer {
            committing.store(0, ordering: .sequentiallyConsistent)
            let signal = pending.exchange(0, ordering: .sequentiallyConsistent)
            if signal != 0 { handle(signal) }
        }
        return try body()
    }

    /// The handler: async-signal-safe calls only (unlink, rmdir, sigaction, sigprocmask, raise).
    fileprivate static func handle(_ signal: Int32) {
        if committing.load(ordering: .sequentiallyConsistent) != 0 {
            pending.store(signal, ordering: .sequentiallyConsistent)
            return
        }
        for i in 0..<capacity {
            if let p = files[i] { unlink(p) }
        }
        for i in 0..<capacity {
            if let p = folders[i] { rmdir(p) }
        }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = SIG_DFL
        #else
        action.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signal)
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        #else
        let handler = unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self)
        #endif
        return handler == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private static func setHandler(_ action: inout sigaction) {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = cleanupHandler
        #else
        action.__sigaction_u.__sa_handler = cleanupHandler
        #endif
    }
}

private func cleanupHandler(_ signal: Int32) { SignalCleanup.handle(signal) }
