import Numbers

/// Decodes a ``JSONValue`` into a `Decodable` type owned by another module (Plot's figure
/// options, SurfaceFiles' definition) strictly, with messages in a manifest's words:
///
/// * a member the type never asks for is refused, naming its path and the members the type
///   reads (`figure.colour: unknown field; accepted: height, layout, levels, ...`): a misspelt
///   field is a mistake to report, not a value to drop. The accepted names come from the type's
///   own `init(from:)`, so a field added there is accepted here without a change;
/// * a value of the wrong kind names the path, what was expected and the value itself
///   (`figure.width: expected a whole number, found "wide"`), never a Swift type name;
/// * a value a type refuses (an enum's unknown case) shows the value and, where the caller
///   lists them, the accepted ones.
struct JSONValueDecoder {
    /// Accepted values of enumerated fields, by field name, for messages.
    var choices: [String: [String]] = [:]
    /// What other fields accept, by field name (`two finite numbers [min, max] with min < max`).
    var expectations: [String: String] = [:]

    func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, at path: String) throws(JSONBridgeError) -> T {
        let log = ReadLog()
        let decoder = Reader(value: value, codingPath: [], log: log)
        let result: T
        do {
            result = try T(from: decoder)
        } catch let error as JSONBridgeError {
            throw JSONBridgeError(prefixed(error.message, path))
        } catch let error as DecodingError {
            throw JSONBridgeError(describe(error, root: value, path: path))
        } catch {
            throw JSONBridgeError("\(path): \(error)")
        }
        if let unknown = log.firstUnknown() {
            throw JSONBridgeError("\(join(path, unknown.path)): unknown field; accepted: \(unknown.accepted.sorted().joined(separator: ", "))")
        }
        return result
    }

    private func prefixed(_ message: String, _ path: String) -> String {
        message.hasPrefix(":") ? path + message : join(path, message)
    }

    /// A message for an error thrown by the type's own `init(from:)`.
    private func describe(_ error: DecodingError, root: JSONValue, path: String) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(join(path, render(context.codingPath + [key]))): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let at = join(path, render(context.codingPath))
            let shown = value(at: context.codingPath, in: root).map(Self.show) ?? "nothing"
            let field = context.codingPath.last?.stringValue ?? ""
            var message = "\(at): invalid value \(shown)"
            if let accepted = choices[field] {
                message += "; accepted: " + accepted.joined(separator: ", ")
            } else if let expected = expectations[field] {
                message += "; expected " + expected
            } else if !context.debugDescription.isEmpty, !context.debugDescription.hasPrefix("Cannot initialize") {
                message += "; " + context.debugDescription
            }
            return message
        @unknown default:
            return "\(path): \(error)"
        }
    }

    private func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        return b.hasPrefix("[") ? a + b : a + "." + b
    }

    fileprivate static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }

    private func render(_ path: [any CodingKey]) -> String { Self.render(path) }

    private func value(at path: [any CodingKey], in root: JSONValue) -> JSONValue? {
        var current = root
        for key in path {
            if let i = key.intValue {
                guard case .array(let items) = current, items.indices.contains(i) else { return nil }
                current = items[i]
            } else {
                guard let next = current[key.stringValue] else { return nil }
                current = next
            }
        }
        return current
    }

    /// A value as a message shows it: `32767`, `"wide"`, `[1, 1]`, shortened past 60 characters.
    static func show(_ value: JSONValue) -> String {
        let text = String(decoding: value.compactBytes(), as: UTF8.self)
        return text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}

/// Which members each object was asked for, to find the ones nobody read.
private final class ReadLog {
    /// Per object (by its path): its keys, and those the type asked for.
    var objects: [(path: String, keys: [String], asked: Set<String>)] = []
    var index: [String: Int] = [:]

    func note(path: String, keys: [String]) {
        if index[path] == nil { index[path] = objects.count; objects.append((path, keys, [])) }
    }

    func asked(_ key: String, at path: String) {
        if let i = index[path] { objects[i].asked.insert(key) }
    }

    func askedAll(at path: String) {
        if let i = index[path] { objects[i].asked.formUnion(objects[i].keys) }
    }

    func firstUnknown() -> (path: String, accepted: Set<String>)? {
        for object in objects {
            if let key = object.keys.first(where: { !object.asked.contains($0) }) {
                return (object.path.isEmpty ? key : object.path + "." + key, object.asked)
            }
        }
        return nil
    }
}

private struct Reader: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let log: ReadLog
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var path: String { JSONValueDecoder.render(codingPath) }

    func mismatch(_ expected: String) -> JSONBridgeError {
        JSONBridgeError("\(path): expected \(expected), found \(JSONValueDecoder.show(value))")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch("an object") }
        log.note(path: path, keys: members.map(\.key))
        return KeyedDecodingContainer(KeyedReader<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch("an array") }
        return UnkeyedReader(items: items, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(decoder: self) }

    func child(_ value: JSONValue, _ key: any CodingKey) -> Reader {
        Reader(value: value, codingPath: codingPath + [key], log: log)
    }

    // Scalars, shared by the three containers.

    func decodeBool() throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch("true or false") }
        return b
    }

    func decodeString() throws -> String {
        guard case .string(let s) = value else { throw mismatch("a string") }
        return s
    }

    func decodeDouble() throws -> Double {
        guard case .number(let v) = value else { throw mismatch("a number") }
        return v
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let v) = value, v == v.rounded(), let i = T(exactly: v) else {
            throw mismatch("a whole number")
        }
        return i
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Double.Type: return try decodeDouble() as! T
        case is Float.Type: return Float(try decodeDouble()) as! T
        case is Int.Type: return try decodeInteger(Int.self) as! T
        case is String.Type: return try decodeString() as! T
        case is Bool.Type: return try decodeBool() as! T
        default: return try T(from: self)
        }
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let decoder: Reader
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.log.askedAll(at: decoder.path)
        return members.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool {
        decoder.log.asked(key.stringValue, at: decoder.path)
        return members.contains { $0.key == key.stringValue }
    }

    private func member(_ key: Key) throws -> Reader {
        decoder.log.asked(key.stringValue, at: decoder.path)
        guard let v = members.first(where: { $0.key == key.stringValue })?.value else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: ""))
        }
        return decoder.child(v, key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.log.asked(key.stringValue, at: decoder.path)
        return members.first(where: { $0.key == key.stringValue })?.value == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decode(type) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        decoder.log.asked(key.stringValue, at: decoder.path)
        guard let v = members.first(where: { $0.key == key.stringValue })?.value, v != .null else { return nil }
        return try decoder.child(v, key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

private struct UnkeyedReader: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let decoder: Reader
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> Reader {
        guard !isAtEnd else {
            throw JSONBridgeError("\(decoder.path): expected more than \(items.count) items, found \(JSONValueDecoder.show(.array(items)))")
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], AnyKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleReader: SingleValueDecodingContainer {
    let decoder: Reader
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.decodeDouble()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
}
