import Foundation
import Testing
@testable import Regression

private func syntaxError(_ text: String) -> JSONSyntaxError? {
    do { _ = try JSONValue.parse(Array(text.utf8)); return nil } catch { return error }
}

@Test func parsesStandardJSON() throws {
    let v = try JSONValue.parse(Array(#"{"a": [1, -2.5e3, 0], "b": "\u00e9\ud834\udd1e\/", "c": true, "d": null}"#.utf8))
    #expect(v == .object([("a", .array([.number(1), .number(-2500), .number(0)])), ("b", .string("é𝄞/")),
                          ("c", .bool(true)), ("d", .null)]))
    #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == .array([]))
}

@Test func syntaxErrorsGiveLineAndColumn() {
    let cases: [(String, Int, Int, String)] = [
        ("{\n  \"a\": 1,\n}", 3, 1, "expected a member name"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[01]", 1, 2, "may not start with 0"),
        ("[NaN]", 1, 2, "expected a value"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate member 'a'"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[1e400]", 1, 2, "too large"),
        ("[1] x", 1, 5, "after the end"),
        ("\"é\" x", 1, 5, "after the end"),
        ("", 1, 1, "found the end of the file"),
        ("[\"\\q\"]", 1, 3, "invalid escape"),
    ]
    for (text, line, column, message) in cases {
        guard let e = syntaxError(text) else { Issue.record("\(text) parsed"); continue }
        #expect(e.line == line && e.column == column, "\(text): \(e)")
        #expect(e.message.contains(message), "\(text): \(e)")
    }
}

@Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(syntaxError(deep)?.message.contains("nesting deeper than 512") == true)
    let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(syntaxError(ok) == nil)
}

// MARK: - Manifests with their paths' numbers read aside (JSONValue.parseManifest, Manifest.document)

/// A manifest of two paths, with every kind of number JSON spells, to break one piece at a time.
private let twoPaths = """
    {"format": 2, "trajviz_version": "0.1.0",
     "surface": {"name": "s", "title": "S", "formula": "x", "domain": {"x": [0, 1], "y": [0, 1]}},
     "paths": [
      {"label": "sgd", "optimizer": "sgd", "hyperparameters": {"lr": 0.1}, "start": [0, 0], "steps": 2,
       "diverged_at": null, "xs": [0, 1.5, -2e-3], "ys" : [ 1 , 2E+2 ,3 ], "losses": [0.25, 1e300, 5], "lrs": [0.1, 0.1]},
      {"label": "adam", "optimizer": "adam", "hyperparameters": {}, "start": [0, 0], "steps": 1,
       "diverged_at": null, "xs": [4, 5], "ys": [6, 7], "losses": [8, 9], "lrs": []}
     ]}
    """

/// Decoded through the whole tree, as before: the reference.
private func treeDecode(_ text: String) -> Result<Manifest, ManifestError> {
    let json: JSONValue
    do { json = try JSONValue.parse(Array(text.utf8)) } catch { return .failure(ManifestError("not valid JSON: \(error)")) }
    do { return .success(try Manifest(json: json)) } catch { return .failure(error) }
}

/// Decoded with the paths' numbers read aside.
private func asideDecode(_ text: String) -> Result<Manifest, ManifestError> {
    do { return .success(try Manifest.decode(Array(text.utf8))) } catch { return .failure(error) }
}

@Test func manifestsReadAsideDecodeAsTheTree() throws {
    let reference = try treeDecode(twoPaths).get()
    #expect(try asideDecode(twoPaths).get() == reference)
    #expect(reference.paths[0].ys == [1, 200, 3] && reference.paths[0].losses[1] == 1e300 && reference.paths[1].lrs.isEmpty)
    // The tree holds empty arrays where the numbers were read aside, and everything else as parse does.
    let (json, arrays) = try JSONValue.parseManifest(Array(twoPaths.utf8))
    #expect(Set(arrays.keys) == ["paths[0].xs", "paths[0].ys", "paths[0].losses", "paths[0].lrs",
                                 "paths[1].xs", "paths[1].ys", "paths[1].losses"])
    #expect(arrays["paths[0].xs"] == [0, 1.5, -0.002])
    guard case .array(let paths)? = json["paths"], case .object(let members) = paths[0] else { Issue.record("no paths"); return }
    #expect(members.map(\.key) == ["label", "optimizer", "hyperparameters", "start", "steps", "diverged_at", "xs", "ys", "losses", "lrs"])
    #expect(paths[0]["xs"] == .array([]) && paths[0]["start"] == .array([.number(0), .number(0)]))
    let whole = try JSONValue.parse(Array(twoPaths.utf8))
    #expect(json["surface"] == whole["surface"] && json["format"] == whole["format"])
}

/// Every damaged manifest gets the tree's error, word for word: syntax errors inside and around
/// the number arrays, arrays holding other values, and fields that are wrong after reading.
@Test(arguments: [
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 1.5, -2e-3,]"),        // trailing comma
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 1.5 -2e-3]"),          // missing comma
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 01.5, -2e-3]"),        // leading zero
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 1e400, -2e-3]"),       // too large
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 1., -2e-3]"),          // no digit after '.'
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, null, -2e-3]"),        // not a number
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, \"1.5\", -2e-3]"),     // a string
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, [1.5], -2e-3]"),       // nested
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 1.5]"),                // too few points
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": []"),                      // empty
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": 5"),                       // not an array
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 1.5, -2e-3], \"xs\": [1]"),  // duplicate member
    ("\"xs\": [0, 1.5, -2e-3]", "\"xs\": [0, 1.5, -2e-3"),          // unterminated
    ("\"lrs\": [0.1, 0.1]", "\"lrs\": [0.1]"),                      // rates one short
    ("\"lrs\": [0.1, 0.1]", "\"lrs\": [0.1, NaN]"),                 // not JSON
    ("\"losses\": [8, 9]", "\"losses\": [8, 9, 10]"),               // second path's counts differ
    ("\"paths\": [", "\"paths\": [5, "),                            // a path that is not an object
])
func damagedManifestsReadAsideFailAsTheTree(_ original: String, _ damaged: String) {
    precondition(twoPaths.contains(original), "fixture lacks \(original)")
    let text = twoPaths.replacingOccurrences(of: original, with: damaged)
    guard case .failure(let expected) = treeDecode(text) else { Issue.record("the tree read \(damaged)"); return }
    guard case .failure(let error) = asideDecode(text) else { Issue.record("read aside: \(damaged)"); return }
    #expect(error.message == expected.message)
}
