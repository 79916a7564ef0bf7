import CDeflate
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The pixel layouts a PNG can be written in here (8 bits per channel).
public enum PNGColor: Sendable, Hashable {
    /// Red, green, blue: 3 bytes a pixel (colour type 2).
    case rgb
    /// Red, green, blue, straight (not premultiplied) alpha: 4 bytes a pixel (colour type 6).
    case rgba

    public var bytesPerPixel: Int { self == .rgb ? 3 : 4 }
    var colorType: UInt8 { self == .rgb ? 2 : 6 }
}

/// Why a PNG could not be written.
public enum PNGError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Width or height outside 1...2³¹−1, or an image too large to hold in memory.
    case invalidSize(width: Int, height: Int)
    /// libdeflate could not allocate its compressor.
    case outOfMemory

    public var description: String {
        switch self {
        case .invalidSize(let w, let h): return "cannot write a \(w)×\(h) PNG"
        case .outOfMemory: return "out of memory while compressing the PNG"
        }
    }
}

/// A PNG encoder: rows in, file bytes out.
///
/// Every row is filtered with PNG's Up filter (each byte minus the byte above it), which turns the
/// flat colour bands of a figure into runs of zeros, then the whole image is compressed as one zlib
/// stream by libdeflate. The file holds IHDR, a bKGD of white (as Cairo's writer adds), one IDAT and
/// IEND; the same pixels give the same bytes.
///
///     let png = try PNGEncoder.encode(width: 2, height: 1, color: .rgb) { y, row in
///         row.update(from: [255, 0, 0, 0, 0, 255])    // a red and a blue pixel
///     }
///
/// Specification: W3C, "Portable Network Graphics (PNG) Specification (Third Edition)", 2025;
/// RFC 1950 (zlib) and RFC 1951 (DEFLATE).
public enum PNGEncoder {
    /// libdeflate's level 2. Its level 1 has the faster match finder on text, but on figures,
    /// whose Up-filtered rows are long runs of zeros, level 2's hash chains find the long matches
    /// sooner: the default figure's rows compress in 8.2 ms at level 2 against 9.5 at level 1
    /// (libdeflate 1.14, median of 15), Beale's 8.9 against 10.3, and the files are 0.2-0.8%
    /// smaller; a grid of 18 facets, 4% slower. Level 6 is 3% smaller for 35% more time.
    public static let defaultLevel = 2

    /// Encodes a `width × height` image whose rows `fill(y, row)` writes, top to bottom, into `row`
    /// (`width · color.bytesPerPixel` bytes, left to right).
    ///
    /// - Throws: ``PNGError`` for an impossible size or when memory runs out.
    /// - Complexity: O(width · height); one buffer of the filtered image (height · (1 + row bytes)).
    public static func encode(width: Int, height: Int, color: PNGColor, level: Int = defaultLevel,
                              fill: (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) throws(PNGError) -> [UInt8] {
        let (rowBytes, stride) = try layout(width: width, height: height, color: color)
        // The filtered image: each row is its filter type (2, Up) and the differences.
        // Every byte is written below, so the buffer need not be zeroed first.
        let filtered = [UInt8](unsafeUninitializedCapacity: stride * height) { out, initialized in
            filterRows(0..<height, rowBytes: rowBytes, into: out.baseAddress!, fill: fill)
            initialized = stride * height
        }
        return try assemble(width: width, height: height, color: color, filtered: filtered, stride: stride, level: level)
    }

    /// ``encode(width:height:color:level:fill:)`` for a `fill` that may run on several threads at
    /// once (each row is asked for by one thread, and the row above each piece's first row once
    /// more): large images are filtered in ``pieces`` runs of rows on separate cores. The bytes
    /// are those of the one-thread encoder.
    public static func encodeConcurrently(width: Int, height: Int, color: PNGColor, level: Int = defaultLevel,
                                          fill: @Sendable (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) throws(PNGError) -> [UInt8] {
        let (rowBytes, stride) = try layout(width: width, height: height, color: color)
        let count = stride * height
        let runs = count >= parallelThreshold && height >= pieces ? pieces : 1
        let filtered = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            let base = SendableMutablePointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: runs) { k in
                let rows = (k * height / runs)..<((k + 1) * height / runs)
                filterRows(rows, rowBytes: rowBytes, into: base.pointer + rows.lowerBound * stride, fill: fill)
            }
            initialized = count
        }
        return try assemble(width: width, height: height, color: color, filtered: filtered, stride: stride, level: level)
    }

