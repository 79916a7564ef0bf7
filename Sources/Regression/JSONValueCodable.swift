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

    /// Decodes this JSON as `type`, strictly (see `JSONValueDecoder`): a member `type` does
    /// not read, a value of the wrong kind or a value it refuses is an error naming its path
    /// under `path` (`figure.width`) and showing the value, never a Swift type name.
    ///
    /// - Parameters:
    ///   - choices: the accepted values of enumerated fields, by field name, for messages.
    ///   - expectations: what other fields accept, by field name, for messages.
    /// - Throws: ``JSONBridgeError`` with that one-line message.
    public func decode<T: Decodable>(_ type: T.Type, at path: String = "", choices: [String: [String]] = [:],
                                     expectations: [String: String] = [:]) throws(JSONBridgeError) -> T {
        try JSONValueDecoder(choices: choices, expectations: expectations).decode(type, from: self, at: path)
    }
}
