import Optimizers
import Surfaces
import Testing
@testable import Regression

private func sampleManifest() throws -> Manifest {
    let paths = [
        try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))]), steps: 40),
        try tracePath("rmsprop:centered=true", "rmsprop", .init([("lr", .number(1e-3)), ("centered", .flag(true))]), steps: 40),
        try tracePath("sgd:lr=1", "sgd", .init([("lr", .number(1))]), on: TestQuartic(), from: Point(10, 0), steps: 20),
    ]
    let figure: JSONValue = .object([("layout", .string("both")), ("levels", .number(30)), ("xlim", .array([.number(-2), .number(0.1)]))])
    let definition: JSONValue = .object([("name", .string("valley")), ("f", .string("(1-x)^2 + 100*(y-x^2)^2")),
                                         ("x", .array([.number(-2), .number(2)])), ("minima", .array([.array([.number(1), .number(1)])]))])
    return Manifest(surface: TestValley(), definition: definition, start: Point(-1.5, 2), trajectories: paths, figure: figure)
}

@Test func manifestRoundTripsExactly() throws {
    let m = try sampleManifest()
    let back = try Manifest.decode(m.encode())
    #expect(back == m)
    for (a, b) in zip(back.paths, m.paths) {
        #expect(identical(a.trajectory, b.trajectory), "\(a.label)")
        // Hyperparameters keep the rule's order, defaults included.
        #expect(a.hyperparameters.entries.map(\.name) == b.hyperparameters.entries.map(\.name))
    }
    #expect(back.paths[2].divergedAt == 4 && back.paths[2].xs.count == 4)
    #expect(back.surface.definition == m.surface.definition)
    #expect(back.version == trajvizVersion)
}

@Test func manifestBytesAreDeterministicAndFollowTheSchema() throws {
    let a = try sampleManifest().encode(), b = try sampleManifest().encode()
    #expect(a == b)
    #expect(try Manifest.decode(a).encode() == a)
    #expect(a.last == UInt8(ascii: "\n"))
    let text = String(decoding: a, as: UTF8.self)
    #expect(text.hasPrefix("""
        {
          "format": 2,
          "trajviz_version": "\(trajvizVersion)",
          "surface": {
            "name": "test-valley",
            "title": "Test valley",
            "formula": "(1 − x)² + 100 (y − x²)²",
            "domain": {
              "x": [-2, 2],
              "y": [-1, 3]
            },
            "definition": {
        """))
    #expect(text.contains("""
              "label": "adam:lr=0.05,beta1=0.8",
              "optimizer": "adam",
              "hyperparameters": {
                "lr": 0.05,
                "beta1": 0.8,
                "beta2": 0.999,
                "eps": 1e-08,
        """))
    #expect(text.contains("\"start\": [-1.5, 2],\n      \"steps\": 40,\n      \"diverged_at\": null,\n      \"xs\": [-1.5, "))
    #expect(text.contains("\"diverged_at\": 4,"))
}

@Test func builtInSurfaceHasNullDefinitionAndFigure() throws {
    let m = Manifest(surface: TestValley(), start: Point(0, 0), trajectories: [])
    let text = String(decoding: m.encode(), as: UTF8.self)
    #expect(text.contains("\"definition\": null"))
    #expect(text.contains("\"figure\": null"))
    #expect(text.hasSuffix("\"paths\": []\n}\n"))
    #expect(try Manifest.decode(m.encode()) == m)
}

@Test func styleIsRecordedApartFromHyperparametersAndRoundTrips() throws {
    var path = try tracePath("adam:lr=0.05,label=Tuned,color=#1f77b4", "adam", .init([("lr", .number(0.05))]), steps: 5)
    path.appearance = PathAppearance(label: "Tuned", color: 0x1F77B4)
    let m = Manifest(surface: TestValley(), start: Point(-1.5, 2), trajectories: [path])
    let text = String(decoding: m.encode(), as: UTF8.self)
    #expect(text.contains("\"style\": {\n        \"label\": \"Tuned\",\n        \"color\": \"#1f77b4\"\n      },\n      \"start\""))
    #expect(!text.contains("\"label\": 0") && !text.contains("\"hyperparameters\": {\n        \"label\""))
    let back = try Manifest.decode(m.encode())
    #expect(back == m)
    #expect(back.paths[0].trajectory.appearance == path.appearance)
    // A path without style writes null, and older manifests without the member still read.
    let plain = Manifest(surface: TestValley(), start: Point(-1.5, 2), trajectories: [try tracePath("adam", "adam", .init(), steps: 2)])
    let plainText = String(decoding: plain.encode(), as: UTF8.self)
    #expect(plainText.contains("\"style\": null,"))
    let old = plainText.replacingOccurrences(of: "      \"style\": null,\n", with: "")
    #expect(try Manifest.decode(Array(old.utf8)) == plain)
    let bad = plainText.replacingOccurrences(of: "\"style\": null", with: "\"style\": {\"color\": \"blue\"}")
    #expect(throws: ManifestError.self) { try Manifest.decode(Array(bad.utf8)) }
}
