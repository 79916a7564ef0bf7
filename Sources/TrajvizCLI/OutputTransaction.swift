#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every output of one run, committed together or not at all.
///
/// 1. ``init(_:inputs:createFolder:)`` resolves each output (``OutputDestination``) and refuses,
///    before anything runs, two outputs that are the same file (`s.csv` and `./s.csv`, hard
///    links, links to one target) or an output that is one of the run's inputs.
/// 2. ``open()`` removes stale temporary files of dead trajviz processes from the output
///    folders, creates one temporary file per regular output beside its final target
///    (`.NAME.trajviz-PID.tmp`, or `.trajviz-PID-K.tmp` when that name would pass NAME_MAX),
///    with the target's permission bits and owner, and opens the streams. SIGINT, SIGTERM,
///    SIGHUP and SIGPIPE from here on remove the temporaries (``SignalCleanup``).
/// 3. Writers fill the ``OutputSink``s, streaming or at once.
/// 4. ``commit(status:statusToStderr:)`` flushes and closes everything, prints the status, and
///    only when all of that worked renames every temporary over its target, with signals held
///    off; a rename that fails puts back what the earlier ones replaced.
///
/// A transaction dropped without a commit (an error thrown anywhere in the run) removes its
/// temporary files and any folder it created: a failed run leaves the folder as it was.
/// Streams (standard output, devices, FIFOs) cannot be taken back: their bytes are final as
/// they are written.
final class OutputTransaction {
    private struct Entry {
        let file: OutputFile
        let destination: OutputDestination
        var sink: OutputSink?
        var temporary: String?
        var backup: String?
        var fileSlot = -1
        var ownsDescriptor = false
    }

    private var entries: [Entry]
    private var createdFolders: [(path: String, slot: Int)] = []
    private var finished = false

    /// Resolves `files` and refuses collisions; creates nothing.
    ///
    /// - Parameters:
    ///   - inputs: the files the run reads (`the manifest 'run.json'`), which no output may be.
    ///   - createFolder: the output whose missing folder may be created (the default figure's `output/`).
    init(_ files: [OutputFile], inputs: [InputFile] = [], createFolder: OutputFile? = nil) throws(CLIError) {
        var entries: [Entry] = []
        for file in files {
            let destination = try OutputDestination.resolve(file, createFolder: createFolder.map { $0.option == file.option } ?? false)
            entries.append(Entry(file: file, destination: destination))
        }
        self.entries = entries
        try Self.refuseCollisions(entries.map { ($0.file, $0.destination) }, inputs: inputs)
    }

    deinit { abort() }

    // MARK: - Collisions

    private static func refuseCollisions(_ outputs: [(OutputFile, OutputDestination)], inputs: [InputFile]) throws(CLIError) {
        var seen: [(OutputFile, OutputDestination.Identity)] = []
        for (file, destination) in outputs {
            guard let identity = destination.identity else { continue }
            for input in inputs where OutputDestination.identity(ofInput: input.path) == identity {
                throw .usage("\(file.option) '\(file.path)' is the same file as \(input.role) '\(input.path)'; \(file.remedy)")
            }
            if let (other, _) = seen.first(where: { $0.1 == identity }) {
                if other.isStandardOutput && file.isStandardOutput {
                    throw .usage("only one output may be '-' (standard output); got \(other.option) and \(file.option)")
                }
                throw .usage("\(other.option) '\(other.path)' and \(file.option) '\(file.path)' are the same file; name different files")
            }
            seen.append((file, identity))
        }
    }

    // MARK: - Opening

