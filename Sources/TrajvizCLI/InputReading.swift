#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Regression

/// Reads an input file named on the command line (a manifest, a path file, a figure), with one
/// message per way it can fail: `cannot read 'run.json': no such file`, `...: it is a folder`,
/// `...: Permission denied`.
enum InputReading {
    /// The bytes of `path`. `kind`: the exit status class of a failure (1 for most commands;
    /// `compare` keeps 2 for an unreadable file, since its 1 means "differ").
    static func read(_ path: String, failing kind: CLIError.Kind = .failure) throws(CLIError) -> [UInt8] {
        let (fd, isRegular, size) = try open(path, failing: kind)
        defer { close(fd) }
        return try readAll(fd, path: path, failing: kind, sizeHint: isRegular ? size : 0)
    }

    /// `path` opened for reading, checked: not empty, there, readable, not a folder (each with
    /// its message); whether it is a regular file (a pipe or FIFO reads once, in order) and its size.
    static func open(_ path: String, failing kind: CLIError.Kind) throws(CLIError) -> (fd: Int32, isRegular: Bool, size: Int) {
        func fail(_ reason: String) -> CLIError { CLIError(kind: kind, message: "cannot read '\(path)': \(reason)") }
        if path.isEmpty { throw CLIError(kind: .usage, message: "an input file name is empty") }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw fail(errno == ENOENT ? "no such file" : Terminal.describe(errno: errno))
        }
        var s = stat()
        let reason = fstat(fd, &s) != 0 ? Terminal.describe(errno: errno)
            : UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR) ? "it is a folder" : nil
        if let reason {
            close(fd)
            throw fail(reason)
        }
        return (fd, UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG), Int(s.st_size))
    }

    /// Everything left to read from `fd`.
    static func readAll(_ fd: Int32, path: String, failing kind: CLIError.Kind, sizeHint: Int) throws(CLIError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(kind: kind, message: "cannot read '\(path)': \(Terminal.describe(errno: errno))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}

/// An input file read in chunks, for commands that stream through large files (`compare` of
/// two path CSVs). Opened with the checks and messages of ``InputReading/read(_:failing:)``; a
/// read error ends the chunks and is kept in ``problem``.
final class InputChunks {
    private let fd: Int32
    private let path: String
    private let kind: CLIError.Kind
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    /// The read error that ended the chunks early, if any.
    private(set) var problem: CLIError?

    init(_ path: String, failing kind: CLIError.Kind = .failure) throws(CLIError) {
        self.path = path; self.kind = kind
        fd = try InputReading.open(path, failing: kind).fd
    }

    deinit { close(fd) }

    /// The next chunk (up to 1 MiB), or nil at the end of the file or after a read error.
    func next() -> [UInt8]? {
        guard problem == nil else { return nil }
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                problem = CLIError(kind: kind, message: "cannot read '\(path)': \(Terminal.describe(errno: errno))")
                return nil
            }
            return n == 0 ? nil : Array(buffer[0..<n])
        }
    }
}

/// An input file read at any offset (`pread`), for readers that go through a large file in
/// windows and come back to parts of it (a manifest's number arrays: ``ManifestReader``).
/// Opened with the checks and messages of ``InputReading/read(_:failing:)``; a read error ends
/// the data and is kept in ``problem``. A pipe or FIFO (`replay <(zcat run.json.gz)`) cannot be
/// read twice: it is read whole at once, and served from memory.
final class InputSource: JSONByteSource {
    private let fd: Int32
    private let path: String
    private let kind: CLIError.Kind
    /// A pipe's bytes, read whole (nil for a regular file, read in place).
    private let held: JSONBytes?
    /// The read error that ended the data early, if any.
    private(set) var problem: CLIError?

    init(_ path: String, failing kind: CLIError.Kind = .failure) throws(CLIError) {
        self.path = path; self.kind = kind
        let opened = try InputReading.open(path, failing: kind)
        fd = opened.fd
        if opened.isRegular {
            held = nil
        } else {
            do { held = JSONBytes(try InputReading.readAll(fd, path: path, failing: kind, sizeHint: 0)) } catch {
                close(fd)
                throw error
            }
        }
    }

    deinit { close(fd) }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if let held { return held.read(at: offset, into: buffer) }
        guard problem == nil, buffer.count > 0 else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                problem = CLIError(kind: kind, message: "cannot read '\(path)': \(Terminal.describe(errno: errno))")
                return 0
            }
            if n == 0 { break }
            done += n
        }
        return done
    }
}