    /// Row bytes and filtered row bytes (one more: the filter type), or the size refused.
    static func layout(width: Int, height: Int, color: PNGColor) throws(PNGError) -> (rowBytes: Int, stride: Int) {
        let rowBytes = width.multipliedReportingOverflow(by: color.bytesPerPixel)
        guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height), !rowBytes.overflow,
              !(rowBytes.partialValue + 1).multipliedReportingOverflow(by: height).overflow else {
            throw .invalidSize(width: width, height: height)
        }
        return (rowBytes.partialValue, rowBytes.partialValue + 1)
    }

    /// Writes rows `rows` filtered (type byte 2, then each byte minus the one above) from `out`
    /// on; the row above the first is asked of `fill` too (zeros above row 0, PNG 9.2).
    static func filterRows(_ rows: Range<Int>, rowBytes: Int, into out: UnsafeMutablePointer<UInt8>, firstRowAlone: Bool = false,
                           fill: (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) {
        var current = [UInt8](repeating: 0, count: rowBytes)
        var above = [UInt8](repeating: 0, count: rowBytes)
        if rows.lowerBound > 0 && !firstRowAlone { above.withUnsafeMutableBufferPointer { row in fill(rows.lowerBound - 1, row) } }
        var line = out
        for y in rows {
            current.withUnsafeMutableBufferPointer { row in fill(y, row) }
            // Filter type 2 (Up); 0 (None) for a first row filtered without the row above, which
            // is then the row itself, as Up against zeros.
            line[0] = firstRowAlone && y == rows.lowerBound ? 0 : 2
            current.withUnsafeBufferPointer { c in
                above.withUnsafeBufferPointer { a in upFilter(c, above: a, into: UnsafeMutableBufferPointer(start: line + 1, count: rowBytes)) }
            }
            swap(&current, &above)
            line += rowBytes + 1
        }
    }

    /// The PNG file of a filtered image.
    static func assemble(width: Int, height: Int, color: PNGColor, filtered: [UInt8], stride: Int, level: Int) throws(PNGError) -> [UInt8] {
        file(width: width, height: height, color: color, zlib: try zlibStream(filtered, rowBytes: stride, level: level))
    }

    /// The PNG file around a zlib stream of filtered rows: signature, IHDR, bKGD, IDAT, IEND.
    static func file(width: Int, height: Int, color: PNGColor, zlib: [UInt8]) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(zlib.count + 64)
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width)); header.appendBigEndian(UInt32(height))
        // Bit depth 8; colour type; compression 0 (deflate), filter method 0, no interlace.
        header += [8, color.colorType, 0, 0, 0]
        png.appendChunk("IHDR", header[...])
        // White, as Cairo writes it: the background a viewer shows behind transparent pixels.
        png.appendChunk("bKGD", [0, 255, 0, 255, 0, 255][...])
        // Chunks hold at most 2³¹ − 1 bytes (PNG 5.3); a decoder joins consecutive IDATs.
        var start = 0
        repeat {
            let end = Swift.min(zlib.count, start + (1 << 30))
            png.appendChunk("IDAT", zlib[start..<end])
            start = end
        } while start < zlib.count
        png.appendChunk("IEND", [][...])
        return png
    }

    /// The pieces a large image's DEFLATE stream is made in, one per thread: always this many,
    /// whatever the cores, so that the bytes never depend on the machine.
    static let pieces = 2
    /// Below this many filtered bytes, one stream on one core (threads cost more than they save).
    static let parallelThreshold = 1 << 18

    /// The first row of piece `k` of `rows` rows: the pieces before the last get 2 shares, the
    /// last 3, since each earlier piece's thread also walks its stream (``DeflateJoin/opened(_:)``),
    /// about half again the compression's work.
    static func pieceStart(_ k: Int, rows: Int) -> Int { k == pieces ? rows : rows * 2 * k / (2 * pieces + 1) }

    /// `filtered` (rows of `rowBytes`) as one zlib stream (RFC 1950). Large images are split into
    /// ``pieces`` runs of whole rows compressed at once on separate cores and joined into one
    /// DEFLATE stream (``DeflateJoin``); the checksum is the Adler-32 of the whole.
    static func zlibStream(_ filtered: [UInt8], rowBytes: Int, level: Int) throws(PNGError) -> [UInt8] {
        let rows = filtered.count / rowBytes
        guard filtered.count >= parallelThreshold, rows >= 2 * pieces else { return try Compressor(level: level).zlib(filtered) }
        var compressors: [Compressor] = []
        for _ in 0..<pieces { compressors.append(try Compressor(level: level)) }
        let parts = PieceResults(count: pieces)
        let shared = SendableCompressors(compressors)
        filtered.withUnsafeBufferPointer { all in
            let input = SendableBytes(all)
            DispatchQueue.concurrentPerform(iterations: pieces) { k in
                let from = pieceStart(k, rows: rows) * rowBytes, to = pieceStart(k + 1, rows: rows) * rowBytes
                let stream = shared.compressors[k].deflate(UnsafeBufferPointer(rebasing: input.bytes[from..<to]))
                // Every piece but the last is made to continue (nil if it could not be walked).
                parts.set(k, k + 1 < pieces ? DeflateJoin.opened(stream) : stream)
            }
        }
        let streams = parts.values
        guard streams.allSatisfy({ $0 != nil }) else { return try Compressor(level: level).zlib(filtered) }
        let deflate = streams.flatMap { $0! }
        // CMF 0x78: deflate with a 32 KiB window; FLG: the level and the header check (RFC 1950, 2.2).
        var out: [UInt8] = [0x78, zlibFlag(level: level)]
        out.reserveCapacity(deflate.count + 6)
        out += deflate
        let adler = filtered.withUnsafeBytes { libdeflate_adler32(1, $0.baseAddress, $0.count) }
        out.appendBigEndian(adler)
        return out
    }

    /// The zlib header's FLG byte for a libdeflate level, as libdeflate writes it: the level
    /// class in its top two bits and the header check that makes 0x78FLG a multiple of 31.
    static func zlibFlag(level: Int) -> UInt8 { level < 2 ? 0x01 : level < 6 ? 0x5E : level == 6 ? 0x9C : 0xDA }

    /// out[i] = row[i] − above[i] (mod 256): PNG's filter type 2.
    @inline(__always)
    static func upFilter(_ row: UnsafeBufferPointer<UInt8>, above: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        let r = row.baseAddress!, a = above.baseAddress!, o = out.baseAddress!
        for i in 0..<row.count { o[i] = r[i] &- a[i] }
    }
}

