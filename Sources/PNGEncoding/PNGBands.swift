import CDeflate

/// One horizontal band of a PNG's rows, filtered and compressed on its own, by the thread that
/// drew the band, right after drawing it; ``PNGEncoder/join(width:height:color:level:bands:)``
/// makes the file from all the bands.
///
/// A band's first row cannot be filtered against the row above it, which another thread may not
/// have drawn yet: it is stored unfiltered (PNG filter type 0), and the band's other rows use Up
/// as everywhere else. The bytes depend only on the pixels and on where the bands start.
public struct PNGBand: Sendable {
    /// The rows this band holds.
    public let rows: Range<Int>
    /// The band's filtered rows as raw DEFLATE (RFC 1951), whose last block is final only when
    /// the band ends the image.
    let deflate: [UInt8]
    /// The Adler-32 of the band's filtered rows, and their length in bytes.
    let adler: UInt32
    let length: Int
}

extension PNGEncoder {
    /// Filters and compresses rows `rows` of a `width × height` image whose rows `fill(y, row)`
    /// writes (as ``encode(width:height:color:level:fill:)``'s `fill`), as one band; `fill` is
    /// asked for these rows only.
    ///
    /// - Throws: ``PNGError`` for an impossible size or when memory runs out.
    /// - Complexity: O(width · rows); one buffer of the band's filtered rows.
    public static func band(width: Int, height: Int, rows: Range<Int>, color: PNGColor, level: Int = defaultLevel,
                            fill: (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) throws(PNGError) -> PNGBand {
        let (rowBytes, stride) = try layout(width: width, height: height, color: color)
        guard !rows.isEmpty, rows.lowerBound >= 0, rows.upperBound <= height else { throw .invalidSize(width: width, height: rows.count) }
        let count = stride * rows.count
        let filtered = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            filterRows(rows, rowBytes: rowBytes, into: out.baseAddress!, firstRowAlone: rows.lowerBound > 0, fill: fill)
            initialized = count
        }
        let compressor = try Compressor(level: level)
        let stream = filtered.withUnsafeBufferPointer { compressor.deflate($0) }
        let last = rows.upperBound == height
        // A stream that cannot be walked to its end (never seen from libdeflate) is made again of
        // stored blocks, which always can; empty if even that failed, and join refuses it.
        var deflate = last ? stream : DeflateJoin.opened(stream) ?? []
        if deflate.isEmpty {
            let stored = try Compressor(level: 0)
            deflate = DeflateJoin.opened(filtered.withUnsafeBufferPointer { stored.deflate($0) }) ?? []
        }
        let adler = filtered.withUnsafeBytes { libdeflate_adler32(1, $0.baseAddress, $0.count) }
        return PNGBand(rows: rows, deflate: deflate, adler: UInt32(adler), length: count)
    }

    /// The PNG file of a `width × height` image from its bands (``band(width:height:rows:color:level:fill:)``),
    /// which must cover rows 0 ..< height in order.
    ///
    /// - Throws: ``PNGError/invalidSize(width:height:)`` when the bands do not tile the rows.
    public static func join(width: Int, height: Int, color: PNGColor, level: Int = defaultLevel,
                            bands: [PNGBand]) throws(PNGError) -> [UInt8] {
        _ = try layout(width: width, height: height, color: color)
        guard bands.first?.rows.lowerBound == 0, bands.last?.rows.upperBound == height,
              zip(bands, bands.dropFirst()).allSatisfy({ $0.rows.upperBound == $1.rows.lowerBound }),
              bands.dropLast().allSatisfy({ !$0.deflate.isEmpty }) else {
            throw .invalidSize(width: width, height: height)
        }
        // CMF 0x78: deflate with a 32 KiB window; FLG: the level, header check (RFC 1950, 2.2).
        var zlib: [UInt8] = [0x78, zlibFlag(level: level)]
        zlib.reserveCapacity(bands.reduce(6) { $0 + $1.deflate.count })
        var adler: UInt32 = 1
        for band in bands {
            zlib += band.deflate
            adler = adler32Combine(adler, band.adler, length: band.length)
        }
        zlib.appendBigEndian(adler)
        return file(width: width, height: height, color: color, zlib: zlib)
    }

    /// The Adler-32 of two byte strings one after the other, from theirs and the second's length
    /// (RFC 1950, 8.2: A = 1 + Σ bytes, B = Σ A after each byte, both mod 65521; appending n
    /// bytes whose own sums are a₂, b₂ gives A = A₁ + a₂ − 1, B = B₁ + n·(A₁ − 1) + b₂).
    static func adler32Combine(_ first: UInt32, _ second: UInt32, length: Int) -> UInt32 {
        let base: UInt64 = 65521
        let n = UInt64(length) % base
        let a1 = UInt64(first & 0xFFFF), b1 = UInt64(first >> 16)
        let a2 = UInt64(second & 0xFFFF), b2 = UInt64(second >> 16)
        let a = (a1 + a2 + base - 1) % base
        let b = (b1 + b2 + n * ((a1 + base - 1) % base)) % base
        return UInt32(b << 16 | a)
    }
}
