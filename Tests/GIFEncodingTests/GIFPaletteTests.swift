import Testing
@testable import GIFEncoding

@Suite struct GIFPaletteTests {
    /// Seeds come first and exactly; the other colours fill the rest, the costliest first (count ×
    /// squared distance to the palette); transparency takes the slot after them.
    @Test func seedsFirstThenFrequentColours() {
        let sample: [UInt32] = Array(repeating: 0xFF10_2030, count: 50) + Array(repeating: 0xFF40_5060, count: 20)
            + Array(repeating: 0xFFAA_BBCC, count: 5)
        var p = GIFPalette(seeds: [0xFFFFFF, 0x000000], sample: sample)
        // 0x405060: 20 pixels far from black and white; 0x102030: 50 pixels, but close to black.
        #expect(p.colors == [0xFFFFFF, 0x000000, 0x405060, 0x102030, 0xAABBCC])
        #expect(p.transparent == 5)
        #expect(p.index(of: 0xFF10_2030) == 3)
        #expect(p.index(of: 0xFFFF_FFFF) == 0)
        // Not in the palette: the nearest entry.
        #expect(p.index(of: 0xFF11_2131) == 3)
        #expect(p.index(of: 0xFFF0_F0F0) == 0)
    }

    /// At most 255 colours, so that a slot stays free for "unchanged"; seeds stop at ``maxSeeds``.
    @Test func neverMoreThan255Colours() {
        let seeds = (0..<300).map { UInt32($0) * 0x010101 & 0xFFFFFF }
        let sample = (0..<1000).map { 0xFF00_0000 | UInt32($0 * 7919 % 0xFFFFFF) }
        let p = GIFPalette(seeds: seeds, sample: sample)
        #expect(p.colors.count == 255)
        #expect(Array(p.colors.prefix(GIFPalette.maxSeeds)) == Array(seeds.prefix(GIFPalette.maxSeeds)))
    }
}

@Suite struct GIFAnimationTests {
    /// Frames are stored as the rectangle that changed, unchanged pixels transparent; a frame equal
    /// to the one before adds its delay to it; giflib reads back every page as drawn.
    @Test func changedRectanglesRoundTrip() throws {
        let w = 6, h = 4
        let a = [UInt32](repeating: 0xFF00_0000, count: w * h)
        var b = a; b[1 * w + 2] = 0xFFFF_0000; b[2 * w + 4] = 0xFF00_FF00
        var c = b; c[3 * w + 0] = 0xFF00_00FF
        let palette = GIFPalette(seeds: [0x000000, 0xFF0000, 0x00FF00, 0x0000FF], sample: [])
        var gif = try GIFAnimation(width: w, height: h, palette: palette)
        try gif.add(a, delay: 4)
        try gif.add(b, delay: 4)
        try gif.add(b, delay: 3)
        try gif.add(c, delay: 200)
        let decoded = try decodeGIF(try gif.finish())
        #expect(decoded.loopsForever)
        #expect(decoded.delays == [4, 7, 200])
        #expect(decoded.rectangles.map { [$0.x, $0.y, $0.width, $0.height] } == [[0, 0, 6, 4], [2, 1, 3, 2], [0, 3, 1, 1]])
        #expect(decoded.frames == [a, b, c].map { $0.map { $0 & 0xFF_FFFF } })
    }

    @Test func refusesFramesOfTheWrongSize() throws {
        var gif = try GIFAnimation(width: 3, height: 3, palette: GIFPalette(seeds: [0], sample: []))
        #expect(throws: GIFError.invalid("a frame of 4 pixels does not fill the 3×3 image")) { try gif.add([0, 0, 0, 0], delay: 2) }
    }
}
