import Foundation
import FuzzGenerators
import Testing

/// A bounded, seeded portion of `scripts/fuzz` in the test suite: the same generators and entry
/// points, 2,000 inputs per parser. A crash here is a crash of the test run; the full runs (a
/// million inputs per parser) are in the script.
@Suite struct FuzzTargetTests {
    static let seed: UInt64 = 20_261_123
    static let inputs = 2_000

    /// The targets that run in this process; isolated ones (the command line) change the
    /// current folder, so they run in `trajviz-fuzz` below.
    static var inProcess: [String] { FuzzTargets.all.filter { !$0.isolated }.map(\.name) }

    @Test(arguments: inProcess)
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

    /// The isolated targets: a seeded run of `trajviz-fuzz` (worker processes, as scripts/fuzz
    /// runs them) must find no crash and no hang.
    @Test(arguments: FuzzTargets.all.filter(\.isolated).map(\.name))
    func isolatedTargetsNeverCrash(_ name: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("trajviz-fuzz-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try FuzzExecutable.run([name, "--iterations", "300", "--seed", "\(Self.seed)", "--out", out.path, "--timeout", "60"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("0 crashes/hangs"), "\(r.output)")
    }

    @Test func everySeedIsAccepted() throws {
        // The hand-written seeds include valid inputs; the first seed of each target is one.
        for target in FuzzTargets.all where !target.isolated {
            #expect(target.run(target.seeds[0]) == .accepted, "\(target.name)")
        }
    }
}

/// The `trajviz-fuzz` executable beside the test bundle (swift test builds every product).
enum FuzzExecutable {
    static let url: URL = {
        var folder = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                         ?? CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("trajviz-fuzz").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("trajviz-fuzz")
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("trajviz-fuzz-log-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }
}