    /// Creates the temporary files and opens the streams (see the type's summary).
    func open() throws(CLIError) {
        SignalCleanup.install()
        var cleaned = Set<String>()
        for i in entries.indices {
            switch entries[i].destination {
            case .descriptor(let fd):
                let flags = fcntl(fd, F_GETFL)
                guard flags >= 0, flags & O_ACCMODE != O_RDONLY else {
                    if fd == STDOUT_FILENO { throw .failure("cannot write \(entries[i].file.describedForMessages): it is closed") }
                    throw .failure("cannot write \(entries[i].file.option) '\(entries[i].file.path)': descriptor \(fd) is not open for writing")
                }
                entries[i].sink = OutputSink(file: entries[i].file, fd: fd)
            case .stream(let path):
                let fd = Glibc.open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
                guard fd >= 0 else {
                    throw .failure("cannot write \(entries[i].file.option) '\(entries[i].file.path)': \(Terminal.describe(errno: errno))")
                }
                entries[i].sink = OutputSink(file: entries[i].file, fd: fd)
                entries[i].ownsDescriptor = true
            case .file(let folder, let name, let existing, let createsFolder):
                if createsFolder, !OutputDestination.isFolder(folder) {
                    guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
                        throw .failure("cannot create folder '\(OutputDestination.parent(of: entries[i].file.path))' for \(entries[i].file.option) '\(entries[i].file.path)': \(Terminal.describe(errno: errno))")
                    }
                    createdFolders.append((folder, SignalCleanup.register(folder: folder)))
                }
                if cleaned.insert(folder).inserted { StaleTemporaries.remove(in: folder) }
                let (temporary, backup) = Self.temporaryNames(for: name, index: i)
                let temporaryPath = folder + "/" + temporary
                // Registered before it exists: a signal between open and registration would leave it.
                entries[i].fileSlot = SignalCleanup.register(file: temporaryPath)
                entries[i].temporary = temporaryPath
                var fd = Glibc.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                if fd < 0, errno == EEXIST {
                    // Ours by name: left by an earlier process with this pid, which is gone.
                    unlink(temporaryPath)
                    fd = Glibc.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                }
                guard fd >= 0 else {
                    let reason = errno
                    entries[i].temporary = nil
                    SignalCleanup.forget(file: entries[i].fileSlot)
                    let shownFolder = OutputDestination.parent(of: entries[i].file.path)
                    if reason == EACCES {
                        throw .failure("cannot write \(entries[i].file.option) '\(entries[i].file.path)': folder '\(shownFolder)' is not writable")
                    }
                    throw .failure("cannot write \(entries[i].file.option) '\(entries[i].file.path)': \(Terminal.describe(errno: reason))")
                }
                if let existing {
                    // The replacement keeps the file's owner, group and permission bits (chown
                    // first: it clears set-id bits). Only root may give a file away; a group
                    // the user belongs to still carries over.
                    if fchown(fd, existing.uid, existing.gid) != 0 { _ = fchown(fd, uid_t.max, existing.gid) }
                    _ = fchmod(fd, mode_t(existing.permissions))
                    entries[i].backup = folder + "/" + backup
                }
                entries[i].sink = OutputSink(file: entries[i].file, fd: fd)
                entries[i].ownsDescriptor = true
            }
        }
    }

    /// `.NAME.trajviz-PID.tmp` and `.bak`, or the short `.trajviz-PID-K.tmp` when the long
    /// one would be longer than a file name may be. Either way the pid can be read back
    /// (``StaleTemporaries``).
    static func temporaryNames(for name: String, index: Int) -> (temporary: String, backup: String) {
        let pid = getpid()
        let long = ".\(name).trajviz-\(pid)"
        if long.utf8.count + 4 <= OutputDestination.maximumNameBytes { return (long + ".tmp", long + ".bak") }
        return (".trajviz-\(pid)-\(index).tmp", ".trajviz-\(pid)-\(index).bak")
    }

    // MARK: - Writing

    /// The sink of `file` (opened by ``open()``).
    func sink(for file: OutputFile) -> OutputSink {
        guard let entry = entries.first(where: { $0.file.option == file.option }), let sink = entry.sink else {
            preconditionFailure("no open output \(file.option)")
        }
        return sink
    }

    /// The outputs, in the order given.
    var files: [OutputFile] { entries.map(\.file) }

    /// Whether `file` goes to this process's standard output (`-`, `/dev/stdout`, `/dev/fd/1`).
    func isStandardOutput(_ file: OutputFile) -> Bool {
        entries.contains { if case .descriptor(STDOUT_FILENO) = $0.destination { $0.file.option == file.option } else { false } }
    }

    /// Whether an output goes to this process's standard output (`-`, `/dev/stdout`, or the
    /// very file or device stdout is).
    var writesStandardOutput: Bool {
        var s = stat()
        let stdout = fstat(STDOUT_FILENO, &s) == 0 ? OutputDestination.Identity.inode(dev: UInt64(s.st_dev), ino: UInt64(s.st_ino)) : nil
        return entries.contains { entry in
            if case .descriptor(STDOUT_FILENO) = entry.destination { return true }
            if case .stream = entry.destination, let stdout { return entry.destination.identity == stdout }
            return false
        }
    }

    // MARK: - Commit and abort

    /// Makes every output final: flushes and closes them, prints `status` (on stdout, or stderr
    /// when stdout carries an output), then renames each temporary file over its target.
    ///
    /// - Throws: a failure, after which no regular file was changed: a write or close that
    ///   failed, stdout that cannot take the status, or a rename that failed (the earlier
    ///   renames are undone from their backup links).
    func commit(status: String, statusToStderr: Bool) throws(CLIError) {
        precondition(!finished, "committed twice")
        for i in entries.indices {
            guard let sink = entries[i].sink else { continue }
            try sink.flush()
            if entries[i].ownsDescriptor {
                entries[i].ownsDescriptor = false
                if close(sink.fd) != 0, entries[i].temporary != nil {
                    throw .failure("cannot write \(entries[i].file.describedForMessages): \(Terminal.describe(errno: errno))")
                }
            }
        }
        if !status.isEmpty {
            if statusToStderr { Terminal.err(status) } else { Terminal.out(status) }
        }
        try Terminal.checkOut()
        try SignalCleanup.duringCommit { () throws(CLIError) in try renameAll() }
        finished = true
        for folder in createdFolders { SignalCleanup.forget(folder: folder.slot) }
    }

    private func renameAll() throws(CLIError) {
        var done: [Int] = []
        for i in entries.indices {
            guard let temporary = entries[i].temporary, case .file(let folder, let name, let existing, _) = entries[i].destination else { continue }
            let target = folder + "/" + name
            var backedUp = false
            if existing != nil, let backup = entries[i].backup {
                unlink(backup)
                backedUp = link(target, backup) == 0
                if !backedUp { entries[i].backup = nil }
            }
            if rename(temporary, target) != 0 {
                let reason = Terminal.describe(errno: errno)
                if backedUp, let backup = entries[i].backup { unlink(backup) }
                undo(done)
                abort()
                throw .failure("cannot write \(entries[i].file.option) '\(entries[i].file.path)': \(reason)")
            }
            SignalCleanup.forget(file: entries[i].fileSlot)
            entries[i].temporary = nil
            done.append(i)
        }
        for i in done { if let backup = entries[i].backup { unlink(backup) } }
    }

    /// Puts back the files that `done` replaced: the old file from its backup link, or no file.
    private func undo(_ done: [Int]) {
        for i in done {
            guard case .file(let folder, let name, let existing, _) = entries[i].destination else { continue }
            let target = folder + "/" + name
            if existing != nil, let backup = entries[i].backup {
                rename(backup, target)
            } else if existing == nil {
                unlink(target)
            }
        }
    }

    /// Removes every temporary file and created folder; streams are closed as they are.
    func abort() {
        guard !finished else { return }
        finished = true
        for i in entries.indices {
            if entries[i].ownsDescriptor, let sink = entries[i].sink { close(sink.fd) }
            entries[i].ownsDescriptor = false
            if let temporary = entries[i].temporary { unlink(temporary) }
            SignalCleanup.forget(file: entries[i].fileSlot)
            entries[i].temporary = nil
        }
        for folder in createdFolders.reversed() {
            rmdir(folder.path)
            SignalCleanup.forget(folder: folder.slot)
        }
        createdFolders = []
    }
}

/// A file a run reads, which no output may replace: `InputFile(path: "run.json", role: "the manifest")`.
struct InputFile: Sendable {
    var path: String
    /// How messages name it: `the manifest`, `A`, `the surface file`.
    var role: String
}
