import Surfaces
import Testing
@testable import Regression

/// Stands in for options owned by other modules (Plot's figure options, a surface definition).
private struct Options: Codable, Hashable {
    var levels: Int?
    var xlim: ClosedRange<Double>?
    var layout: String
    var lr: Double
}

@Test func codableValuesPassThroughAManifest() throws {
    let options = Options(levels: 30, xlim: -2...0.1, layout: "both", lr: 1e-8)
    let json = try JSONValue(encoding: options)
    // Sorted keys: stable bytes whatever order the encoder uses.
    guard case .object(let members) = json else { Issue.record("not an object"); return }
    #expect(members.map(\.key) == ["layout", "levels", "lr", "xlim"])
    let m = Manifest(surface: TestValley(), start: Point(0, 0), trajectories: [], figure: json)
    let back = try #require(try Manifest.decode(m.encode()).figure)
    #expect(try back.decode(Options.self) == options)
}

@Test func decodingAWrongShapeNamesTheField() {
    let json: JSONValue = .object([("layout", .string("both")), ("lr", .string("fast"))])
    #expect(throws: JSONBridgeError.self) { try json.decode(Options.self) }
    do { _ = try json.decode(Options.self) } catch { #expect(error.message.contains("lr")) }
}
