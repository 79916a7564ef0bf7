/// Joins raw DEFLATE streams, each compressed on its own (and so on its own core), into one
/// stream that inflates to their inputs one after the other.
///
/// A DEFLATE stream ends with a block whose BFINAL bit is set, and a decoder stops there
/// (RFC 1951, 3.2.3). libdeflate compresses whole buffers and does not say where its last block
/// starts, so ``finalBlock(_:)`` walks the stream's blocks: stored blocks are skipped by their
/// length, Huffman blocks by decoding their symbols (no output is produced). Joining then clears
/// the BFINAL bit of every stream but the last and ends it on a byte boundary with an empty stored
/// block (3 zero bits, padding, 00 00 FF FF: zlib's sync-flush marker), so the next stream can
/// follow byte for byte. A later stream cannot refer back into an earlier one (each was
/// compressed alone), which costs a little size, never correctness.
///
/// Specification: RFC 1951, "DEFLATE Compressed Data Format Specification version 1.3", 1996.
enum DeflateJoin {
    /// Where the last block of a complete raw DEFLATE stream starts (the bit offset of its BFINAL
    /// bit) and where it ends (the bit just after its end-of-block code or stored bytes), or nil
    /// when `stream` is not one complete, valid DEFLATE stream that ends in its last byte.
    static func finalBlock(_ stream: UnsafeBufferPointer<UInt8>) -> (header: Int, end: Int)? {
        var reader = BitReader(stream)
        var litlen = HuffmanTable(), distance = HuffmanTable()
        while true {
            let header = reader.position
            guard let final = reader.bits(1), let type = reader.bits(2) else { return nil }
            switch type {
            case 0:
                reader.alignToByte()
                guard let length = reader.bits(16), let complement = reader.bits(16), length ^ complement == 0xFFFF,
                      reader.skip(bytes: length) else { return nil }
            case 1:
                guard litlen.buildFixedLitLen(), distance.buildFixedDistance(), skipSymbols(&reader, litlen, distance) else { return nil }
            case 2:
                guard readDynamicTables(&reader, &litlen, &distance), skipSymbols(&reader, litlen, distance) else { return nil }
            default:
                return nil
            }
            if final == 1 {
                // The stream must end in the byte holding its last bit: nothing may follow.
                return (reader.position + 7) / 8 == stream.count ? (header, reader.position) : nil
            }
        }
    }

    /// The raw DEFLATE streams `parts` as one: every part but the last made non-final and ended
    /// with an empty stored block; nil when a part is not a valid complete stream.
    static func join(_ parts: [[UInt8]]) -> [UInt8]? {
        guard let last = parts.last else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count + 5 })
        for part in parts.dropLast() {
            guard let open = opened(part) else { return nil }
            out += open
        }
        out += last
        return out
    }

    /// A complete raw DEFLATE stream made to continue: its last block's BFINAL bit cleared and an
    /// empty stored block appended, which ends it on a byte boundary, so that any stream can
    /// follow. Nil when `part` is not a valid complete stream.
    static func opened(_ part: [UInt8]) -> [UInt8]? {
        guard let (header, end) = part.withUnsafeBufferPointer({ finalBlock($0) }) else { return nil }
        var out = part
        out.reserveCapacity(part.count + 5)
        out[header / 8] &= ~UInt8(1 << (header % 8))  // BFINAL = 0
        // Bits after the end-of-block code are zero padding: the stored block's 3 header bits
        // (BFINAL 0, BTYPE 00) fit there when 3 or more remain, else in one more zero byte.
        if 8 * part.count - end < 3 { out.append(0) }
        out += [0x00, 0x00, 0xFF, 0xFF]
        return out
    }

    /// Decodes (and drops) a Huffman block's symbols up to its end-of-block code.
    private static func skipSymbols(_ reader: inout BitReader, _ litlen: HuffmanTable, _ distance: HuffmanTable) -> Bool {
        while true {
            guard let symbol = litlen.decode(&reader) else { return false }
            if symbol < 256 { continue }
            if symbol == 256 { return true }
            let l = symbol - 257
            guard l < 29 else { return false }
            guard reader.bits(lengthExtraBits[l]) != nil, let d = distance.decode(&reader), d < 30,
                  reader.bits(d < 4 ? 0 : d / 2 - 1) != nil else { return false }
        }
    }

    /// Extra bits of length codes 257...285 (RFC 1951, 3.2.5).
    private static let lengthExtraBits: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]

    /// The order in which code-length code lengths are stored (RFC 1951, 3.2.7).
    private static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Reads a dynamic block's code lengths and builds its two codes.
    private static func readDynamicTables(_ reader: inout BitReader, _ litlen: inout HuffmanTable, _ distance: inout HuffmanTable) -> Bool {
        guard let hlit = reader.bits(5), let hdist = reader.bits(5), let hclen = reader.bits(4) else { return false }
        let nlit = hlit + 257, ndist = hdist + 1
        guard nlit <= 286, ndist <= 30 else { return false }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<(hclen + 4) {
            guard let v = reader.bits(3) else { return false }
            codeLengthLengths[codeLengthOrder[i]] = UInt8(v)
        }
        var codeLengthCode = HuffmanTable()
        guard codeLengthCode.build(codeLengthLengths) else { return false }
        var lengths = [UInt8](repeating: 0, count: nlit + ndist)
        var i = 0
        while i < lengths.count {
            guard let symbol = codeLengthCode.decode(&reader) else { return false }
            var value: UInt8 = 0, count = 1
            switch symbol {
            case 0..<16: value = UInt8(symbol)
            case 16:
                guard i > 0, let r = reader.bits(2) else { return false }
                value = lengths[i - 1]; count = 3 + r
            case 17:
                guard let r = reader.bits(3) else { return false }
                count = 3 + r
            default:
                guard let r = reader.bits(7) else { return false }
                count = 11 + r
            }
            guard i + count <= lengths.count else { return false }
            for k in i..<(i + count) { lengths[k] = value }
            i += count
        }
        guard lengths[256] != 0 else { return false }  // a block needs its end-of-block code
        return litlen.build(lengths[..<nlit]) && distance.build(lengths[nlit...])
    }
}

