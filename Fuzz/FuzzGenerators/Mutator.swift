/// Byte-level mutations of an input, the way AFL and libFuzzer mutate: bit flips, interesting
/// bytes and 32-bit integers, chunks deleted, inserted, duplicated and spliced from another
/// input, plus the tokens that break text parsers: boundary numbers (`1e308`, `-0`, `nan`,
/// `1e-320`, 20-digit integers), deep nesting, long runs and invalid UTF-8.
///
/// Every choice comes from the caller's ``FuzzRandom``, so a mutation is reproducible.
public enum Mutator {
    /// Numbers at the edges of what parsers and the code behind them handle.
    public static let boundaryNumbers = [
        "0", "-0", "+0", "0.0", "-0.0", "1", "-1", "2", "3", "0.5", "1e308", "-1e308", "1.7976931348623157e308",
        "1e309", "-1e309", "1e-320", "5e-324", "4.9e-324", "2.2250738585072014e-308", "1e-400", "nan", "NaN", "-nan",
        "inf", "-inf", "Infinity", "1e999999999", "99999999999999999999", "-99999999999999999999",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "4294967295", "4294967296",
        "2147483648", "1000000000000", "1e12", "9e15", "9007199254740993", "0x1p3", "0x10", "1_000", ".5", "5.",
        "1e", "1e+", "--1", "+-1", "0.999999999", "0.99999999999999999", "1.0000000000000002", "1e-8", "65536",
        "0.1e-2147483649", "1" + String(repeating: "0", count: 400), "0." + String(repeating: "0", count: 400) + "1",
    ]

    /// Byte values that often mean something to a parser.
    static let interestingBytes: [UInt8] = [
        0, 1, 0x7F, 0x80, 0xFF, 0xFE, 0xC0, 0xC3, 0xED, 0xF4, 0x0A, 0x0D, 0x09, 0x20,
        UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "="),
        UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("),
        UInt8(ascii: ")"), UInt8(ascii: "\\"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"),
        UInt8(ascii: "0"), UInt8(ascii: "9"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "*"),
    ]

    /// 32-bit values for binary headers (IDX sizes and magics, gzip fields).
    static let interestingWords: [UInt32] = [
        0, 1, 2, 9, 10, 28, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000,
        0xFFFF_FFFF, 0xFFFF_FFFE, 0x0000_0801, 0x0000_0803, 0x0000_0802, 0x0000_0903, 0x1F8B_0800,
    ]

    /// Byte sequences that are not UTF-8: a lone continuation byte, an overlong form, a surrogate,
    /// a code point past U+10FFFF, a truncated sequence, bytes never used.
    static let invalidUTF8: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                         [0xE2, 0x82], [0xFF], [0xFE, 0xFF], [0xC3, 0x28], [0xEF, 0xBB, 0xBF]]

    /// The largest input a mutation produces; the parsers refuse or handle more, but the fuzz
    /// rate would suffer.
    public static let maximumSize = 1 << 17

    /// Applies `rounds` random mutations to `bytes`.
    ///
    /// - Parameters:
    ///   - dictionary: the target's own tokens (keywords, names, operators), inserted whole.
    ///   - other: another input for splicing.
    public static func mutate(_ bytes: inout [UInt8], rounds: Int, rng: inout FuzzRandom,
                              dictionary: [String], other: [UInt8]) {
        for _ in 0..<rounds { mutateOnce(&bytes, rng: &rng, dictionary: dictionary, other: other) }
        if bytes.count > maximumSize { bytes.removeSubrange(maximumSize...) }
    }

