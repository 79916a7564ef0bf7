import Foundation
import Regression
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--csv` and `--json` stream into their temporary files as paths are stepped: the bytes are
/// those of the in-memory writers (`PathCSV.write`, `Manifest.encode`) of the same paths,
/// whatever the number of workers; a failure or a signal in the middle of the stream leaves
/// nothing behind.
@Suite(.serialized) struct StreamingExportTests {
    @Test(arguments: [
        // Paths longer than a CSV piece (16,384 rows) and a manifest piece (65,536 numbers).
        ["--opt", "adam,sgd:lr=1e-3,momentum", "--steps", "70000"],
        ["--opt", "adam:lr=0.05@cosine:T_max=300,rmsprop", "--steps", "300", "--noise", "1", "--runs", "3", "--seed", "2"],
        // Paths that diverge: shorter than their steps.
        ["--surface", "rastrigin", "--opt", "sgd:lr=3,adam:lr=0.05", "--steps", "500"],
        // 18 paths stepped on every core into the arrays of paths already written (two diverge).
        ["--surface", "rosenbrock", "--opt", "all", "--steps", "12000"],
    ])
    func streamedFilesEqualTheInMemoryWriters(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        let run = try TrajvizProcess.run(arguments + ["--csv", "p.csv", "--json", "r.json"], in: folder.url)
        try #require(run.status == 0, "\(run)")
        let csv = try folder.read("p.csv"), json = try folder.read("r.json")
        let manifest = try Manifest.decode(Array(json))
        #expect(manifest.encode() == Array(json), "the manifest differs from Manifest.encode() of its own content")
        #expect(Array(PathCSV.write(manifest.paths.map(\.trajectory)).utf8) == Array(csv),
                "the CSV differs from PathCSV.write of the manifest's paths")
        // One worker, then standard output: the same bytes.
        let serial = try TrajvizProcess.run(arguments + ["--csv", "s.csv", "--json", "s.json"], in: folder.url,
                                            environment: ["TRAJVIZ_JOBS": "1"])
        try #require(serial.status == 0, "\(serial)")
        #expect(try folder.read("s.csv") == csv)
        #expect(try folder.read("s.json") == json)
        let piped = try TrajvizProcess.run(arguments + ["--csv", "-"], in: folder.url)
        #expect(piped.stdoutBytes == csv)
    }

    /// The file-size limit stops the CSV in the middle (`ulimit -f`): one message, exit 1, and
    /// neither the CSV nor the manifest nor a temporary remains.
    @Test func aWriteFailingMidStreamLeavesNothing() throws {
        let folder = try TemporaryFolder()
        let run = try TrajvizProcess.runShell(["--opt", "all", "--steps", "100000", "--csv", "big.csv", "--json", "big.json"],
                                              prefix: "ulimit -f 2048; trap '' XFSZ;", in: folder.url)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasSuffix("trajviz: error: cannot write --csv 'big.csv': File too large\n")
                || run.stderr.hasSuffix("trajviz: error: cannot write --json 'big.json': File too large\n"), "\(run.stderr)")
        #expect(folder.listing().isEmpty, "left behind: \(folder.listing())")
    }

    /// SIGTERM once the CSV's temporary holds megabytes: the temporaries go, the process ends by
    /// the signal.
    @Test func aSignalMidStreamLeavesNothing() throws {
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = TrajvizProcess.executable
        process.arguments = ["--opt", "all", "--steps", "1000000", "--csv", "big.csv", "--json", "big.json"]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var largest = 0
        while Date() < deadline, process.isRunning, largest < 4 << 20 {
            largest = folder.listing().filter { $0.hasSuffix(".tmp") }.map { name -> Int in
                var s = stat()
                return stat(folder.path(name), &s) == 0 ? Int(s.st_size) : 0
            }.max() ?? 0
            usleep(20_000)
        }
        try #require(process.isRunning, "the run ended before it could be interrupted")
        #expect(largest >= 4 << 20, "the temporaries did not grow while the run went on")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(folder.listing().isEmpty, "left behind: \(folder.listing())")
    }
}
