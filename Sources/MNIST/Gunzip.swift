import CZlib

/// The two bytes every gzip stream starts with (RFC 1952, ID1 ID2).
let gzipMagic: (UInt8, UInt8) = (0x1f, 0x8b)

/// Whether `bytes` starts with the gzip magic `1f 8b`.
func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == gzipMagic.0 && bytes[1] == gzipMagic.1
}

/// The most a gzipped IDX file may decompress to (the full MNIST training images are 47 MiB).
let maximumGunzipSize = 1 << 30

/// Decompresses a whole gzip file held in memory through zlib's `inflate`.
///
/// Several members one after another (`cat a.gz b.gz`) decompress to their concatenation, as
/// `gzip -d` does. A stream that stops before its end is ``MNISTError/truncatedGzip``; damaged data
/// (bad header, invalid codes, CRC or length mismatch) is ``MNISTError/corruptGzip``.
///
/// - Complexity: O(n) in the decompressed size.
func gunzip(_ compressed: [UInt8], path: String, limit: Int = maximumGunzipSize) throws(MNISTError) -> [UInt8] {
    // ISIZE, the last four bytes (little-endian), is the uncompressed size modulo 2^32: a good first guess.
    var capacity = compressed.count * 4
    if compressed.count >= 18 {
        let n = compressed.count
        let isize = Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8 | Int(compressed[n - 2]) << 16 | Int(compressed[n - 1]) << 24
        // Deflate expands at most about 1032:1; a larger ISIZE means a damaged or truncated file.
        // A damaged trailer can claim up to 4 GiB: trust it only up to 64 MiB, then grow as data
        // really decompresses.
        if isize <= compressed.count * 1032 { capacity = min(max(isize, 64), 64 << 20, limit) }
    }
    var output = [UInt8](repeating: 0, count: capacity)
    var produced = 0
    var consumed = 0

    while consumed < compressed.count {
        var stream = z_stream()
        guard trajviz_inflate_init_gzip(&stream) == Z_OK else {
            throw .corruptGzip(path: path, detail: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var status = Z_OK
        repeat {
            if produced == output.count {
                guard output.count < limit else {
                    throw .unreadable(path: path, reason: "decompresses to more than \(limit) bytes; an IDX file of MNIST's size is under 50 MiB")
                }
                output += [UInt8](repeating: 0, count: min(max(output.count, 4096), limit - output.count))
            }
            let avail = output.count - produced
            status = compressed.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                    stream.avail_in = UInt32(compressed.count - consumed)
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(avail)
                    let s = inflate(&stream, Z_NO_FLUSH)
                    consumed = compressed.count - Int(stream.avail_in)
                    produced = out.count - Int(stream.avail_out)
                    return s
                }
            }
            switch status {
            case Z_OK, Z_STREAM_END: break
            case Z_BUF_ERROR:
                // No progress possible: with output space left, the input ran out mid-stream.
                if consumed == compressed.count && produced < output.count {
                    throw .truncatedGzip(path: path)
                }
            case Z_DATA_ERROR:
                let detail = stream.msg.map { String(cString: $0) } ?? "invalid compressed data"
                throw .corruptGzip(path: path, detail: detail)
            case Z_MEM_ERROR:
                throw .unreadable(path: path, reason: "out of memory while decompressing")
            default:
                throw .corruptGzip(path: path, detail: "zlib status \(status)")
            }
            if status != Z_STREAM_END, consumed == compressed.count, produced < output.count {
                throw .truncatedGzip(path: path)
            }
        } while status != Z_STREAM_END
        // Trailing zero padding (some tools pad to a block size) ends the file; another member continues it.
        let rest = compressed[consumed...]
        if rest.allSatisfy({ $0 == 0 }) { break }
        guard rest.count >= 2, rest[rest.startIndex] == gzipMagic.0, rest[rest.startIndex + 1] == gzipMagic.1 else {
            throw .corruptGzip(path: path, detail: "\(rest.count) unexpected bytes after the end of the gzip stream")
        }
    }
    output.removeSubrange(produced...)
    return output
}
