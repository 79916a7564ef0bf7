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
            try #require(filter == 0 || filter == 2, "rows use the Up filter, or none")
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
            #expect(decoded.filters.allSatisfy { $0 == 2 }, "every row uses the Up filter")
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
        // 3.2 MB of two-colour bands: a few kilobytes.
        #expect(a.count < 10_000, "\(a.count) bytes")
        let decoded = try DecodedPNG(a)
        #expect(Array(decoded.pixels[(3 * 1200 * 899)...].prefix(6)) == [253, 1, 84, 253, 1, 84])
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
