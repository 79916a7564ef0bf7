/// A safetensors file (Hugging Face's format for tensors, what `safetensors.torch.save_file` writes):
///
///     8 bytes   N, the header's length, an unsigned little-endian integer
///     N bytes   the header: a UTF-8 JSON object, padded with spaces
///               { "__metadata__": {"key": "value", ...},           (optional, strings only)
///                 "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ... }
///     the rest  the data: each tensor's values, row-major, little-endian, at [begin, end) of this part
///
/// Reading validates everything a hostile file could get wrong and throws a one-line
/// ``SafeTensorsError`` instead of trapping: the header's length against the file and a limit, its
/// JSON (strictly: one object, no duplicate names, no unknown fields, whole numbers), each dtype,
/// that each tensor's byte range holds exactly its shape's elements (with overflow checks), and that
/// the ranges tile the data without gap or overlap, as the reference implementation requires.
///
///     let file = try SafeTensorsFile(bytes: Array(data))
///     let w = try file.floats("0.weight")          // [Float], row-major
///     let bytes = SafeTensorsFile.encode([("0.weight", [2, 3], values)], metadata: ["format": "pt"])
///
/// Specification: github.com/huggingface/safetensors (README, "Format").
public struct SafeTensorsFile: Sendable {
    /// One tensor's entry in the header.
    public struct Tensor: Sendable, Hashable {
        public var name: String
        public var dtype: DType
        public var shape: [Int]
        /// Its bytes within the data part.
        public var byteRange: Range<Int>
        public var count: Int { shape.reduce(1, *) }
        /// `[32, 1, 3, 3]`.
        public var shapeDescription: String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
    }

    /// The largest header read: 16 MiB, far more than a model of a few hundred tensors needs
    /// (the reference implementation allows 100 MB).
    public static let maxHeaderBytes = 16 << 20

    /// Tensors in the order their data lies in the file.
    public let tensors: [Tensor]
    public let metadata: [String: String]
    private let bytes: [UInt8]
    private let dataStart: Int

