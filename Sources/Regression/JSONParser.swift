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
        if parser.current != nil { throw parser.error("unexpected text after the end of the document") }
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
        if parser.current != nil { throw parser.error("unexpected text after the end of the document") }
        return (value, parser.pathArrays ?? [:])
    }
}

/// Where a JSON document too large to hold is read from, a window at a time: a file read with
/// `pread`, so that a reader can go back to any offset (a manifest's number arrays are read
/// again in a second pass, ``ManifestReader``).
public protocol JSONByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes from `offset` into `buffer`; fewer only at the end of the
    /// data, 0 at its end (or after a read error, which the source keeps for its caller).
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int
}

/// A JSON source held in memory (for tests and small documents).
public final class JSONBytes: JSONByteSource {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard offset < bytes.count else { return 0 }
        let n = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        return n
    }
}

struct JSONParser {
    /// The bytes at hand: the whole document, or for a ``source`` a window of it starting at
    /// offset ``base``. Positions are offsets in the document.
    var bytes: [UInt8]
    var base = 0
    var position = 0
    /// Where more of the document comes from, or nil when ``bytes`` holds all of it.
    let source: JSONByteSource?
    /// No byte at or after this offset is dropped from the window (the number being read).
    var keep = Int.max
    static let maximumDepth = 512
    /// Bytes read from a source at a time.
    static let windowSize = 1 << 18
    /// When set (``JSONValue/parseManifest(_:)``), the number arrays of the manifest's paths
    /// (`paths[i].xs`, `.ys`, `.losses`, `.lrs`) are read straight into `Double`s and kept here
    /// under their field path, the tree holding an empty array in their place.
    var pathArrays: [String: [Double]]? = nil
    /// When set (``ManifestReader``), the paths' number arrays are checked as they are read but
    /// not kept: each one's offset (its `[`) and count are, under its field path.
    var locatedArrays: [String: PathArrayLocation]? = nil

    init(bytes: [UInt8]) { self.bytes = bytes; source = nil }

    /// A parser reading `source` in windows, from `offset`.
    init(source: JSONByteSource, at offset: Int = 0) {
        bytes = []; self.source = source; base = offset; position = offset
    }

