import CISAL
import Jobs
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
    /// The compressor's working memory could not be allocated.
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
/// Rows are stored unfiltered (PNG filter type 0) and the whole image is compressed as one zlib
/// stream by ISA-L's igzip. On figures, a row like the one above is one match a row's bytes back,
/// so unfiltered rows compress about as well as Up-filtered ones (the default figure 2% smaller,
/// Beale 13%, a landscape 9%; an MNIST figure and 18 facets 1-2% larger), with no filter to
/// compute. The file holds IHDR, a bKGD of white (as Cairo's writer adds), one IDAT and IEND;
/// the same pixels give the same bytes.
///
///     let png = try PNGEncoder.encode(width: 2, height: 1, color: .rgb) { y, row in
///         row.update(from: [255, 0, 0, 0, 0, 255])    // a red and a blue pixel
///     }
///
/// Specification: W3C, "Portable Network Graphics (PNG) Specification (Third Edition)", 2025;
/// RFC 1950 (zlib) and RFC 1951 (DEFLATE).
public enum PNGEncoder {
    /// igzip's level 2 (of 0-3). On the default figure it compresses in 1.7 ms what libdeflate's
    /// level 2 with the Up filter did in 8.1 (4.7x faster; Beale 5.8x, an MNIST figure 6.6x, 18
    /// facets 4.2x; best of 11 in one process), for files between 6% smaller (Beale) and 16%
    /// larger (MNIST curves; the default figure +4%). Level 1 is as fast and 0.2-1.3% larger;
    /// level 3 is 5x slower and larger still on figures.
    public static let defaultLevel = 2

    /// Encodes a `width × height` image whose rows `fill(y, row)` writes, top to bottom, into `row`
    /// (`width · color.bytesPerPixel` bytes, left to right).
    ///
    /// - Throws: ``PNGError`` for an impossible size or when memory runs out.
    /// - Complexity: O(width · height); one buffer of the image's rows (height · (1 + row bytes)).
    public static func encode(width: Int, height: Int, color: PNGColor, level: Int = defaultLevel,
                              fill: (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) throws(PNGError) -> [UInt8] {
        let (rowBytes, stride) = try layout(width: width, height: height, color: color)
        // Every byte is written below, so the buffer need not be zeroed first.
        let lines = [UInt8](unsafeUninitializedCapacity: stride * height) { out, initialized in
            writeRows(0..<height, rowBytes: rowBytes, into: out.baseAddress!, fill: fill)
            initialized = stride * height
        }
        return try assemble(width: width, height: height, color: color, lines: lines, stride: stride, level: level)
    }

    /// ``encode(width:height:color:level:fill:)`` for a `fill` that may run on several threads at
    /// once (each row is asked for by one thread): large images are gathered in ``pieces`` runs of
    /// rows on separate cores. The bytes are those of the one-thread encoder.
    public static func encodeConcurrently(width: Int, height: Int, color: PNGColor, level: Int = defaultLevel,
                                          fill: @Sendable (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) throws(PNGError) -> [UInt8] {
        let (rowBytes, stride) = try layout(width: width, height: height, color: color)
        let count = stride * height
        let runs = count >= parallelThreshold && height >= pieces ? pieces : 1
        let lines = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            let base = SendableMutablePointer(out.baseAddress!)
            _ = parallelMap(Array(0..<runs)) { k in
                let rows = (k * height / runs)..<((k + 1) * height / runs)
                writeRows(rows, rowBytes: rowBytes, into: base.pointer + rows.lowerBound * stride, fill: fill)
            }
            initialized = count
        }
        return try assemble(width: width, height: height, color: color, lines: lines, stride: stride, level: level)
    }

    /// Row bytes and the bytes of a row as stored (one more: its filter type), or the size refused.
    static func layout(width: Int, height: Int, color: PNGColor) throws(PNGError) -> (rowBytes: Int, stride: Int) {
        let rowBytes = width.multipliedReportingOverflow(by: color.bytesPerPixel)
        guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height), !rowBytes.overflow,
              !(rowBytes.partialValue + 1).multipliedReportingOverflow(by: height).overflow else {
            throw .invalidSize(width: width, height: height)
        }
        return (rowBytes.partialValue, rowBytes.partialValue + 1)
    }

