import Foundation

/// The two kinds of IDX file MNIST uses, with their magic numbers.
///
/// IDX (LeCun et al., http://yann.lecun.com/exdb/mnist/): a big-endian header of a 32-bit magic
/// number `0x0000 TT DD` (TT = 0x08 for unsigned bytes, DD = number of dimensions), then DD 32-bit
/// sizes, then the data, row-major, one byte per value.
public enum IDXKind: Sendable {
    /// `0x00000803`: count × rows × columns unsigned bytes.
    case images
    /// `0x00000801`: count unsigned bytes.
    case labels

    public var magic: UInt32 {
        switch self {
        case .images: return 0x0000_0803
        case .labels: return 0x0000_0801
        }
    }

    var dimensions: Int { self == .images ? 3 : 1 }
}

/// The content of one IDX file: its sizes and its bytes (without the header).
public struct IDXFile: Sendable {
    /// The file it came from, for messages.
    public var path: String
    /// The sizes from the header: `[count]` for labels, `[count, rows, columns]` for images.
    public var shape: [Int]
    /// The values, row-major.
    public var bytes: [UInt8]

    public var count: Int { shape[0] }
}

/// Reads an IDX file, raw or gzipped (recognised by its first bytes `1f 8b`, whatever its name),
/// and checks its magic number and that its size is exactly what the header announces.
///
/// - Throws: ``MNISTError`` naming `path`.
/// - Complexity: O(n) in the file size.
public func readIDX(_ path: String, kind: IDXKind) throws(MNISTError) -> IDXFile {
    let raw = try readBytes(path)
    let bytes = isGzip(raw) ? try gunzip(raw, path: path) : raw
    return try parseIDX(bytes, path: path, kind: kind)
}

/// Parses the decompressed bytes of an IDX file; see ``readIDX(_:kind:)``.
public func parseIDX(_ bytes: [UInt8], path: String, kind: IDXKind) throws(MNISTError) -> IDXFile {
    let headerSize = 4 + 4 * kind.dimensions
    guard bytes.count >= 4 else { throw .truncated(path: path, expectedBytes: headerSize, actualBytes: bytes.count) }
    let magic = bigEndian32(bytes, at: 0)
    guard magic == kind.magic else { throw .wrongMagic(path: path, found: magic, expected: kind.magic) }
    guard bytes.count >= headerSize else { throw .truncated(path: path, expectedBytes: headerSize, actualBytes: bytes.count) }
    let shape = (0..<kind.dimensions).map { Int(bigEndian32(bytes, at: 4 + 4 * $0)) }
    if kind == .images, shape[1] == 0 || shape[2] == 0 {
        throw .badDimensions(path: path, detail: "\(shape[1])×\(shape[2]) pixels per image")
    }
    // Sizes are below 2^32 each, so the product of three can overflow Int: such a header
    // announces more than any file holds (rows × columns first, as MNISTSplit multiplies them).
    var product = 1
    for size in shape.reversed() {
        let (p, overflow) = product.multipliedReportingOverflow(by: size)
        guard !overflow, p <= Int.max - headerSize else {
            throw .badDimensions(path: path, detail: "\(shape.map(String.init).joined(separator: "×")) is more bytes than any file holds")
        }
        product = p
    }
    let expected = headerSize + product
    guard bytes.count >= expected else { throw .truncated(path: path, expectedBytes: expected, actualBytes: bytes.count) }
    guard bytes.count == expected else { throw .trailingBytes(path: path, expectedBytes: expected, actualBytes: bytes.count) }
    return IDXFile(path: path, shape: shape, bytes: Array(bytes[headerSize...]))
}

private func bigEndian32(_ b: [UInt8], at i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
}

/// The whole file as bytes, with a typed error naming it.
func readBytes(_ path: String) throws(MNISTError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        let url = URL(fileURLWithPath: path)
        throw .missingFile(folder: url.deletingLastPathComponent().path, names: [url.lastPathComponent])
    }
    if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }
    do {
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
}