/// A libdeflate compressor, freed with its owner.
final class Compressor {
    let pointer: OpaquePointer

    init(level: Int) throws(PNGError) {
        guard let p = libdeflate_alloc_compressor(Int32(max(0, min(12, level)))) else { throw .outOfMemory }
        pointer = p
    }

    deinit { libdeflate_free_compressor(pointer) }

    /// `data` as one raw DEFLATE stream (RFC 1951).
    func deflate(_ data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let bound = libdeflate_deflate_compress_bound(pointer, data.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { output, initialized in
            let written = libdeflate_deflate_compress(pointer, data.baseAddress, data.count, output.baseAddress, output.count)
            precondition(written > 0, "libdeflate_deflate_compress_bound was too small")
            initialized = written
        }
    }

    /// `data` as one zlib stream (RFC 1950).
    func zlib(_ data: [UInt8]) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(pointer, data.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { output, initialized in
            let written = data.withUnsafeBytes { input in
                libdeflate_zlib_compress(pointer, input.baseAddress, input.count, output.baseAddress, output.count)
            }
            // The bound is libdeflate's guarantee for any input: 0 (no room) cannot happen.
            precondition(written > 0, "libdeflate_zlib_compress_bound was too small")
            initialized = written
        }
    }
}

/// The filtered image's buffer, written by every thread in its own rows.
struct SendableMutablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt8>
    init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }
}

/// The compressors of the pieces, one per thread.
struct SendableCompressors: @unchecked Sendable {
    let compressors: [Compressor]
    init(_ compressors: [Compressor]) { self.compressors = compressors }
}

/// The filtered image, read by every thread.
struct SendableBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
}

/// Each piece's stream, stored by its thread under a lock.
final class PieceResults: @unchecked Sendable {
    private var parts: [[UInt8]?]
    private var mutex = pthread_mutex_t()
    init(count: Int) {
        parts = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
    }
    deinit { pthread_mutex_destroy(&mutex) }
    func set(_ k: Int, _ bytes: [UInt8]?) {
        pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }
        parts[k] = bytes
    }
    var values: [[UInt8]?] {
        pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }
        return parts
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ v: UInt32) {
        append(UInt8(v >> 24)); append(UInt8((v >> 16) & 0xFF)); append(UInt8((v >> 8) & 0xFF)); append(UInt8(v & 0xFF))
    }

    /// Length, type, data and the CRC-32 of type and data (PNG 5.3).
    mutating func appendChunk(_ type: String, _ data: ArraySlice<UInt8>) {
        let typeBytes = Array(type.utf8)
        appendBigEndian(UInt32(data.count))
        append(contentsOf: typeBytes)
        append(contentsOf: data)
        var crc = typeBytes.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        crc = data.withUnsafeBytes { libdeflate_crc32(crc, $0.baseAddress, $0.count) }
        appendBigEndian(crc)
    }
}