    /// Line and column of `at`, counting UTF-8 continuation bytes as part of their character.
    func error(_ message: String, at: Int? = nil) -> JSONSyntaxError {
        var line = 1, column = 1
        func count(_ chunk: UnsafeRawBufferPointer) {
            for byte in chunk {
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
        let target = at ?? position
        if let source {
            // Errors are rare: the document is read again from its start to count the lines.
            var chunk = [UInt8](repeating: 0, count: Self.windowSize)
            var offset = 0
            while offset < target {
                let n = chunk.withUnsafeMutableBytes { b in
                    source.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: b[..<min(b.count, target - offset)]))
                }
                if n <= 0 { break }
                chunk.withUnsafeBytes { count(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
                offset += n
            }
        } else {
            bytes.withUnsafeBytes { count(UnsafeRawBufferPointer(rebasing: $0[..<min(target, bytes.count)])) }
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    var current: UInt8? {
        @inline(__always) mutating get {
            let i = position &- base
            if i >= 0, i < bytes.count { return bytes[i] }
            return fill() ? bytes[position - base] : nil
        }
    }

    /// Moves the window of a source so that it holds ``position`` (keeping the bytes from
    /// ``keep`` on); false at the end of the document.
    mutating func fill() -> Bool {
        guard let source else { return false }
        let from = min(position, keep)
        if from < base || from > base + bytes.count {
            bytes.removeAll(keepingCapacity: true)
            base = from
        } else if from > base {
            bytes.removeSubrange(0..<(from - base))
            base = from
        }
        while position - base >= bytes.count {
            let old = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: Self.windowSize))
            // A source may hand over less than asked (a pipe, a test's small pieces): read on
            // until the window's new part is full or the data ends.
            var got = 0
            while got < Self.windowSize {
                let n = bytes.withUnsafeMutableBytes { b in
                    source.read(at: base + old + got, into: UnsafeMutableRawBufferPointer(rebasing: b[(old + got)...]))
                }
                if n <= 0 { break }
                got += n
            }
            bytes.removeLast(Self.windowSize - got)
            if got == 0 { return position - base >= 0 && position - base < bytes.count }
        }
        return true
    }

    /// The byte `k` places after the current one, or nil past the end.
    mutating func peek(_ k: Int) -> UInt8? {
        let saved = position, savedKeep = keep
        keep = min(keep, saved)
        position += k
        let c = current
        position = saved; keep = savedKeep
        return c
    }

    /// What is at the current position, for messages: `'x'` or `the end of the file`.
    var found: String {
        mutating get {
            guard let c = current else { return "the end of the file" }
            if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
            return "byte 0x\(String(c, radix: 16))"
        }
    }

    mutating func skipByteOrderMark() {
        if current == 0xEF, peek(1) == 0xBB, peek(2) == 0xBF { position += 3 }
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
        try parseMembers { (parser: inout JSONParser, key: String) throws(JSONSyntaxError) -> JSONValue in
            if parser.pathArrays != nil || parser.locatedArrays != nil, depth == 0, key == "paths", parser.current == UInt8(ascii: "[") {
                return try parser.parsePaths(depth: depth + 1)
            }
            return try parser.parseValue(depth: depth + 1)
        }
    }

    /// An object from its `{`: each member's name read and checked (quoted, not seen before,
    /// then a ':'), its value read by `value` (the parser at its first character), the members
    /// separated by ','. The one member loop of ``parseObject(depth:)`` and
    /// ``parsePathObject(index:depth:)``, so that both give the same errors at the same places.
    @inline(__always)
    mutating func parseMembers(_ value: (inout JSONParser, String) throws(JSONSyntaxError) -> JSONValue) throws(JSONSyntaxError) -> JSONValue {
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
            members.append((key, try value(&self, key)))
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
        return try parseMembers { (parser: inout JSONParser, key: String) throws(JSONSyntaxError) -> JSONValue in
            let numbers = Self.pathArrayKeys.contains(key) && parser.current == UInt8(ascii: "[") && depth + 1 < Self.maximumDepth
            if numbers, parser.locatedArrays != nil, case let offset = parser.position, let count = try parser.checkNumberArray() {
                parser.locatedArrays?["paths[\(index)].\(key)"] = PathArrayLocation(offset: offset, count: count)
                return .array([])
            }
            if numbers, parser.pathArrays != nil, let values = try parser.parseNumberArray() {
                parser.pathArrays?["paths[\(index)].\(key)"] = values
                return .array([])
            }
            return try parser.parseValue(depth: depth + 1)
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

    /// ``parseNumberArray()`` without keeping the numbers: the count of a non-empty array of
    /// numbers, each checked as ``parseNumber()`` checks it (the same errors at the same places),
    /// or nil (the position back at the `[`) when an item is not a number or the array is empty.
    mutating func checkNumberArray() throws(JSONSyntaxError) -> Int? {
        let start = position
        position += 1
        var count = 0
        skipSpace()
        if current == UInt8(ascii: "]") { position = start; return nil }
        while true {
            skipSpace()
            guard let c = current, c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else {
                position = start
                return nil
            }
            try checkNumber()
            count += 1
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return count
            default: throw error("expected ',' or ']' after array item \(count), found \(found)")
            }
        }
    }

    /// Checks the grammar of a number (``parseNumber()``'s), leaving its text at `start..<position`
    /// in the window (``keep`` is `start` until the caller resets it).
    @inline(__always)
    mutating func scanNumber(_ start: Int) throws(JSONSyntaxError) {
        keep = start
        if current == UInt8(ascii: "-") { position += 1 }
        let intStart = position
        var first: UInt8 = 0
        var intDigits = 0
        while let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            if intDigits == 0 { first = c }
            intDigits += 1; position += 1
        }
        guard intDigits > 0 else { throw error("expected a digit, found \(found)") }
        if intDigits > 1, first == UInt8(ascii: "0") { throw error("a number may not start with 0", at: intStart) }
        if current == UInt8(ascii: ".") {
            position += 1
            var digits = 0
            while let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { digits += 1; position += 1 }
            guard digits > 0 else { throw error("expected a digit after '.', found \(found)") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            var digits = 0
            while let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { digits += 1; position += 1 }
            guard digits > 0 else { throw error("expected a digit in the exponent, found \(found)") }
        }
        // The byte after the number is in the window; so is the number, from `start` on.
    }

    /// A number checked as ``parseNumber()`` checks it, its value not read.
    mutating func checkNumber() throws(JSONSyntaxError) {
        let start = position
        defer { keep = Int.max }
        try scanNumber(start)
        let accepted = bytes.withUnsafeBufferPointer { b in
            DecimalText.isAccepted(UnsafeBufferPointer(rebasing: b[(start - base)..<(position - base)]))
        }
        if !accepted {
            // Refused: parseNumber names why, at the same place.
            position = start
            _ = try parseNumber()
        }
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, read by the correctly rounding `Double(_:)`.
    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        defer { keep = Int.max }
        try scanNumber(start)
        // The grammar above is JSON's; what it spells is read by trajviz's one number reader,
        // which refuses what overflows to infinity or underflows to 0 as every other input does.
        let value: Double? = bytes.withUnsafeBufferPointer { b in
            let text = UnsafeBufferPointer(rebasing: b[(start - base)..<(position - base)])
            return DecimalText.isAccepted(text) ? DecimalText.value(ofAccepted: text) : nil
        }
        if let value { return value }
        let text = String(decoding: bytes[(start - base)..<(position - base)], as: UTF8.self)
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
                        guard current == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
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

/// An array of numbers of a document read in pieces from its `[` on (checked before by
/// ``JSONParser/checkNumberArray()``): what ``ManifestReader`` streams a path's arrays through.
struct NumberArrayCursor {
    private var parser: JSONParser
    private var started = false
    /// Whether the closing `]` was read.
    private(set) var done = false

    init(source: JSONByteSource, at offset: Int) {
        parser = JSONParser(source: source, at: offset)
    }

    /// Appends up to `limit` more numbers to `out` (none once ``done``).
    mutating func next(into out: inout [Double], limit: Int) throws(JSONSyntaxError) {
        if done { return }
        if !started {
            started = true
            guard parser.current == UInt8(ascii: "[") else {
                throw parser.error("expected '[' (the file changed while it was read)")
            }
            parser.position += 1
            parser.skipSpace()
            if parser.current == UInt8(ascii: "]") { parser.position += 1; done = true; return }
        }
        var n = 0
        while n < limit {
            parser.skipSpace()
            out.append(try parser.parseNumber())
            n += 1
            parser.skipSpace()
            switch parser.current {
            case UInt8(ascii: ","): parser.position += 1
            case UInt8(ascii: "]"): parser.position += 1; done = true; return
            default: throw parser.error("expected ',' or ']' after an array item, found \(parser.found)")
            }
        }
    }
}
