import Foundation

// Bridges between Codable types owned by other modules (Plot's figure options, SurfaceFiles'
// definition) and the ordered JSON of a manifest, so that Regression need not depend on them
// and a field added there is carried through without a change here.

/// A Codable value that cannot be turned into a manifest's JSON or back.
public struct JSONBridgeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension JSONValue {
    /// The JSON of `value` as `JSONEncoder` writes it, keys sorted (so the bytes are stable).
    public init<T: Encodable>(encoding value: T) throws(JSONBridgeError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            self = try JSONValue.parse(Array(try encoder.encode(value)))
        } catch {
            throw JSONBridgeError("cannot record \(T.self) as JSON: \(error)")
        }
    }

    /// Decodes this JSON as `type` with `JSONDecoder`.
    ///
    /// - Throws: ``JSONBridgeError`` naming the type and what `JSONDecoder` reported.
    public func decode<T: Decodable>(_ type: T.Type) throws(JSONBridgeError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(prettyBytes()))
        } catch let DecodingError.keyNotFound(key, context) {
            throw JSONBridgeError("\(T.self): missing '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            throw JSONBridgeError("\(T.self): \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        } catch {
            throw JSONBridgeError("\(T.self): \(error)")
        }
    }
}
