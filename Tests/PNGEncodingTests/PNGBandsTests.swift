import CISAL
import Testing
@testable import PNGEncoding

@Suite struct PNGBandsTests {
    /// Rows of pseudo-random bytes over flat runs, so that both kinds of block occur.
    static func image(width: Int, height: Int, color: PNGColor) -> [UInt8] {
        var s: UInt64 = UInt64(width * 7919 + height)
        return (0..<(width * height * color.bytesPerPixel)).map { k in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return (k / 997) % 3 == 0 ? UInt8(s >> 56) : UInt8(k / 4000 % 256)
        }
    }

    static func bands(_ pixels: [UInt8], width: Int, height: Int, color: PNGColor, cuts: [Int]) throws -> [PNGBand] {
        let rowBytes = width * color.bytesPerPixel
        let edges = [0] + cuts + [height]
        return try zip(edges, edges.dropFirst()).map { a, b in
            try PNGEncoder.band(width: width, height: height, rows: a..<b, color: color) { y, row in
                #expect((a..<b).contains(y), "a band asks only for its own rows")
                row.update(fromContentsOf: pixels[(y * rowBytes)..<((y + 1) * rowBytes)])
            }
        }
    }

    /// Bands made apart and joined read back as the image, every row stored unfiltered; the
    /// stream is one zlib stream whose Adler-32 zlib checks.
    @Test(arguments: [(1200, 900, [430]), (37, 50, [1, 2, 49]), (300, 2, [1]), (5, 3, [])])
    func joinedBandsReadBackAsTheImage(_ width: Int, _ height: Int, _ cuts: [Int]) throws {
        for color in [PNGColor.rgb, .rgba] {
            let pixels = Self.image(width: width, height: height, color: color)
            let png = try PNGEncoder.join(width: width, height: height, color: color,
                                          bands: try Self.bands(pixels, width: width, height: height, color: color, cuts: cuts))
            let decoded = try DecodedPNG(png)
            #expect(decoded.width == width && decoded.height == height && decoded.colorType == (color == .rgb ? 2 : 6))
            #expect(decoded.chunkTypes == ["IHDR", "bKGD", "IDAT", "IEND"])
            #expect(decoded.pixels == pixels)
            #expect(decoded.filters == [UInt8](repeating: 0, count: height))
        }
    }

    @Test func bandsThatDoNotTileTheRowsAreRefused() throws {
        let pixels = Self.image(width: 4, height: 6, color: .rgb)
        let all = try Self.bands(pixels, width: 4, height: 6, color: .rgb, cuts: [2, 4])
        for wrong in [[all[0], all[2]], [all[1], all[2]], [all[0], all[1]], [all[1], all[0], all[2]], []] {
            #expect(throws: PNGError.invalidSize(width: 4, height: 6)) {
                try PNGEncoder.join(width: 4, height: 6, color: .rgb, bands: wrong)
            }
        }
        #expect(throws: PNGError.invalidSize(width: 4, height: 2)) {
            try PNGEncoder.band(width: 4, height: 6, rows: 5..<7, color: .rgb) { _, _ in }
        }
    }

    /// The Adler-32 of two strings joined, from theirs, equals that of the joined string, for
    /// lengths around the modulus and beyond.
    @Test(arguments: [0, 1, 5552, 65520, 65521, 65522, 200_000])
    func adlerOfJoinedStrings(_ length: Int) {
        let first = PNGBandsTests.image(width: 1, height: 3001, color: .rgb)
        let second = Array(PNGBandsTests.image(width: 1, height: length / 3 + 1, color: .rgb).prefix(length))
        func adler(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { isal_adler32(1, $0.baseAddress, UInt64($0.count)) } }
        #expect(PNGEncoder.adler32Combine(adler(first), adler(second), length: second.count) == adler(first + second))
        #expect(PNGEncoder.adler32Combine(adler(second), adler(first), length: first.count) == adler(second + first))
    }
}
