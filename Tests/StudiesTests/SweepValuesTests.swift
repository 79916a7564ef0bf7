import Foundation
import Studies
import Testing

/// `--lr A:B:N` and `--lr a,b,c`.
@Suite struct SweepValuesTests {
    @Test func logSpacingIncludesBothEnds() throws {
        let v = try SweepValues.parse("1e-4:1:13")
        #expect(v.count == 13)
        #expect(v.first == 1e-4 && v.last == 1)
        // Every third value is a decade, written as the decimal reads.
        #expect(v[3] == 0.001 && v[6] == 0.01 && v[9] == 0.1)
        // Evenly spaced in log10: each ratio is 10^(1/3) to 1e-11.
        let ratio = pow(10, 1.0 / 3)
        for k in 1..<v.count { #expect(abs(v[k] / v[k - 1] / ratio - 1) < 1e-11, "\(v[k - 1]) -> \(v[k])") }
    }

    @Test func logSpacingMatchesNumpy() throws {
        // numpy.logspace(log10(0.003), log10(7), 5), rounded to 12 digits.
        let v = try SweepValues.parse("0.003:7:5")
        let expected = [0.003, 0.0208504508917, 0.144913767462, 1.007172464, 7]
        for (a, b) in zip(v, expected) { #expect(abs(a - b) <= 1e-12 * b, "\(a) vs \(b)") }
    }

    @Test func listIsSortedAndExact() throws {
        #expect(try SweepValues.parse("0.1,0.001,0.01") == [0.001, 0.01, 0.1])
        #expect(try SweepValues.parse("0.05") == [0.05])
    }

    @Test(arguments: [
        ("1e-4:1", "malformed --lr '1e-4:1'; expected START:END:COUNT (e.g. 1e-4:1:13, 13 log-spaced rates from 1e-4 to 1) or a list (e.g. 0.001,0.01,0.1)"),
        ("1:1e-4:5", "invalid --lr '1:1e-4:5': START must be less than END (e.g. --lr 1e-4:1:13)"),
        ("0:1:5", "invalid --lr '0:1:5': 0 is not positive; learning rates of a sweep must be > 0 (they are drawn on a log axis)"),
        ("1e-4:1:1", "invalid --lr '1e-4:1:1': COUNT 1 is outside 2...100 (for one value write it alone: --lr 1e-4)"),
        ("1e-4:1:x", "invalid --lr '1e-4:1:x': COUNT 'x' is not a whole number; expected START:END:COUNT (e.g. 1e-4:1:13, 13 log-spaced rates from 1e-4 to 1) or a list (e.g. 0.001,0.01,0.1)"),
        ("0.1,abc", "invalid --lr '0.1,abc': 'abc' is not a number; expected e.g. --lr 1e-4:1:13 or --lr 0.001,0.01,0.1"),
        ("0.1,0.1", "invalid --lr '0.1,0.1': 0.1 is listed twice"),
        ("0.1,,0.2", "malformed --lr '0.1,,0.2': an empty value; expected START:END:COUNT (e.g. 1e-4:1:13, 13 log-spaced rates from 1e-4 to 1) or a list (e.g. 0.001,0.01,0.1)"),
    ])
    func refusesBadValues(_ text: String, _ message: String) {
        #expect(throws: StudyInputError(message)) { try SweepValues.parse(text) }
    }
}
