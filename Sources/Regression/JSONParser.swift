import Numbers

/// A JSON text that cannot be read, with the line and column (1-based, counted in characters)
/// where reading stopped.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// Parses a JSON document (RFC 8259), keeping the order of object members.
    ///
    /// Strict where leniency would hide a damaged file: no trailing commas, no comments, no
    /// duplicate keys, no `NaN`; numbers must fit a Double. Nesting deeper than 512 levels is
    /// refused rather than risking the stack.
    ///
    /// - Complexity: O(n) in the length of `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipByteOrderMark()
        parser.skipSpace()
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        if parser.position < bytes.count { throw parser.error("unexpected text after the end of the document") }
        return value
    }
}

extension JSONValue {
    /// Parses a manifest as ``parse(_:)`` does (the same errors), but reads the paths' number
    /// arrays (`paths[i].xs`, `.ys`, `.losses`, `.lrs`) into `Double`s, 8 bytes a number instead
    /// of a tree node each: they are returned by their field path (`paths[3].xs`), and the tree
    /// holds an empty array in their place. An array holding anything but numbers stays in the
    /// tree, as ``parse(_:)`` reads it.
    ///
    /// - Complexity: O(n) in the length of `bytes`.
    static func parseManifest(_ bytes: [UInt8]) throws(JSONSyntaxError) -> (JSONValue, [String: [Double]]) {
        var parser = JSONParser(bytes: bytes)
        parser.pathArrays = [:]
        parser.skipByteOrderMark()
        parser.skipSpace()
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        if parser.position < bytes.count { throw parser.error("unexpected text after the end of the document") }
        return (value, parser.pathArrays ?? [:])
    }
}

struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    static let maximumDepth = 512
    /// When set (``JSONValue/parseManifest(_:)``), the number arrays of the manifest's paths
    /// (`paths[i].xs`, `.ys`, `.losses`, `.lrs`) are read straight into `Double`s and kept here
    /// under their field path, the tree holding an empty array in their place.
    var pathArrays: [String: [Double]]? = nil

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Line and column of `at`, counting UTF-8 continuation bytes as part of their character.
    func error(_ message: String, at: Int? = nil) -> JSONSyntaxError {
        let end = min(at ?? position, bytes.count)
        var line = 1, column = 1
        for byte in bytes[..<end] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// What is at the current position, for messages: `'x'` or `the end of the file`.
    var found: String {
        guard let c = current else { return "the end of the file" }
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16))"
    }

    mutating func skipByteOrderMark() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 }
    }

    mutating func expect(_ literal: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let start = position
        for byte in literal.utf8 {
            guard current == byte else { throw error("expected a value (a number, a string, an array, an object, true, false or null)", at: start) }
            position += 1
        }
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        switch current {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case let c? where c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")):
            return .number(try parseNumber())
        default:
            throw error("expected a value (a number, a string, an array, an object, true, false or null), found \(found)")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        skipSpace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name in double quotes, found \(found)") }
            let keyStart = position
            let key = try parseString()
            guard keys.insert(key).inserted else { throw error("duplicate member '\(key)'", at: keyStart) }
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after member name '\(key)', found \(found)") }
            position += 1
            skipSpace()
            if pathArrays != nil, depth == 0, key == "paths", current == UInt8(ascii: "[") {
                members.append((key, try parsePaths(depth: depth + 1)))
            } else {
                members.append((key, try parseValue(depth: depth + 1)))
            }
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw error("expected ',' or '}' after member '\(key)', found \(found)")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue(depth: depth + 1))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(items)
            default: throw error("expected ',' or ']' after array item \(items.count), found \(found)")
            }
        }
    }

    /// The manifest's `paths` list, as ``parseArray(depth:)`` reads it (the same values and the same
    /// errors at the same places), with each path object's number arrays read by
    /// ``parseNumberArray(path:)``.
    mutating func parsePaths(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipSpace()
            if current == UInt8(ascii: "{") {
                items.append(try parsePathObject(index: items.count, depth: depth + 1))
            } else {
                items.append(try parseValue(depth: depth + 1))
            }
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(items)
            default: throw error("expected ',' or ']' after array item \(items.count), found \(found)")
            }
        }
    }

    /// One path object of `paths`, as ``parseObject(depth:)`` reads it, its number arrays kept
    /// aside as `Double`s.
    mutating func parsePathObject(index: Int, depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        skipSpace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name in double quotes, found \(found)") }
            let keyStart = position
            let key = try parseString()
            guard keys.insert(key).inserted else { throw error("duplicate member '\(key)'", at: keyStart) }
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after member name '\(key)', found \(found)") }
            position += 1
            skipSpace()
            if Self.pathArrayKeys.contains(key), current == UInt8(ascii: "["),
               depth + 1 < Self.maximumDepth, let numbers = try parseNumberArray() {
                pathArrays?["paths[\(index)].\(key)"] = numbers
                members.append((key, .array([])))
            } else {
                members.append((key, try parseValue(depth: depth + 1)))
            }
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw error("expected ',' or '}' after member '\(key)', found \(found)")
            }
        }
    }

    static let pathArrayKeys: Set<String> = ["xs", "ys", "losses", "lrs"]

    /// A non-empty array of numbers read into `Double`s, or nil (the position back at the `[`)
    /// when an item is not a number, or the array is empty, so that ``parseArray(depth:)`` reads
    /// it as before. Syntax errors are those of ``parseArray(depth:)``, at the same places.
    mutating func parseNumberArray() throws(JSONSyntaxError) -> [Double]? {
        let start = position
        position += 1
        var numbers: [Double] = []
        skipSpace()
        if current == UInt8(ascii: "]") { position = start; return nil }
        while true {
            skipSpace()
            guard let c = current, c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else {
                position = start
                return nil
            }
            numbers.append(try parseNumber())
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return numbers
            default: throw error("expected ',' or ']' after array item \(numbers.count), found \(found)")
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, read by the correctly rounding `Double(_:)`.
    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        func digits(_ p: inout Self) -> Int {
            let s = p.position
            while let c = p.current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { p.position += 1 }
            return p.position - s
        }
        if current == UInt8(ascii: "-") { position += 1 }
        let intStart = position
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw error("expected a digit, found \(found)") }
        if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") { throw error("a number may not start with 0", at: intStart) }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw error("expected a digit after '.', found \(found)") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits(&self) > 0 else { throw error("expected a digit in the exponent, found \(found)") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        // The grammar above is JSON's; what it spells is read by trajviz's one number reader,
        // which refuses what overflows to infinity or underflows to 0 as every other input does.
        switch DecimalNumber.parse(text) {
        case .success(let value): return value
        case .failure(.overflow): throw error("number \(text) is too large for a Double", at: start)
        case .failure(let problem): throw error("number \(text): \(problem.reason)", at: start)
        }
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("unterminated string", at: start) }
            switch c {
            case UInt8(ascii: "\""):
                position += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8", at: start) }
                return s
            case UInt8(ascii: "\\"):
                position += 1
                guard let e = current else { throw error("unterminated string", at: start) }
                position += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate \\u\(String(scalar, radix: 16))")
                        }
                        position += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate \\u\(String(scalar, radix: 16))") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid escape \\u\(String(scalar, radix: 16))") }
                    out += Array(String(Character(u)).utf8)
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'; accepted: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: position - 2)
                }
            case 0..<0x20:
                throw error("control character in a string (write it as an escape such as \\n)")
            default:
                out.append(c)
                position += 1
            }
        }
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let d = Character(Unicode.Scalar(c)).hexDigitValue else {
                throw error("expected 4 hexadecimal digits after \\u, found \(found)")
            }
            v = v * 16 + UInt32(d)
            position += 1
        }
        return v
    }
}
