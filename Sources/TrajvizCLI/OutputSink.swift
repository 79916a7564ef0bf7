#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output of a run while it is being written: bytes go in as they are produced (a CSV row
/// at a time if the writer likes), through a 64 KiB buffer, into the output's temporary file,
/// or straight through to a stream (standard output, a device, a FIFO). Nothing reaches a
/// regular file's real name until ``OutputTransaction/commit(status:statusToStderr:)``.
///
///     let csv = transaction.sink(for: csvFile)
///     try csv.write(header)
///     for row in rows { try csv.write(row) }
///     try transaction.commit(status: "wrote paths.csv\n")
///
/// A failed write (a full disk, a closed pipe) throws a failure naming the output; the
/// transaction then removes every temporary file when it is dropped.
public final class OutputSink {
    /// The output as the user named it (for messages).
    let file: OutputFile
    let fd: Int32
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 16
    /// How many bytes went in.
    private(set) var count = 0

    init(file: OutputFile, fd: Int32) {
        self.file = file
        self.fd = fd
        buffer.reserveCapacity(Self.capacity)
    }

    /// Appends `bytes`.
    func write<C: Collection>(_ bytes: C) throws(CLIError) where C.Element == UInt8 {
        count += bytes.count
        if buffer.count + bytes.count > Self.capacity {
            try flush()
            if bytes.count >= Self.capacity {
                let all = Array(bytes)
                try send(all)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Appends the UTF-8 bytes of `text`.
    func write(_ text: String) throws(CLIError) {
        try write(text.utf8)
    }

    /// Sends what is buffered.
    func flush() throws(CLIError) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try send(buffer)
    }

    private func send(_ bytes: [UInt8]) throws(CLIError) {
        if let problem = Terminal.writeAll(fd, bytes) {
            throw .failure("cannot write \(file.describedForMessages): \(problem)")
        }
    }
}

extension OutputFile {
    /// `--csv 'paths.csv'`, or `--csv to standard output`.
    var describedForMessages: String {
        isStandardOutput ? "\(option) to standard output" : "\(option) '\(path)'"
    }
}
