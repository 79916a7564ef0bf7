import CZlib
import Testing
@testable import PNGEncoding

/// Raw DEFLATE streams joined by ``DeflateJoin`` inflate, with zlib, to their inputs one after
/// the other, whatever their last blocks are (stored, fixed or dynamic Huffman) and wherever in
/// its last byte each ends; damaged streams are refused, never joined.
@Suite struct DeflateJoinTests {
    /// `data` compressed alone by libdeflate as raw DEFLATE.
    static func deflate(_ data: [UInt8], level: Int = 1) throws -> [UInt8] {
        let compressor = try Compressor(level: level)
        return data.withUnsafeBufferPointer { compressor.deflate($0) }
    }

    /// Inflates a raw DEFLATE stream with zlib (window bits −15), expecting `count` bytes and the
    /// stream's end exactly at the end of the input.
    static func inflateRaw(_ stream: [UInt8], count: Int) -> [UInt8]? {
        var z = z_stream()
        guard inflateInit2_(&z, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&z) }
        var out = [UInt8](repeating: 0, count: count + 16)
        var input = stream
        let status = input.withUnsafeMutableBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                z.next_in = i.baseAddress; z.avail_in = UInt32(i.count)
                z.next_out = o.baseAddress; z.avail_out = UInt32(o.count)
                return CZlib.inflate(&z, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, z.avail_in == 0 else { return nil }
        return Array(out.prefix(Int(z.total_out)))
    }

    /// Text-like bytes (a few words repeated with variations): dynamic Huffman blocks.
    static func words(_ count: Int, seed: UInt64) -> [UInt8] {
        let vocabulary = ["adam", "sgd", "rosenbrock", "loss", "step", " ", ", ", "0.001", "\n"].map { Array($0.utf8) }
        var s = seed, out: [UInt8] = []
        while out.count < count {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            out += vocabulary[Int(s >> 60) % vocabulary.count]
        }
        return Array(out.prefix(count))
    }

    @Test func joinedStreamsInflateToTheConcatenation() throws {
        let inputs: [[UInt8]] = [
            Self.words(200_000, seed: 1),                          // many dynamic blocks
            PNGEncoderTests.noise(70_000, seed: 2),               // incompressible: stored blocks
            Array("ab".utf8),                                     // tiny: a fixed-Huffman block
            Self.words(5_000, seed: 3),
            [UInt8](repeating: 0, count: 100_000),                 // long runs
            [],                                                   // empty input
            Self.words(33_333, seed: 4),
        ]
        let parts = try inputs.map { try Self.deflate($0) }
        let joined = try #require(DeflateJoin.join(parts))
        let expected = inputs.flatMap { $0 }
        #expect(Self.inflateRaw(joined, count: expected.count) == expected)
        // Each part alone is a complete stream that ends in its last byte.
        for (part, input) in zip(parts, inputs) {
            let (header, end) = try #require(part.withUnsafeBufferPointer { DeflateJoin.finalBlock($0) })
            #expect(header < end && (end + 7) / 8 == part.count)
            #expect(Self.inflateRaw(part, count: input.count) == input)
        }
    }

    /// The empty stored block that ends a non-final part needs 3 bits: every amount of padding
    /// after the last end-of-block code (0 to 7 bits) occurs, and each join inflates correctly.
    @Test func everyPaddingAfterTheLastBlockJoins() throws {
        var paddings = Set<Int>()
        for n in 1...120 {
            let first = Self.words(300 + 37 * n, seed: UInt64(n)), second = Self.words(500, seed: 1000 + UInt64(n))
            let a = try Self.deflate(first), b = try Self.deflate(second)
            let (_, end) = try #require(a.withUnsafeBufferPointer { DeflateJoin.finalBlock($0) })
            paddings.insert(8 * a.count - end)
            let joined = try #require(DeflateJoin.join([a, b]))
            #expect(Self.inflateRaw(joined, count: first.count + second.count) == first + second, "n = \(n)")
        }
        #expect(paddings == Set(0...7))
    }

    @Test func damagedStreamsAreRefused() throws {
        let good = try Self.deflate(Self.words(50_000, seed: 9))
        #expect(DeflateJoin.join([Array(good.dropLast()), good]) == nil, "truncated")
        #expect(DeflateJoin.join([good + [0], good]) == nil, "a byte after the end")
        #expect(DeflateJoin.join([[0x07], good]) == nil, "block type 3 is reserved")
        // A stored block whose length and its complement disagree.
        #expect(DeflateJoin.join([[0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5], good]) == nil)
        #expect(DeflateJoin.join([]) == nil)
        // The last part is copied as it is; only the parts before it are walked.
        #expect(DeflateJoin.join([good]) == good)
    }

    /// Large images are compressed in pieces on several cores; the PNG still holds one zlib
    /// stream (checked by zlib, Adler-32 included) of the same rows, and the same pixels give the
    /// same bytes.
    @Test func largeImagesCompressInPiecesToOneStream() throws {
        let width = 700, height = 300
        let rows = (0..<height).map { y in Self.words(3 * width, seed: UInt64(y / 7)) }
        #expect(height * (3 * width + 1) >= PNGEncoder.parallelThreshold)
        let encode = { () throws -> [UInt8] in
            try PNGEncoder.encode(width: width, height: height, color: .rgb) { y, out in _ = out.update(from: rows[y]) }
        }
        let png = try encode()
        let decoded = try DecodedPNG(png)
        #expect(decoded.pixels == rows.flatMap { $0 })
        #expect(try encode() == png)
        // The stream is the joined one: it holds the empty stored block that ends the first piece.
        #expect(png.indices.contains { png[$0...].starts(with: [0x00, 0x00, 0xFF, 0xFF]) })
    }
}
