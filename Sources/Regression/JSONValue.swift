/// A JSON document whose objects keep their keys in the order they were written.
///
/// trajviz writes its manifests through this type rather than `JSONEncoder` for two reasons:
/// the hyperparameters must appear in the rule's order (a dictionary has none), and the bytes must
/// be the same on every run and platform. Numbers are Doubles written by ``exactDecimal(_:)``, so
/// every value reads back bit for bit.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in order; keys are unique (the parser refuses duplicates).
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(1); h.combine(b)
        case .number(let v): h.combine(2); h.combine(v)
        case .string(let s): h.combine(3); h.combine(s)
        case .array(let a): h.combine(4); h.combine(a)
        case .object(let o): h.combine(5); for m in o { h.combine(m.key); h.combine(m.value) }
        }
    }

    /// The member called `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// What the value is, for error messages: `a number`, `an object`, ...
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: - Writing

extension JSONValue {
    /// The document as UTF-8 text: objects one member per line indented by two spaces, arrays of
    /// scalars on one line (a path's thousands of coordinates stay readable), a trailing newline.
    /// The same value always gives the same bytes.
    ///
    /// Non-finite numbers have no JSON spelling and are written as `null`.
    public func prettyBytes() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The document on one line (`{"a": [1, 2]}`), for messages that show a value.
    public func compactBytes() -> [UInt8] {
        var out: [UInt8] = []
        writeCompact(into: &out)
        return out
    }

    private func writeCompact(into out: inout [UInt8]) {
        switch self {
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out += Array(", ".utf8) }
                item.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out += Array(", ".utf8) }
                JSONValue.writeString(member.key, into: &out)
                out += Array(": ".utf8)
                member.value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(into: &out, indent: 0)
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .number(let v): out += Array((v.isFinite ? exactDecimal(v) : "null").utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += Array("[]".utf8); return }
            if items.allSatisfy(\.isScalar) {
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { out += Array(", ".utf8) }
                    item.write(into: &out, indent: indent)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            out += Array("[\n".utf8)
            for (i, item) in items.enumerated() {
                out += Array(repeating: UInt8(ascii: " "), count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += Array((i + 1 < items.count ? ",\n" : "\n").utf8)
            }
            out += Array(repeating: UInt8(ascii: " "), count: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out += Array("{}".utf8); return }
            out += Array("{\n".utf8)
            for (i, member) in members.enumerated() {
                out += Array(repeating: UInt8(ascii: " "), count: indent + 2)
                JSONValue.writeString(member.key, into: &out)
                out += Array(": ".utf8)
                member.value.write(into: &out, indent: indent + 2)
                out += Array((i + 1 < members.count ? ",\n" : "\n").utf8)
            }
            out += Array(repeating: UInt8(ascii: " "), count: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, ... or
    /// `\u00XX`, everything else as UTF-8 (formulas hold `²` and `−`).
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8)
                out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