/// Reads bits least significant first, as DEFLATE packs them, through a 64-bit buffer.
private struct BitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to load into `buffer`.
    private var next = 0
    /// Bits loaded but not consumed, the next one lowest; `available` of them are real.
    private var buffer: UInt64 = 0
    private var available = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Bits consumed so far.
    var position: Int { 8 * next - available }

    /// Loads whole bytes until at least 56 bits are buffered or the input ends.
    @inline(__always) private mutating func refill() {
        let base = bytes.baseAddress!
        if next + 8 <= bytes.count {
            // One unaligned little-endian load of 8 bytes; only the whole bytes that fit are kept.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + next).loadUnaligned(as: UInt64.self))
            let take = (63 - available) >> 3
            buffer |= (take == 8 ? word : word & ((1 << UInt64(8 * take)) - 1)) << UInt64(available)
            next += take; available += 8 * take
            return
        }
        while available <= 56, next < bytes.count {
            buffer |= UInt64(base[next]) << UInt64(available)
            next += 1; available += 8
        }
    }

    /// The next `count` (0...32) bits without consuming them, zeros past the end.
    @inline(__always) mutating func peek(_ count: Int) -> Int {
        if available < count { refill() }
        return Int(truncatingIfNeeded: buffer & ((1 << UInt64(count)) - 1))
    }

    /// Whether `count` (0...32) more bits exist.
    @inline(__always) mutating func has(_ count: Int) -> Bool {
        if available < count { refill() }
        return available >= count
    }

    @inline(__always) mutating func consume(_ count: Int) {
        buffer >>= UInt64(count); available -= count
    }

    /// The next `count` (0...16) bits, or nil past the end.
    @inline(__always) mutating func bits(_ count: Int) -> Int? {
        guard has(count) else { return nil }
        let v = peek(count)
        consume(count)
        return v
    }

    mutating func alignToByte() { consume(available & 7) }

    /// Skips `count` whole bytes (after ``alignToByte()``).
    mutating func skip(bytes count: Int) -> Bool {
        let buffered = available >> 3
        if count <= buffered {
            if count == 8 { buffer = 0 } else { buffer >>= UInt64(8 * count) }
            available -= 8 * count
            return true
        }
        guard next + (count - buffered) <= bytes.count else { return false }
        next += count - buffered
        buffer = 0; available = 0
        return true
    }
}

/// A canonical Huffman code (RFC 1951, 3.2.2) as one lookup table indexed by the next `maxLength`
/// bits: each entry holds the symbol and its code's length.
private struct HuffmanTable {
    private var entries: [UInt32] = []
    private var maxLength = 0

    /// Builds the code of `lengths` (0 = unused symbol); false when the lengths over-subscribe the
    /// code. An incomplete code is accepted (DEFLATE allows one distance code of length 1);
    /// reading an unassigned pattern then fails in ``decode(_:)``.
    mutating func build<C: Collection>(_ lengths: C) -> Bool where C.Element == UInt8 {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths { count[Int(l)] += 1 }
        count[0] = 0
        maxLength = count.lastIndex { $0 > 0 } ?? 0
        var left = 1
        for l in 1..<16 {
            left = 2 * left - count[l]
            if left < 0 { return false }
        }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for l in 1..<16 { code = (code + count[l - 1]) << 1; next[l] = code }
        let size = 1 << maxLength
        entries = [UInt32](repeating: 0, count: size)
        for (symbol, l) in lengths.enumerated() where l > 0 {
            let length = Int(l)
            var c = next[length]; next[length] += 1
            // The code is read most significant bit first: index the table by its bits reversed.
            var reversed = 0
            for _ in 0..<length { reversed = reversed << 1 | (c & 1); c >>= 1 }
            var i = reversed
            while i < size { entries[i] = UInt32(symbol) << 4 | UInt32(length); i += 1 << length }
        }
        return true
    }

    mutating func buildFixedLitLen() -> Bool {
        build((0..<288).map { s -> UInt8 in s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8 })
    }

    mutating func buildFixedDistance() -> Bool { build([UInt8](repeating: 5, count: 30)) }

    /// The next symbol, or nil for a pattern no symbol has, or past the end.
    @inline(__always) func decode(_ reader: inout BitReader) -> Int? {
        guard maxLength > 0 else { return nil }
        let index = reader.peek(maxLength)
        let e = entries.withUnsafeBufferPointer { $0[index] }  // index < 2^maxLength = entries.count
        let length = Int(e & 15)
        guard length > 0, reader.has(length) else { return nil }
        reader.consume(length)
        return Int(e >> 4)
    }
}
