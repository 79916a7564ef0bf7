import Testing
@testable import Regression

/// DecimalBytes writes exactly exactDecimal's text: special values, boundaries of the integer
/// spelling, and a million values from random bit patterns (every exponent).
@Suite struct DecimalBytesTests {
    private func bytes(_ v: Double) -> String {
        var out: [UInt8] = Array("prefix,".utf8)
        DecimalBytes.append(v, to: &out)
        return String(decoding: out.dropFirst(7), as: UTF8.self)
    }

    @Test func specialValuesMatchExactDecimal() {
        let values: [Double] = [0, -0.0, 1, -1, 0.1, -0.1, 1e-8, 300, 1e15 - 1, 1e15, -1e15, 1e15 + 2, 1e16, 9007199254740992,
                                0.5, 2.5, 1e-320, 5e-324, -5e-324, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                .leastNormalMagnitude, 123456.789, 1 / 3, -2e-3, 0.0001, 0.00001]
        for v in values { #expect(bytes(v) == exactDecimal(v), "\(v)") }
    }

    @Test func randomBitPatternsMatchExactDecimal() {
        var g = SplitMix(seed: 17)
        var mismatches = 0
        for _ in 0..<1_000_000 {
            let v = Double(bitPattern: g.next())
            guard v.isFinite else { continue }
            if bytes(v) != exactDecimal(v) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func integersAndCoordinatesMatch() {
        var g = SplitMix(seed: 3)
        for _ in 0..<200_000 {
            let i = Int64(bitPattern: g.next()) >> (g.next() % 63)
            var out: [UInt8] = []
            DecimalBytes.append(i, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(i))
            // Coordinates as paths hold them: moderate magnitudes, many digits.
            let v = (Double(g.next() % 1_000_000) - 500_000) / 12_345.678
            #expect(bytes(v) == exactDecimal(v))
        }
        var out: [UInt8] = []
        DecimalBytes.append(Int64.min, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(Int64.min))
    }
}

/// SplitMix64 for test inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
