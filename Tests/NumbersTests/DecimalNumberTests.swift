import Numbers
import Testing

/// The one number reader: what it takes, what it refuses and why.
@Suite struct DecimalNumberTests {
    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("0.01", 0.01), (".5", 0.5), ("1.", 1.0), ("+2", 2.0), ("-2.5E+3", -2500.0),
        ("1e-3", 0.001), ("5e-324", 5e-324), ("3e-324", 5e-324), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("0e-400", 0.0), ("0.000e99999", 0.0),
    ])
    func accepts(_ text: String, _ value: Double) throws {
        let v = try DecimalNumber.double(text)
        #expect(v == value && v.sign == value.sign, "\(text) -> \(v)")
    }

    @Test(arguments: [
        ("0x1p-4", NumberProblem.hexadecimal), ("0X10", .hexadecimal), ("-0x1", .hexadecimal),
        ("nan", .notFinite), ("NaN", .notFinite), ("-inf", .notFinite), ("Infinity", .notFinite), ("nan(0x1)", .notFinite),
        ("1e400", .overflow), ("-1e309", .overflow), ("1e-400", .underflow), ("-2e-324", .underflow), ("0.0001e-320", .underflow),
        ("", .malformed), (" 1", .malformed), ("1 ", .malformed), ("1,5", .malformed), ("1e", .malformed), ("e5", .malformed),
        (".", .malformed), ("--1", .malformed), ("1_000", .malformed), ("1.2.3", .malformed), ("١", .malformed),
    ])
    func refuses(_ text: String, _ problem: NumberProblem) {
        #expect(DecimalNumber.parse(text) == .failure(problem), "\(text)")
    }

    @Test func wholeNumbers() {
        #expect(DecimalNumber.integer("42") == .success(42))
        #expect(DecimalNumber.integer("-3") == .success(-3))
        #expect(DecimalNumber.integer("+7") == .success(7))
        #expect(DecimalNumber.integer("2.5") == .failure(.notWhole))
        #expect(DecimalNumber.integer("1e3") == .failure(.notWhole))
        #expect(DecimalNumber.integer("0x10") == .failure(.hexadecimal))
        #expect(DecimalNumber.integer("ten") == .failure(.malformed))
        #expect(DecimalNumber.integer("99999999999999999999") == .failure(.overflow))
        #expect(DecimalNumber.integer("") == .failure(.malformed))
    }

    @Test func reasonsNameNoSwiftType() {
        for p in [NumberProblem.malformed, .hexadecimal, .notFinite, .overflow, .underflow, .notWhole] {
            #expect(!p.reason.contains("Double") && p.reason.hasPrefix("expected"), "\(p.reason)")
        }
    }
}