    /// Writes rows `rows` from `out` on, each its filter type (0, None) and the row `fill` writes.
    static func writeRows(_ rows: Range<Int>, rowBytes: Int, into out: UnsafeMutablePointer<UInt8>,
                          fill: (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) {
        var line = out
        for y in rows {
            line[0] = 0
            fill(y, UnsafeMutableBufferPointer(start: line + 1, count: rowBytes))
            line += rowBytes + 1
        }
    }

    /// The PNG file of an image's rows, each led by its filter type.
    static func assemble(width: Int, height: Int, color: PNGColor, lines: [UInt8], stride: Int, level: Int) throws(PNGError) -> [UInt8] {
        file(width: width, height: height, color: color, zlib: try zlibStream(lines, rowBytes: stride, level: level))
    }

    /// The PNG file around a zlib stream of the rows: signature, IHDR, bKGD, IDAT, IEND.
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
    /// Below this many bytes of rows, one stream on one core (threads cost more than they save).
    static let parallelThreshold = 1 << 18

    /// `lines` (rows of `rowBytes`) as one zlib stream (RFC 1950). Large images are split into
    /// ``pieces`` runs of whole rows compressed at once on separate cores; every piece but the last
    /// ends byte-aligned and open (a full flush), so the pieces joined are one DEFLATE stream.
    static func zlibStream(_ lines: [UInt8], rowBytes: Int, level: Int) throws(PNGError) -> [UInt8] {
        let rows = lines.count / rowBytes
        let runs = lines.count >= parallelThreshold && rows >= 2 * pieces ? pieces : 1
        let parts = lines.withUnsafeBufferPointer { all in
            let input = SendableBytes(all)
            return parallelMap(Array(0..<runs)) { k in
                let from = k * rows / runs * rowBytes, to = (k + 1) * rows / runs * rowBytes
                return try? compress(UnsafeBufferPointer(rebasing: input.bytes[from..<to]), level: level, last: k + 1 == runs)
            }
        }
        var pieces: [CompressedRun] = []
        for part in parts {
            guard let part else { throw .outOfMemory }
            pieces.append(part)
        }
        return zlib(joining: pieces, level: level)
    }

    /// `bytes` compressed on their own (``deflate(_:level:last:)``), with their Adler-32.
    static func compress(_ bytes: UnsafeBufferPointer<UInt8>, level: Int, last: Bool) throws(PNGError) -> CompressedRun {
        CompressedRun(deflate: try deflate(bytes, level: level, last: last),
                      adler: isal_adler32(1, bytes.baseAddress, UInt64(bytes.count)), length: bytes.count)
    }

    /// One zlib stream (RFC 1950) of runs compressed apart, in order: the header, their DEFLATE
    /// one after the other, and the Adler-32 of all their bytes, combined from theirs.
    static func zlib(joining runs: [CompressedRun], level: Int) -> [UInt8] {
        // CMF 0x78: deflate with a 32 KiB window; FLG: the level class and the header check that
        // makes 0x78FLG a multiple of 31 (RFC 1950, 2.2): "fastest" for level 0-1, "fast" above.
        var out: [UInt8] = [0x78, level < 2 ? 0x01 : 0x5E]
        out.reserveCapacity(runs.reduce(6) { $0 + $1.deflate.count })
        var adler: UInt32 = 1
        for run in runs {
            out += run.deflate
            adler = adler32Combine(adler, run.adler, length: run.length)
        }
        out.appendBigEndian(adler)
        return out
    }

    /// `data` as raw DEFLATE (RFC 1951) by igzip at `level` (0-3). Unless `last`, the stream ends
    /// with a full flush: byte-aligned, no block final, and no match reaching back before its end,
    /// so that more DEFLATE can follow it.
    ///
    /// - Throws: ``PNGError/outOfMemory`` when the level's buffer cannot be allocated.
    static func deflate(_ data: UnsafeBufferPointer<UInt8>, level: Int, last: Bool) throws(PNGError) -> [UInt8] {
        let level = max(0, min(3, level))
        let levelBytes = Int(trajviz_isal_level_buffer_size(Int32(level)))
        let levelBuffer: UnsafeMutableRawPointer? = levelBytes > 0 ? malloc(levelBytes) : nil
        if levelBytes > 0 && levelBuffer == nil { throw .outOfMemory }
        defer { free(levelBuffer) }
        // igzip's documented worst case is the input in stored blocks (a 5-byte header per
        // 64 KiB) after a Huffman header; this bound covers it with room to spare.
        let capacity = data.count + data.count / 8192 + Int(ISAL_DEF_MAX_HDR_SIZE) + 64
        var status = COMP_OK
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { output, initialized in
            var stream = isal_zstream()
            isal_deflate_stateless_init(&stream)
            stream.next_in = UnsafeMutablePointer(mutating: data.baseAddress)
            stream.avail_in = UInt32(data.count)
            stream.next_out = output.baseAddress
            stream.avail_out = UInt32(output.count)
            stream.level = UInt32(level)
            stream.level_buf = levelBuffer?.assumingMemoryBound(to: UInt8.self)
            stream.level_buf_size = UInt32(levelBytes)
            stream.end_of_stream = last ? 1 : 0
            stream.flush = UInt16(last ? NO_FLUSH : FULL_FLUSH)
            stream.gzip_flag = UInt16(IGZIP_DEFLATE)
            status = isal_deflate_stateless(&stream)
            initialized = status == COMP_OK ? Int(stream.total_out) : 0
        }
        // Only a level buffer too small could fail here, and the level's own size is given.
        guard status == COMP_OK else { throw .outOfMemory }
        return out
    }
}

/// The image's rows, written by every thread in its own.
struct SendableMutablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt8>
    init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }
}

/// The image's rows, read by every thread.
struct SendableBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
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
        var crc = typeBytes.withUnsafeBytes { crc32_gzip_refl(0, $0.baseAddress, UInt64($0.count)) }
        crc = data.withUnsafeBytes { crc32_gzip_refl(crc, $0.baseAddress, UInt64($0.count)) }
        appendBigEndian(crc)
    }
}
