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
        func fail(_ reason: String) -> CLIError { CLIError(kind: kind, message: "cannot read '\(path)': \(reason)") }
        if path.isEmpty { throw CLIError(kind: .usage, message: "an input file name is empty") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw fail(errno == ENOENT ? "no such file" : Terminal.describe(errno: errno))
        }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { throw fail(Terminal.describe(errno: errno)) }
        if UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR) { throw fail("it is a folder") }
        var bytes: [UInt8] = []
        if UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG) { bytes.reserveCapacity(Int(s.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(Terminal.describe(errno: errno))
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
        if path.isEmpty { throw CLIError(kind: .usage, message: "an input file name is empty") }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError(kind: kind, message: "cannot read '\(path)': " + (errno == ENOENT ? "no such file" : Terminal.describe(errno: errno)))
        }
        var s = stat()
        let reason = fstat(fd, &s) != 0 ? Terminal.describe(errno: errno)
            : UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR) ? "it is a folder" : nil
        if let reason {
            close(fd)
            throw CLIError(kind: kind, message: "cannot read '\(path)': \(reason)")
        }
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
/// the data and is kept in ``problem``.
final class InputSource: JSONByteSource {
    private let fd: Int32
    private let path: String
    private let kind: CLIError.Kind
    /// The read error that ended the data early, if any.
    private(set) var problem: CLIError?

    init(_ path: String, failing kind: CLIError.Kind = .failure) throws(CLIError) {
        self.path = path; self.kind = kind
        if path.isEmpty { throw CLIError(kind: .usage, message: "an input file name is empty") }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError(kind: kind, message: "cannot read '\(path)': " + (errno == ENOENT ? "no such file" : Terminal.describe(errno: errno)))
        }
        var s = stat()
        let reason = fstat(fd, &s) != 0 ? Terminal.describe(errno: errno)
            : UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR) ? "it is a folder" : nil
        if let reason {
            close(fd)
            throw CLIError(kind: kind, message: "cannot read '\(path)': \(reason)")
        }
    }

    deinit { close(fd) }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
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