    static func mutateOnce(_ b: inout [UInt8], rng: inout FuzzRandom, dictionary: [String], other: [UInt8]) {
        let n = b.count
        func position() -> Int { rng.below(n + 1) }
        func chunk() -> Range<Int> {
            let start = rng.below(n + 1)
            return start..<Swift.min(n, start + 1 + rng.smallSize(64))
        }
        switch rng.below(17) {
        case 0 where n > 0:                                   // flip one bit
            b[rng.below(n)] ^= 1 << UInt8(rng.below(8))
        case 1 where n > 0:                                   // an interesting byte
            b[rng.below(n)] = rng.pick(interestingBytes)
        case 2 where n > 0:                                   // a random byte
            b[rng.below(n)] = UInt8(truncatingIfNeeded: rng.next())
        case 3 where n > 0:                                   // delete a chunk
            b.removeSubrange(chunk())
        case 4:                                               // insert random bytes
            let count = 1 + rng.smallSize(32)
            b.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: position())
        case 5 where n > 0:                                   // duplicate a chunk somewhere
            let c = Array(b[chunk()])
            b.insert(contentsOf: c, at: position())
        case 6 where !other.isEmpty:                          // splice: our head, the other's tail
            let cut = position(), from = rng.below(other.count)
            b = Array(b[..<cut]) + other[from...]
        case 7 where !other.isEmpty:                          // insert a chunk of the other input
            let start = rng.below(other.count)
            let c = other[start..<Swift.min(other.count, start + 1 + rng.smallSize(128))]
            b.insert(contentsOf: c, at: position())
        case 8:                                               // a boundary number
            b.insert(contentsOf: Array(rng.pick(boundaryNumbers).utf8), at: position())
        case 9:                                               // replace a number with a boundary number
            replaceNumber(&b, with: rng.pick(boundaryNumbers), rng: &rng)
        case 10 where !dictionary.isEmpty:                    // a token of the target's language
            b.insert(contentsOf: Array(rng.pick(dictionary).utf8), at: position())
        case 11:                                              // deep nesting
            let open = rng.pick(["(", "[", "{\"a\":", "-", "+", "sin(", "a = [", "x^", "{a="])
            let depth = rng.pick([100, 199, 200, 201, 511, 512, 513, 1_000, 10_000])
            b.insert(contentsOf: Array(String(repeating: open, count: depth).utf8), at: position())
        case 12:                                              // a long run of one byte
            let byte = rng.chance(0.5) ? rng.pick(interestingBytes) : UInt8(ascii: "a")
            b.insert(contentsOf: [UInt8](repeating: byte, count: rng.pick([256, 4_096, 70_000])), at: position())
        case 13:                                              // invalid UTF-8
            b.insert(contentsOf: rng.pick(invalidUTF8), at: position())
        case 14 where n >= 4:                                 // an interesting 32-bit big-endian word
            let at = rng.below(Swift.min(n - 3, 24))
            let w = rng.pick(interestingWords)
            for k in 0..<4 { b[at + k] = UInt8(truncatingIfNeeded: w >> (24 - 8 * UInt32(k))) }
        case 15 where n > 0:                                  // truncate
            b.removeSubrange(rng.below(n)...)
        case 16 where n > 0:                                  // arithmetic on a byte
            let i = rng.below(n)
            b[i] = b[i] &+ UInt8(truncatingIfNeeded: rng.int(-16...16))
        default:
            b.insert(rng.pick(interestingBytes), at: position())
        }
    }

    /// Replaces the run of number characters nearest a random place with `number`.
    static func replaceNumber(_ b: inout [UInt8], with number: String, rng: inout FuzzRandom) {
        func isNumberByte(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                || c == UInt8(ascii: "E") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
        }
        guard !b.isEmpty else { b = Array(number.utf8); return }
        var i = rng.below(b.count)
        while i < b.count, !(b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9")) { i += 1 }
        guard i < b.count else { b.append(contentsOf: Array(number.utf8)); return }
        var start = i, end = i
        while start > 0, isNumberByte(b[start - 1]) { start -= 1 }
        while end < b.count, isNumberByte(b[end]) { end += 1 }
        b.replaceSubrange(start..<end, with: Array(number.utf8))
    }
}
