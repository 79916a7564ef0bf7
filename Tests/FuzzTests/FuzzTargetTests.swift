import FuzzGenerators
import Testing

/// A bounded, seeded portion of `scripts/fuzz` in the test suite: the same generators and entry
/// points, 2,000 inputs per parser. A crash here is a crash of the test run; the full runs (a
/// million inputs per parser) are in the script.
@Suite struct FuzzTargetTests {
    static let seed: UInt64 = 20_261_123
    static let inputs = 2_000

    @Test(arguments: FuzzTargets.names)
    func seededInputsNeverCrash(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        var accepted = 0, refused = 0
        for i in 0..<Self.inputs {
            switch target.run(target.input(at: i, seed: Self.seed)) {
            case .accepted: accepted += 1
            case .refused: refused += 1
            }
        }
        // The generators make valid-ish inputs: a fuzz target that only ever refuses (or only
        // ever accepts) would not be reaching the code behind the parser (or its errors).
        #expect(accepted >= Self.inputs / 50, "\(name): \(accepted) accepted")
        #expect(refused >= Self.inputs / 50, "\(name): \(refused) refused")
    }

    @Test(arguments: FuzzTargets.names)
    func inputsAreAFunctionOfSeedAndIndex(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let first = (0..<50).map { target.input(at: $0, seed: 7) }
        #expect((0..<50).map { target.input(at: $0, seed: 7) } == first)
        #expect(Set(first).count > 25, "\(name): only \(Set(first).count) distinct inputs of 50")
        #expect((0..<50).map { target.input(at: $0, seed: 8) } != first)
    }

    @Test func everySeedIsAccepted() throws {
        // The hand-written seeds include valid inputs; the first seed of each target is one.
        for target in FuzzTargets.all {
            #expect(target.run(target.seeds[0]) == .accepted, "\(target.name)")
        }
    }
}
