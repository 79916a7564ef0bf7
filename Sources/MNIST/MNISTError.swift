/// Why an MNIST file or folder cannot be used. Every case names the file (or folder), and
/// ``description`` is one line a user can act on.
public enum MNISTError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The folder given with `--data` does not exist or is not a directory.
    case missingFolder(path: String)
    /// None of the accepted names exists (`names` lists what was looked for).
    case missingFile(folder: String, names: [String])
    /// The file exists but could not be read (permissions, I/O error).
    case unreadable(path: String, reason: String)
    /// A `.gz` file whose compressed data is damaged (bad header, CRC, invalid codes).
    case corruptGzip(path: String, detail: String)
    /// A `.gz` file whose compressed stream stops before its end.
    case truncatedGzip(path: String)
    /// The file (after decompression) ends before the header or the data it announces.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The file holds more bytes than its header announces.
    case trailingBytes(path: String, expectedBytes: Int, actualBytes: Int)
    /// The first four bytes are not the IDX magic number expected for this kind of file.
    case wrongMagic(path: String, found: UInt32, expected: UInt32)
    /// The header's dimensions are not those of MNIST-style images (`rows`×`columns` > 0).
    case badDimensions(path: String, detail: String)
    /// The images and the labels of one split disagree on the number of records.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// A label outside 0...9.
    case labelOutOfRange(path: String, index: Int, value: UInt8)
    /// The images of the training and test split have different sizes.
    case shapeMismatch(train: String, test: String, detail: String)
    /// The bundled subset's resource bundle is not where SwiftPM puts it.
    case bundleMissing(searched: [String])

    public var description: String {
        switch self {
        case .missingFolder(let path):
            return "MNIST folder '\(path)' does not exist or is not a directory"
        case .missingFile(let folder, let names):
            return "missing MNIST file in '\(folder)': expected \(names.joined(separator: " or "))"
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        case .corruptGzip(let path, let detail):
            return "'\(path)' is not a valid gzip file: \(detail)"
        case .truncatedGzip(let path):
            return "'\(path)' is truncated: its gzip stream ends before the end of the data"
        case .truncated(let path, let expected, let actual):
            return "'\(path)' is truncated: \(actual) bytes where at least \(expected) are needed"
        case .trailingBytes(let path, let expected, let actual):
            return "'\(path)' has \(actual - expected) bytes after the \(expected) its header announces"
        case .wrongMagic(let path, let found, let expected):
            return "'\(path)' has magic number \(hex(found)), expected \(hex(expected)) (\(expected == IDXKind.images.magic ? "IDX images" : "IDX labels"))"
        case .badDimensions(let path, let detail):
            return "'\(path)' has unusable dimensions: \(detail)"
        case .countMismatch(let images, let imageCount, let labels, let labelCount):
            return "'\(images)' holds \(imageCount) images but '\(labels)' holds \(labelCount) labels"
        case .labelOutOfRange(let path, let index, let value):
            return "'\(path)' has label \(value) at record \(index); labels must be 0 to 9"
        case .shapeMismatch(let train, let test, let detail):
            return "'\(train)' and '\(test)' disagree on the image size: \(detail)"
        case .bundleMissing(let searched):
            return "the bundled MNIST subset (trajviz_MNIST.resources) is missing; looked in "
                + searched.joined(separator: ", ") + "; reinstall trajviz or pass --data DIR"
        }
    }
}

private func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
