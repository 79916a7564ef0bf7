import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small file shared by a fuzz worker and the driver through `mmap(MAP_SHARED)`: the index of
/// the input being run, that input's bytes and the counts so far.
///
/// The worker copies each input into it before running it (a `memcpy`, no system call), so when
/// a crash kills the worker, the input that killed it is still in the file (the kernel keeps a
/// shared mapping's pages), and the driver knows where to restart.
final class StateFile {
    static let headerSize = 64
    /// Inputs longer than this are stored cut (the length field still holds the full length).
    static let inputCapacity = 4 << 20

    let path: String
    private let base: UnsafeMutableRawPointer
    private let size = headerSize + inputCapacity

    /// Opens (creating and zeroing when `create`) the file at `path`.
    init?(path: String, create: Bool) {
        self.path = path
        let fd = open(path, create ? O_RDWR | O_CREAT | O_TRUNC : O_RDWR, 0o644)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if create, ftruncate(fd, off_t(size)) != 0 { return nil }
        guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else { return nil }
        base = p
    }

    deinit { munmap(base, size) }

    private func field(_ i: Int) -> UnsafeMutablePointer<UInt64> {
        (base + 8 * i).assumingMemoryBound(to: UInt64.self)
    }

    /// The index of the input being run (or the last one run).
    var index: Int { get { Int(field(0).pointee) } set { field(0).pointee = UInt64(newValue) } }
    var accepted: Int { get { Int(field(2).pointee) } set { field(2).pointee = UInt64(newValue) } }
    var refused: Int { get { Int(field(3).pointee) } set { field(3).pointee = UInt64(newValue) } }
    /// Set when the worker finished its range.
    var done: Bool { get { field(4).pointee == 1 } set { field(4).pointee = newValue ? 1 : 0 } }
    /// Set while an input is being run: a worker that dies with it set died on that input.
    var running: Bool { get { field(5).pointee == 1 } set { field(5).pointee = newValue ? 1 : 0 } }

    /// Records `bytes` as the input about to run.
    func store(_ bytes: [UInt8], index: Int) {
        self.index = index
        field(1).pointee = UInt64(bytes.count)
        let n = min(bytes.count, Self.inputCapacity)
        bytes.withUnsafeBytes { (base + Self.headerSize).copyMemory(from: $0.baseAddress!, byteCount: n) }
        running = true
    }

    /// The input last stored, and whether it was cut to fit.
    var input: (bytes: [UInt8], cut: Bool) {
        let length = Int(field(1).pointee)
        let n = min(length, Self.inputCapacity)
        return (Array(UnsafeRawBufferPointer(start: base + Self.headerSize, count: n)), n < length)
    }
}