    /// Reads a whole file's bytes.
    public init(bytes: [UInt8]) throws(SafeTensorsError) {
        guard bytes.count >= 8 else { throw .truncated("the file has \(bytes.count) bytes; a safetensors file starts with an 8-byte header length") }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(Self.maxHeaderBytes) else {
            throw .invalidHeader("the header length \(n) is above the limit of \(Self.maxHeaderBytes) bytes")
        }
        let headerLength = Int(n)
        guard 8 + headerLength <= bytes.count else {
            throw .truncated("the header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)")
        }
        guard headerLength >= 2, bytes[8] == UInt8(ascii: "{") else { throw .invalidHeader("the header does not start with '{'") }
        let header: JSONHeaderValue
        do throws(JSONHeaderParser.Failure) {
            var parser = JSONHeaderParser(bytes[8 ..< 8 + headerLength])
            header = try parser.parseDocument()
        } catch {
            throw .invalidHeader("the header is not valid JSON: \(error.message)")
        }
        guard case .object(let entries) = header else { throw .invalidHeader("the header is not a JSON object") }

        let dataLength = bytes.count - 8 - headerLength
        var tensors: [Tensor] = []
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                guard case .object(let pairs) = value else { throw .invalidHeader("__metadata__ is not an object of strings") }
                for (key, v) in pairs {
                    guard case .string(let text) = v else { throw .invalidHeader("__metadata__ '\(key)' is not a string") }
                    metadata[key] = text
                }
                continue
            }
            tensors.append(try Self.tensor(name, value))
        }
        // The ranges must tile the data exactly: sorted by start, each starting where the last ended.
        tensors.sort { ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name) }
        var end = 0
        for t in tensors {
            if t.byteRange.lowerBound < end {
                throw .invalidLayout("tensor '\(t.name)' overlaps the tensor before it (bytes \(t.byteRange.lowerBound)..<\(t.byteRange.upperBound))")
            }
            if t.byteRange.lowerBound > end {
                throw .invalidLayout("the data has a gap before tensor '\(t.name)' (bytes \(end)..<\(t.byteRange.lowerBound) belong to no tensor)")
            }
            end = t.byteRange.upperBound
        }
        guard end == dataLength else {
            throw end > dataLength
                ? .truncated("the tensors need \(end) bytes of data but the file holds \(dataLength)")
                : .invalidLayout("the file has \(dataLength - end) bytes after the last tensor's data")
        }
        self.tensors = tensors
        self.metadata = metadata
        self.bytes = bytes
        self.dataStart = 8 + headerLength
    }

    private static func tensor(_ name: String, _ value: JSONHeaderValue) throws(SafeTensorsError) -> Tensor {
        guard case .object(let fields) = value else { throw .invalidHeader("tensor '\(name)' is not an object") }
        var dtype: DType?, shape: [Int]?, offsets: [Int]?
        for (key, v) in fields {
            switch key {
            case "dtype":
                guard case .string(let text) = v else { throw .invalidHeader("tensor '\(name)': dtype is not a string") }
                guard let d = DType(rawValue: text) else {
                    throw .invalidHeader("tensor '\(name)': unknown dtype '\(text)'; known: " + DType.allCases.map(\.rawValue).joined(separator: ", "))
                }
                dtype = d
            case "shape":
                shape = try wholeNumbers(v, "tensor '\(name)': shape")
            case "data_offsets":
                offsets = try wholeNumbers(v, "tensor '\(name)': data_offsets")
            default:
                throw .invalidHeader("tensor '\(name)' has an unknown field '\(key)'; expected dtype, shape, data_offsets")
            }
        }
        guard let dtype else { throw .invalidHeader("tensor '\(name)' has no dtype") }
        guard let shape else { throw .invalidHeader("tensor '\(name)' has no shape") }
        guard let offsets else { throw .invalidHeader("tensor '\(name)' has no data_offsets") }
        guard offsets.count == 2, offsets[0] <= offsets[1] else {
            throw .invalidHeader("tensor '\(name)': data_offsets must be [begin, end] with begin <= end")
        }
        // Elements × size, refusing products that overflow.
        var bytes = dtype.size
        for d in shape {
            let (p, overflow) = bytes.multipliedReportingOverflow(by: d)
            guard !overflow else { throw .invalidHeader("tensor '\(name)': shape \(shape) is too large") }
            bytes = p
        }
        guard offsets[1] - offsets[0] == bytes else {
            throw .invalidLayout("tensor '\(name)': \(dtype.rawValue) \(shape) needs \(bytes) bytes but data_offsets give \(offsets[1] - offsets[0])")
        }
        return Tensor(name: name, dtype: dtype, shape: shape, byteRange: offsets[0] ..< offsets[1])
    }

    private static func wholeNumbers(_ v: JSONHeaderValue, _ what: String) throws(SafeTensorsError) -> [Int] {
        guard case .array(let items) = v else { throw .invalidHeader("\(what) is not an array") }
        var out: [Int] = []
        for item in items {
            guard case .integer(let n) = item, n >= 0 else { throw .invalidHeader("\(what) holds something other than whole numbers >= 0") }
            out.append(n)
        }
        return out
    }

    /// The tensor named `name`, if the file has it.
    public func tensor(_ name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// The values of an F32 tensor, row-major.
    ///
    /// - Throws: ``SafeTensorsError/noTensor(_:)``, or ``SafeTensorsError/wrongDType(name:dtype:)`` for another dtype.
    public func floats(_ name: String) throws(SafeTensorsError) -> [Float] {
        guard let t = tensor(name) else { throw .noTensor(name) }
        guard t.dtype == .f32 else { throw .wrongDType(name: name, dtype: t.dtype.rawValue) }
        let start = dataStart + t.byteRange.lowerBound
        return (0..<t.count).map { i in
            let o = start + 4 * i
            let raw = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
            return Float(bitPattern: raw)
        }
    }

    /// A file holding `tensors` (F32, in the given order) and `metadata`. The header is padded with
    /// spaces so that the data starts at a multiple of 8 bytes, as the reference writer does.
    public static func encode(_ tensors: [(name: String, shape: [Int], values: [Float])], metadata: [String: String] = [:]) -> [UInt8] {
        var header = "{"
        var parts: [String] = []
        if !metadata.isEmpty {
            parts.append("\"__metadata__\":{" + metadata.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + jsonString($0.value) }
                .joined(separator: ",") + "}")
        }
        var offset = 0
        for t in tensors {
            precondition(t.shape.reduce(1, *) == t.values.count, "tensor '\(t.name)': the shape does not fit the values")
            parts.append(jsonString(t.name) + ":{\"dtype\":\"F32\",\"shape\":[" + t.shape.map(String.init).joined(separator: ",")
                         + "],\"data_offsets\":[\(offset),\(offset + 4 * t.values.count)]}")
            offset += 4 * t.values.count
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + offset)
        let n = UInt64(headerBytes.count)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
        out += headerBytes
        for t in tensors {
            for v in t.values {
                let b = v.bitPattern
                out += [UInt8(truncatingIfNeeded: b), UInt8(truncatingIfNeeded: b >> 8), UInt8(truncatingIfNeeded: b >> 16), UInt8(truncatingIfNeeded: b >> 24)]
            }
        }
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// The element types of the format, with their sizes in bytes.
public enum DType: String, Sendable, Hashable, CaseIterable {
    case bool = "BOOL", u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
    case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
    case i32 = "I32", u32 = "U32", f32 = "F32"
    case f64 = "F64", i64 = "I64", u64 = "U64"

    public var size: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3: 1
        case .i16, .u16, .f16, .bf16: 2
        case .i32, .u32, .f32: 4
        case .f64, .i64, .u64: 8
        }
    }
}

/// A file that is not a usable safetensors file, in one line.
public enum SafeTensorsError: Error, Hashable, Sendable, CustomStringConvertible {
    case truncated(String)
    case invalidHeader(String)
    case invalidLayout(String)
    case noTensor(String)
    case wrongDType(name: String, dtype: String)

    public var description: String {
        switch self {
        case .truncated(let why): "truncated safetensors file: \(why)"
        case .invalidHeader(let why): "invalid safetensors header: \(why)"
        case .invalidLayout(let why): "invalid safetensors data layout: \(why)"
        case .noTensor(let name): "no tensor '\(name)'"
        case .wrongDType(let name, let dtype): "tensor '\(name)' is \(dtype); trajviz reads F32 (in torch: model.float() before saving)"
        }
    }
}
