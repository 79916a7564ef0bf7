import Numbers
import Testing

/// The byte reader of decimals accepts exactly what ``DecimalNumber`` accepts and gives the
/// same Double, bit for bit: on hand-picked edges and on many generated texts.
@Suite struct DecimalTextTests {
    private func accepted(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { DecimalText.isAccepted($0) }
    }

    private func value(_ text: String) -> Double {
        Array(text.utf8).withUnsafeBufferPointer { DecimalText.value(ofAccepted: $0) }
    }

    private func agrees(_ text: String) -> Bool {
        switch DecimalNumber.parse(text) {
        case .success(let v): return accepted(text) && value(text).bitPattern == v.bitPattern
        case .failure: return !accepted(text)
        }
    }

    @Test(arguments: [
        "0", "-0", "+0", "0.0", "-0.0", ".5", "1.", "+2", "-2.5E+3", "1e-3", "5e-324", "3e-324", "2e-324",
        "1.7976931348623157e308", "1.7976931348623159e308", "0e-400", "0.000e99999", "1e400", "1e-400", "0.0001e-320",
        "1e300", "1e301", "1e-300", "1e-301", "9.99e300", "123456789012345", "1234567890123456", "12345678901234567890123",
        "0.1", "0.2", "0.3", "1e22", "1e23", "1e-22", "1e-23", "9007199254740993", "0.30000000000000004",
        "-1.2345678901234567e-8", "007", "00.0100", "1e+00000000000000000000300", "1e-99999999999999999999",
        "", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "1,5", "nan", "inf", "0x10", "1_0", "١",
    ])
    func agreesWithDecimalNumber(_ text: String) {
        #expect(agrees(text), "\(text)")
    }

    /// Shortest texts of random Doubles (what trajviz writes), and random digit strings with
    /// exponents at the edges of the range and of the fast path.
    @Test func agreesOnGeneratedTexts() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            let d = Double(bitPattern: next())
            guard d.isFinite else { continue }
            #expect(agrees(d.description), "\(d)")
            #expect(value(d.description).bitPattern == d.bitPattern)
        }
        for _ in 0..<20_000 {
            let digits = String((0..<Int(next() % 20 + 1)).map { _ in Character(String(next() % 10)) })
            let point = Int(next() % UInt64(digits.count + 1))
            let exponents = [0, 22, 23, -22, -23, 300, 301, -300, -301, -320, -324, -330, 308, 309]
            let e = exponents[Int(next() % UInt64(exponents.count))] + Int(next() % 5) - 2
            let text = (next() % 2 == 0 ? "-" : "") + digits.prefix(point) + "." + digits.dropFirst(point) + "e\(e)"
            #expect(agrees(text), "\(text)")
        }
    }
}
