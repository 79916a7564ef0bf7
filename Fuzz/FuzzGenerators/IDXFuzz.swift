import Foundation
import MNIST

/// IDX files, raw and gzipped: ``readIDX(_:kind:)`` as images and as labels (through a scratch
/// file, since the reader takes a path and sniffs the gzip magic itself), then, for a file that
/// reads, ``MNISTSplit/load(images:labels:)`` with a matching companion file, so the checks
/// between the two files and the split's own arithmetic run too.
public enum IDXFuzz {
    public static let target = FuzzTarget(
        name: "idx", summary: "readIDX (raw and gzip) as images and labels, MNISTSplit.load",
        binarySeeds: [
            idx(magic: 0x801, dims: [10], payload: Array(0..<10)),
            idx(magic: 0x803, dims: [2, 3, 3], payload: (0..<18).map { UInt8($0 * 10) }),
            // Real deflate streams (Python's gzip, mtime 0) of the two files above.
            [UInt8](Data(base64Encoded: "H4sIAAAAAAACA2Ng4GBkYGDgYmBkYmZhZWPn4AQAXmy66RIAAAA=")!),
            [UInt8](Data(base64Encoded: "H4sIAAAAAAACA2Ng4GBmYGBgAmJmMOYSkdMwsnELiErJq2jqmbZgFQAb1wmdIgAAAA==")!),
            gzip(idx(magic: 0x801, dims: [3], payload: [1, 2, 3])),
            idx(magic: 0x803, dims: [0, 0xFFFF_FFFF, 0xFFFF_FFFF], payload: []),
            idx(magic: 0x803, dims: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], payload: []),
            [],
        ],
        dictionary: [],
        generate: generate, run: run)

    /// The bytes of an IDX file: magic, big-endian sizes, payload.
    static func idx(magic: UInt32, dims: [UInt32], payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for w in [magic] + dims { out += [UInt8(w >> 24), UInt8(w >> 16 & 0xFF), UInt8(w >> 8 & 0xFF), UInt8(w & 0xFF)] }
        return out + payload
    }

    static func generate(_ rng: inout FuzzRandom) -> [UInt8] {
        let images = rng.chance(0.5)
        let magic: UInt32 = rng.below(10) == 0 ? rng.pick(Mutator.interestingWords) : (images ? 0x803 : 0x801)
        var dims: [UInt32] = []
        for k in 0..<(images ? 3 : 1) {
            dims.append(rng.below(12) == 0 ? rng.pick(Mutator.interestingWords) : UInt32(rng.smallSize(k == 0 ? 40 : 12)))
        }
        if rng.below(20) == 0 { dims.removeLast() }
        // The payload the header announces, give or take a few bytes, when that is small.
        let announced = dims.reduce(UInt64(1)) { $0.multipliedReportingOverflow(by: UInt64($1)).partialValue }
        var count = announced <= 4_096 ? Int(announced) : rng.smallSize(64)
        if rng.below(5) == 0 { count = max(0, count + rng.int(-3...3)) }
        let payload = (0..<count).map { _ in rng.chance(0.8) ? UInt8(rng.below(10)) : UInt8(truncatingIfNeeded: rng.next()) }
        let raw = idx(magic: magic, dims: dims, payload: payload)
        switch rng.below(8) {
        case 0..<3: return raw
        case 3, 4: return gzip(raw)
        case 5: return gzip(raw) + gzip(Array(raw.prefix(rng.below(raw.count + 1))))   // two members
        case 6:
            var g = gzip(raw)                                                         // damaged member
            switch rng.below(4) {
            case 0: g.removeLast(rng.below(g.count + 1))                              // truncated
            case 1: g[g.count - 1 - rng.below(8)] ^= 0xFF                             // CRC or ISIZE wrong
            case 2: g += [UInt8](repeating: 0, count: rng.smallSize(600))             // zero padding
            default: g += Array(rng.pick(["junk", "\u{1F}", "\u{1F}\u{8B}"]).utf8)
            }
            return g
        default:
            // ISIZE (the last four bytes) claiming far more than the stream holds.
            var g = gzip(raw)
            let claim = rng.pick(Mutator.interestingWords)
            for k in 0..<4 { g[g.count - 4 + k] = UInt8(truncatingIfNeeded: claim >> (8 * UInt32(k))) }
            return g
        }
    }

    // MARK: gzip

    /// A gzip member (RFC 1952) holding `data` in stored deflate blocks (RFC 1951 §3.2.4):
    /// no compression, so the generator controls every byte and needs no zlib.
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var rest = data[...]
        repeat {
            let block = rest.prefix(65_535)
            rest = rest.dropFirst(block.count)
            let n = UInt16(block.count)
            out += [rest.isEmpty ? 1 : 0, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)]
            out += block
        } while !rest.isEmpty
        let crc = crc32(data), size = UInt32(truncatingIfNeeded: data.count)
        for w in [crc, size] { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: w >> (8 * UInt32(k)))) } }
        return out
    }

    /// CRC-32 as gzip uses it (reflected polynomial 0xEDB88320).
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    // MARK: running

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let scratch = ScratchFiles()
        defer { scratch.remove() }
        guard scratch.write(bytes, to: scratch.a) else { return .refused }
        var accepted = false
        do {
            let images = try readIDX(scratch.a, kind: .images)
            accepted = true
            if images.count <= 10_000, scratch.write(idx(magic: 0x801, dims: [UInt32(images.count)],
                                                          payload: (0..<images.count).map { UInt8($0 % 10) }), to: scratch.b) {
                split(images: scratch.a, labels: scratch.b)
            }
        } catch {
            _ = error.description
        }
        do {
            let labels = try readIDX(scratch.a, kind: .labels)
            accepted = true
            if labels.count <= 10_000, scratch.write(idx(magic: 0x803, dims: [UInt32(labels.count), 1, 1],
                                                          payload: [UInt8](repeating: 7, count: labels.count)), to: scratch.b) {
                split(images: scratch.b, labels: scratch.a)
            }
        } catch {
            _ = error.description
        }
        return accepted ? .accepted : .refused
    }

    static func split(images: String, labels: String) {
        do {
            let s = try MNISTSplit.load(images: images, labels: labels)
            _ = s.images.reduce(0, +)
        } catch {
            _ = error.description
        }
    }
}

/// Two scratch files unique to one call (tests run targets concurrently in one process), in
/// memory-backed /dev/shm when there is one.
struct ScratchFiles {
    let a: String
    let b: String

    init() {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let stem = (folder as NSString).appendingPathComponent("trajviz-fuzz-\(getpid())-\(UUID().uuidString)")
        a = stem + "-a"
        b = stem + "-b"
    }

    func write(_ bytes: [UInt8], to path: String) -> Bool {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    func remove() {
        unlink(a)
        unlink(b)
    }
}
