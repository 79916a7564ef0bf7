import Testing
@testable import Regression

/// Values whose decimal text is easy to get wrong: a tenth, subnormals, negative zero, thirds,
/// the extremes, integers around the 1e15 switch.
let trickyDoubles: [Double] = [
    0.1, 0.2, 0.3, 1e-300, .leastNonzeroMagnitude, 2.2250738585072014e-308, -0.0, 0.0, 1.0 / 3, -2.0 / 3, 1e-8, 1.5e-5,
    123456789.123456789, 1e15, 1e15 - 1, 1e16, 9007199254740992, 9007199254740994, 1.7976931348623157e308, -1.7976931348623157e308,
    2, -7, 0.05, 100, 1e22, 6.02214076e23, Double.pi, -Double.ulpOfOne, 1 + Double.ulpOfOne,
]

@Test func exactDecimalReadsBackBitForBit() throws {
    for v in trickyDoubles {
        let text = exactDecimal(v)
        let back = try #require(Double(text), "\(text) does not parse")
        #expect(back.bitPattern == v.bitPattern, "\(v) → \(text) → \(back)")
        #expect(parseExactDecimal(Substring(text))?.bitPattern == v.bitPattern)
    }
}

@Test func exactDecimalIsShortAndLocaleFree() {
    #expect(exactDecimal(0.1) == "0.1")
    #expect(exactDecimal(1e-8) == "1e-08")
    #expect(exactDecimal(2) == "2")
    #expect(exactDecimal(-0.0) == "-0")
    #expect(exactDecimal(.leastNonzeroMagnitude) == "5e-324")
    #expect(exactDecimal(1.0 / 3) == "0.3333333333333333")
    #expect(exactDecimal(1e16) == "1e+16")
    #expect(exactDecimal(-1234.5) == "-1234.5")
}

@Test func parseExactDecimalRefusesNonDecimals() {
    for bad in ["nan", "inf", "-inf", "0x1p3", " 1", "1 ", "", "abc", "1e999", "--1", "infinity"] {
        #expect(parseExactDecimal(Substring(bad)) == nil, "\(bad)")
    }
}
