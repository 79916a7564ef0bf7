import Foundation
@testable import Studies
import Testing

@Suite struct SobolTests {
    /// The unscrambled points equal SciPy's `Sobol(21, scramble=False, bits=32)` (fixture made by
    /// the command in its first line).
    @Test func plainSequenceMatchesScipy() throws {
        let url = try #require(Bundle.module.url(forResource: "sobol-21x256", withExtension: "txt", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 256)
        var s = ScrambledSobol(dimensions: 21, seed: nil)
        for (i, line) in lines.enumerated() {
            let expected = line.split(separator: " ").map { UInt32($0)! }
            #expect(s.nextBits() == expected, "point \(i)")
        }
    }

    /// Scrambled, 64 points put exactly one in each of the 8 × 8 dyadic boxes, for any seed; the
    /// seed changes the points and the same seed repeats them.
    @Test func scrambleKeepsStratification() {
        for seed: UInt64 in [0, 1, 12345] {
            var s = ScrambledSobol(dimensions: 2, seed: seed)
            let points = (0..<64).map { _ in s.next() }
            let boxes = Set(points.map { Int($0[0] * 8) * 8 + Int($0[1] * 8) })
            #expect(boxes.count == 64, "seed \(seed)")
            #expect(points.allSatisfy { $0.allSatisfy { $0 > 0 && $0 < 1 } })
            var again = ScrambledSobol(dimensions: 2, seed: seed)
            #expect((0..<64).map { _ in again.next() } == points)
        }
        var a = ScrambledSobol(dimensions: 2, seed: 0), b = ScrambledSobol(dimensions: 2, seed: 1)
        #expect(a.next() != b.next())
    }
}
