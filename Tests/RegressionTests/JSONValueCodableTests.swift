import Plot
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

@Test func codableValuesRoundTrip() throws {
    let options = Options(levels: 30, xlim: -2...0.1, layout: "both", lr: 1e-8)
    let json = try JSONValue(encoding: options)
    // Sorted keys: stable bytes whatever order the encoder uses.
    guard case .object(let members) = json else { Issue.record("not an object"); return }
    #expect(members.map(\.key) == ["layout", "levels", "lr", "xlim"])
    let back = try JSONValue.parse(json.prettyBytes())
    #expect(try back.decode(Options.self) == options)
}

@Test func figureOptionsPassThroughAManifest() throws {
    let options = SurfacePlotOptions(levels: 30, scale: .linear, xlim: -2...0.1, width: 800, height: 600, layout: .contour)
    let m = Manifest(surface: TestValley(), start: Point(0, 0), trajectories: [], figure: try JSONValue(encoding: options))
    #expect(try Manifest.decode(m.encode()).figureOptions() == options)
}

/// Strict decoding: each mistake names its path and shows the value, never a Swift type name.
@Test(arguments: [
    (JSONValue.object([("layout", .string("both")), ("lr", .string("fast"))]), #"options.lr: expected a number, found "fast""#),
    (.object([("layout", .string("both")), ("lr", .number(1)), ("levles", .number(3))]),
     "options.levles: unknown field; accepted: layout, levels, lr, xlim"),
    (.object([("lr", .number(1))]), "options.layout: missing"),
    (.object([("layout", .string("both")), ("lr", .number(1)), ("levels", .number(1.5))]), "options.levels: expected a whole number, found 1.5"),
    (.object([("layout", .string("both")), ("lr", .number(1)), ("xlim", .array([.number(2), .number(1)]))]),
     "options.xlim: invalid value [2, 1]; expected min < max"),
    (.object([("layout", .string("both")), ("lr", .number(1)), ("xlim", .array([.number(2)]))]), "options.xlim: expected more than 1 items, found [2]"),
    (.array([]), "options: expected an object, found []"),
])
func decodingMistakesAreNamed(_ json: JSONValue, _ message: String) {
    do {
        _ = try json.decode(Options.self, at: "options", expectations: ["xlim": "min < max"])
        Issue.record("accepted \(json)")
    } catch {
        #expect(error.message == message)
        #expect(!error.message.contains("Double") && !error.message.contains("ClosedRange") && !error.message.contains("Options"))
    }
}
