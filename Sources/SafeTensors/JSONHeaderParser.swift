/// A JSON value of a safetensors header. Numbers are whole (the format has no other kind).
enum JSONHeaderValue {
    case object([(String, JSONHeaderValue)])
    case array([JSONHeaderValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null
}

/// A strict JSON reader (RFC 8259) for safetensors headers: objects keep their order and refuse a
/// repeated key, nesting stops at 64 levels, numbers must be whole and fit in an `Int`, strings are
/// checked UTF-8 with every escape (surrogate pairs included), and only spaces, tabs and line breaks
/// may follow the value (the format pads its header with spaces). Every failure names the byte offset.
///
/// Written here, not taken from Foundation: the header is untrusted input, and these refusals (a
/// duplicated tensor name, `1e3` or `2.0` as an offset, a nesting bomb) must be one-line errors.
struct JSONHeaderParser {
    struct Failure: Error { var message: String }

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    static let maxDepth = 64

    init(_ slice: ArraySlice<UInt8>) {
        bytes = Array(slice)
    }

    mutating func parseDocument() throws(Failure) -> JSONHeaderValue {
        skipSpace()
        let v = try value()
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected text after the JSON value") }
        return v
    }

    private func fail(_ message: String) -> Failure { Failure(message: "\(message) at byte \(i) of the header") }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[i]) { i += 1 }
    }

    private mutating func value() throws(Failure) -> JSONHeaderValue {
        guard i < bytes.count else { throw fail("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try number())
        default: throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i ..< i + w.count]) == w else { throw fail("unexpected character") }
        i += w.count
    }

    private mutating func nest() throws(Failure) {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func object() throws(Failure) -> JSONHeaderValue {
        try nest()
        i += 1
        var pairs: [(String, JSONHeaderValue)] = []
        var keys = Set<String>()
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(pairs) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try string()
            guard keys.insert(key).inserted else { throw fail("the key '\(key)' appears twice") }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            i += 1
            skipSpace()
            pairs.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(pairs) }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func array() throws(Failure) -> JSONHeaderValue {
        try nest()
        i += 1
        var items: [JSONHeaderValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func number() throws(Failure) -> Int {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else { throw fail("invalid number") }
        if bytes[i] == UInt8(ascii: "0"), i + 1 < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i + 1]) {
            throw fail("a number has a leading zero")
        }
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        if i < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[i]) {
            throw fail("a number is not whole")
        }
        guard let n = Int(String(decoding: bytes[start ..< i], as: UTF8.self)) else { throw fail("a number is too large") }
        return n
    }

    private mutating func string() throws(Failure) -> String {
        i += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(scalars) }
            if b < 0x20 { throw fail("a control character in a string") }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { throw fail("unterminated string") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{c}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone surrogate in a string")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate in a string") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let s = Unicode.Scalar(code) else { throw fail("a lone surrogate in a string") }
                    scalars.append(s)
                default: throw fail("an unknown escape in a string")
                }
                continue
            }
            // One UTF-8 sequence, validated.
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            guard length > 0, i + length <= bytes.count else { throw fail("invalid UTF-8") }
            var decoder = UTF8()
            var iterator = bytes[i ..< i + length].makeIterator()
            guard case .scalarValue(let s) = decoder.decode(&iterator) else { throw fail("invalid UTF-8") }
            scalars.append(s)
            i += length
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count, bytes[i ..< i + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
              let v = UInt32(String(decoding: bytes[i ..< i + 4], as: UTF8.self), radix: 16) else {
            throw fail("an invalid \\u escape")
        }
        i += 4
        return v
    }
}
