#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard streams, written unbuffered (so that stdout and stderr interleave in
/// the order written) with plain `write(2)`: a full disk, a closed stream or a closed pipe is
/// an error trajviz reports, never a trap.
///
/// A failed write to stdout is remembered (``outFailure``) and later writes are skipped; the
/// command checks it (``checkOut()``) before it commits its files, and the entry point after the
/// command, so the run ends with one line on stderr and exit status 1. A failed write to stderr
/// has nowhere to be reported and is ignored.
enum Terminal {
    /// Why stdout could not be written (`No space left on device`), once it failed.
    nonisolated(unsafe) private(set) static var outFailure: String?

    /// Makes sure descriptors 0, 1 and 2 are taken before any file is opened: when trajviz is
    /// started with one closed (`>&-`), the first file it opens would get that number, and
    /// status lines would land inside an output file. A closed stream is held by /dev/null opened
    /// read-only, so writing to it fails as "closed" and is reported.
    static func reserveStandardDescriptors() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0, opened != fd { dup2(opened, fd); close(opened) }
            if fd == STDOUT_FILENO { outFailure = "it is closed" }
        }
    }

    static func out(_ text: String) { out(Array(text.utf8)) }

    static func out(_ bytes: [UInt8]) {
        guard outFailure == nil else { return }
        if let problem = writeAll(STDOUT_FILENO, bytes) { outFailure = problem }
    }

    static func err(_ text: String) { _ = writeAll(STDERR_FILENO, Array(text.utf8)) }

    /// Throws the failure of an earlier write to stdout, if any.
    static func checkOut() throws(CLIError) {
        if let outFailure { throw .failure("cannot write standard output: \(outFailure)") }
    }

    /// Whether stderr is a terminal (progress bars only go there).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Whether stdout is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Writes every byte to `fd`, retrying after interruptions and short writes; nil when all
    /// went, else the reason (`No space left on device`, `it is closed`).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer in writeAll(fd, buffer) }
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return describe(errno: errno)
            }
            offset += n
        }
        return nil
    }

    /// The reason for `errno` in words: "it is closed" for a stream closed at start (EBADF),
    /// the system's text otherwise.
    static func describe(errno code: Int32) -> String {
        code == EBADF ? "it is closed" : String(cString: strerror(code))
    }
}
