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
