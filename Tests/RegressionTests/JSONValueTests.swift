import Testing
@testable import Regression

@Test func writesOrderedPrettyJSON() {
    let v: JSONValue = .object([
        ("zeta", .number(1)), ("alpha", .array([.number(0.1), .number(-0.0), .bool(true), .null])),
        ("nested", .object([("s", .string("a\"b\\c\n\u{1}²"))])), ("empty", .array([])), ("none", .object([])),
        ("rows", .array([.object([("k", .number(2))])])),
    ])
    let text = String(decoding: v.prettyBytes(), as: UTF8.self)
    #expect(text == """
        {
          "zeta": 1,
          "alpha": [0.1, -0, true, null],
          "nested": {
            "s": "a\\"b\\\\c\\n\\u0001²"
          },
          "empty": [],
          "none": {},
          "rows": [
            {
              "k": 2
            }
          ]
        }

        """)
}

@Test func roundTripsThroughTheParser() throws {
    let v: JSONValue = .object([
        ("b", .array(trickyDoubles.map(JSONValue.number))), ("a", .string("tab\tquote\" é 𝄞")),
        ("c", .object([("x", .bool(false)), ("y", .null)])),
    ])
    let back = try JSONValue.parse(v.prettyBytes())
    #expect(back == v)
    // Key order survives, and every number is bit-identical (== would let -0 pass as 0).
    guard case .object(let members) = back, case .array(let numbers) = members[0].value else {
        Issue.record("not an object with an array first"); return
    }
    #expect(members.map(\.key) == ["b", "a", "c"])
    #expect(identical(numbers.compactMap { if case .number(let d) = $0 { d } else { nil } }, trickyDoubles))
}

@Test func nonFiniteNumbersAreWrittenAsNull() {
    #expect(String(decoding: JSONValue.array([.number(.infinity), .number(.nan)]).prettyBytes(), as: UTF8.self) == "[null, null]\n")
}
