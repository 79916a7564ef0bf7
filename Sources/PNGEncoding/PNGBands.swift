/// One horizontal band of a PNG's rows, compressed on its own by the thread that drew the band,
/// right after drawing it; ``PNGEncoder/join(width:height:color:level:bands:)`` makes the file
/// from all the bands.
///
/// Each band is its own DEFLATE run: no match reaches back into the band above (which another
/// thread may not have drawn yet), and every band but the last ends with a full flush, so the
/// bands joined in order are one stream. The bytes depend only on the pixels and on where the
/// bands start.
public struct PNGBand: Sendable {
    /// The rows this band holds.
    public let rows: Range<Int>
    /// The band's rows (each led by its filter type), compressed.
    let run: CompressedRun
}

/// A run of rows compressed on its own: raw DEFLATE (RFC 1951) whose last block is final only
/// when the run ends the image, and the Adler-32 and length of its bytes, so that runs
/// compressed apart join into one zlib stream (``PNGEncoder/zlib(joining:level:)``).
struct CompressedRun: Sendable {
    let deflate: [UInt8]
    let adler: UInt32
    let length: Int
}

extension PNGEncoder {
    /// Compresses rows `rows` of a `width × height` image whose rows `fill(y, row)` writes (as
    /// ``encode(width:height:color:level:fill:)``'s `fill`), as one band; `fill` is asked for
    /// these rows only.
    ///
    /// - Throws: ``PNGError`` for an impossible size or when memory runs out.
    /// - Complexity: O(width · rows); one buffer of the band's rows.
    public static func band(width: Int, height: Int, rows: Range<Int>, color: PNGColor, level: Int = defaultLevel,
                            fill: (_ y: Int, _ row: UnsafeMutableBufferPointer<UInt8>) -> Void) throws(PNGError) -> PNGBand {
        let (rowBytes, stride) = try layout(width: width, height: height, color: color)
        guard !rows.isEmpty, rows.lowerBound >= 0, rows.upperBound <= height else { throw .invalidSize(width: width, height: rows.count) }
        let count = stride * rows.count
        let lines = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            writeRows(rows, rowBytes: rowBytes, into: out.baseAddress!, fill: fill)
            initialized = count
        }
        let run = try lines.withUnsafeBufferPointer { bytes throws(PNGError) in
            try compress(bytes, level: level, last: rows.upperBound == height)
        }
        return PNGBand(rows: rows, run: run)
    }

    /// The PNG file of a `width × height` image from its bands (``band(width:height:rows:color:level:fill:)``),
    /// which must cover rows 0 ..< height in order.
    ///
    /// - Throws: ``PNGError/invalidSize(width:height:)`` when the bands do not tile the rows.
    public static func join(width: Int, height: Int, color: PNGColor, level: Int = defaultLevel,
                            bands: [PNGBand]) throws(PNGError) -> [UInt8] {
        _ = try layout(width: width, height: height, color: color)
        guard bands.first?.rows.lowerBound == 0, bands.last?.rows.upperBound == height,
              zip(bands, bands.dropFirst()).allSatisfy({ $0.rows.upperBound == $1.rows.lowerBound }) else {
            throw .invalidSize(width: width, height: height)
        }
        let zlib = zlib(joining: bands.map(\.run), level: level)
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
