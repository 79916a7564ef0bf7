import CZlib
import Testing
@testable import PNGEncoding

/// A PNG read back with zlib, independently of the encoder: chunks and their CRCs, the header,
/// the inflated rows unfiltered.
struct DecodedPNG {
    var width = 0, height = 0, colorType: UInt8 = 0
    var chunkTypes: [String] = []
    var background: [UInt8] = []
    /// The raw pixel bytes, rows top to bottom.
    var pixels: [UInt8] = []
    /// Each row's filter type.
    var filters: [UInt8] = []

    init(_ png: [UInt8]) throws {
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func word(_ i: Int) -> Int { Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3]) }
        var i = 8
        var idat: [UInt8] = []
        while i < png.count {
            let length = word(i)
            let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            let body = Array(png[(i + 8)..<(i + 8 + length)])
            let crc = Array(png[(i + 4)..<(i + 8 + length)]).withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
            #expect(UInt(crc) == UInt(word(i + 8 + length)), "CRC of \(type)")
            chunkTypes.append(type)
            switch type {
            case "IHDR":
                width = word(i + 8); height = word(i + 12); colorType = body[9]
                #expect(body[8] == 8 && body[10] == 0 && body[11] == 0 && body[12] == 0)
            case "bKGD": background = body
            case "IDAT": idat += body
            default: break
            }
            i += 12 + length
        }
        #expect(i == png.count)
        let channels = colorType == 2 ? 3 : 4, rowBytes = width * channels
        var raw = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        var rawCount = UInt(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { r in
            idat.withUnsafeBufferPointer { uncompress(r.baseAddress, &rawCount, $0.baseAddress, UInt($0.count)) }
        }
        try #require(status == Z_OK && rawCount == UInt(raw.count), "zlib status \(status)")
        var above = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            let line = raw[(y * (rowBytes + 1))..<((y + 1) * (rowBytes + 1))]
            let filter = line.first!
            filters.append(filter)
            try #require(filter == 0 || filter == 2, "rows are stored unfiltered, or Up-filtered")
            let row = filter == 2 ? zip(line.dropFirst(), above).map { $0 &+ $1 } : Array(line.dropFirst())
            pixels += row
            above = row
        }
    }
}

@Suite struct PNGEncoderTests {
    /// Pseudo-random bytes, so that nothing compresses away.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var s = seed
        return (0..<count).map { _ in s = s &* 6364136223846793005 &+ 1442695040888963407; return UInt8(s >> 56) }
    }

    @Test(arguments: [(1, 1), (7, 5), (300, 2), (2, 300)])
    func everyPixelReadsBack(_ width: Int, _ height: Int) throws {
        for color in [PNGColor.rgb, .rgba] {
            let pixels = Self.noise(width * height * color.bytesPerPixel, seed: UInt64(width * 1000 + height))
            let rowBytes = width * color.bytesPerPixel
            let png = try PNGEncoder.encode(width: width, height: height, color: color) { y, row in
                row.update(fromContentsOf: pixels[(y * rowBytes)..<((y + 1) * rowBytes)])
            }
            let decoded = try DecodedPNG(png)
            #expect(decoded.width == width && decoded.height == height)
            #expect(decoded.colorType == (color == .rgb ? 2 : 6))
            #expect(decoded.chunkTypes == ["IHDR", "bKGD", "IDAT", "IEND"])
            #expect(decoded.background == [0, 255, 0, 255, 0, 255])
            #expect(decoded.pixels == pixels)
            #expect(decoded.filters.allSatisfy { $0 == 0 }, "every row is stored unfiltered")
        }
    }

    @Test func sameRowsGiveSameBytesAndFlatImagesCompress() throws {
        func flat() throws -> [UInt8] {
            try PNGEncoder.encode(width: 1200, height: 900, color: .rgb) { y, row in
                for x in 0..<1200 { row[3 * x] = y < 450 ? 68 : 253; row[3 * x + 1] = 1; row[3 * x + 2] = x < 600 ? 84 : 37 }
            }
        }
        let a = try flat(), b = try flat()
        #expect(a == b)
        // 3.2 MB of two-colour bands: under 0.5% (DEFLATE's matches are at most 258 bytes long).
        #expect(a.count < 16_000, "\(a.count) bytes")
        let decoded = try DecodedPNG(a)
        #expect(Array(decoded.pixels[(3 * 1200 * 899)...].prefix(6)) == [253, 1, 84, 253, 1, 84])
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

    /// Inflates a raw DEFLATE stream with zlib (window bits −15): the bytes, and whether the
    /// stream ended (a final block) exactly at the end of the input.
    static func inflateRaw(_ stream: [UInt8], count: Int) -> (bytes: [UInt8], ended: Bool)? {
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
        guard status == Z_STREAM_END || status == Z_BUF_ERROR, z.avail_in == 0 else { return nil }
        return (Array(out.prefix(Int(z.total_out))), status == Z_STREAM_END)
    }

    /// A piece compressed open (not last) is followed by any other: the two inflate, with zlib, to
    /// the inputs one after the other, at every level, whether the pieces compress (text, flat
    /// runs) or not (noise: stored blocks), down to one byte; an open piece alone does not end.
    @Test(arguments: 0...3)
    func openPiecesJoinIntoOneStream(_ level: Int) throws {
        let inputs: [[UInt8]] = [Self.words(70_000, seed: 1), Self.noise(70_000, seed: 2), [UInt8](repeating: 7, count: 100_000), [42]]
        for first in inputs {
            for second in inputs {
                let a = try first.withUnsafeBufferPointer { b throws(PNGError) in try PNGEncoder.deflate(b, level: level, last: false) }
                let b = try second.withUnsafeBufferPointer { b throws(PNGError) in try PNGEncoder.deflate(b, level: level, last: true) }
                let joined = try #require(Self.inflateRaw(a + b, count: first.count + second.count))
                #expect(joined.ended && joined.bytes == first + second, "level \(level), \(first.count) + \(second.count) bytes")
                let open = try #require(Self.inflateRaw(a, count: first.count))
                #expect(!open.ended && open.bytes == first)
            }
        }
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
        // The stream is the joined one: it holds the empty stored block of the first piece's flush.
        #expect(png.indices.contains { png[$0...].starts(with: [0x00, 0x00, 0xFF, 0xFF]) })
    }

    @Test func impossibleSizesAreRefused() {
        #expect(throws: PNGError.invalidSize(width: 0, height: 1)) {
            try PNGEncoder.encode(width: 0, height: 1, color: .rgb) { _, _ in }
        }
        #expect(throws: PNGError.invalidSize(width: 1, height: -3)) {
            try PNGEncoder.encode(width: 1, height: -3, color: .rgba) { _, _ in }
        }
        #expect(throws: PNGError.invalidSize(width: Int.max / 2, height: 4)) {
            try PNGEncoder.encode(width: Int.max / 2, height: 4, color: .rgba) { _, _ in }
        }
    }
}
