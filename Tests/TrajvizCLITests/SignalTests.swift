import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A long export interrupted by SIGINT, SIGTERM, SIGHUP or SIGPIPE leaves no file behind (its
/// temporaries are removed) and ends by that signal, so a shell sees 128 + signal; no
/// backtrace. Also the real thing: a closed pipe (`--csv - | head -1`).
@Suite(.serialized) struct SignalTests {
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGPIPE])
    func interruptedExportLeavesNothing(_ signal: Int32) throws {
        let folder = try TemporaryFolder()
        let capture = try TemporaryFolder()
        let process = Process()
        process.executableURL = TrajvizProcess.executable
        process.arguments = ["--opt", "all", "--steps", "1000000", "--csv", "big.csv", "--json", "big.json", "--output", "fig.png"]
        process.currentDirectoryURL = folder.url
        FileManager.default.createFile(atPath: capture.path("err"), contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: capture.url.appendingPathComponent("err"))
        try process.run()
        // The temporaries exist from the start of the run; wait for them, then interrupt.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning, folder.listing().filter({ $0.hasSuffix(".tmp") }).count < 3 {
            usleep(20_000)
        }
        try #require(process.isRunning, "the run ended before it could be interrupted")
        #expect(folder.listing().filter { $0.hasSuffix(".tmp") }.count == 3, "\(folder.listing())")
        usleep(100_000)
        kill(process.processIdentifier, signal)
        let stop = Date().addingTimeInterval(20)
        while process.isRunning, Date() < stop { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("signal \(signal) did not stop the run")
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "exit \(process.terminationStatus)")
        #expect(process.terminationStatus == signal)
        #expect(folder.listing().isEmpty, "left behind: \(folder.listing())")
        let stderr = String(decoding: try capture.read("err"), as: UTF8.self)
        #expect(!stderr.contains("Backtrac") && !stderr.contains("Fatal"), "\(stderr)")
    }

    /// `trajviz ... --csv - | head -1`: the closed pipe ends trajviz quietly (141 in the shell),
    /// and the manifest it was also writing is not left half-made.
    @Test func closedPipeLeavesNothing() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(
            ["-c", "set -o pipefail; \"$0\" --opt all --steps 20000 --csv - --json run.json | head -1; echo \"status ${PIPESTATUS[0]}\" >&2",
             TrajvizProcess.executable.path],
            in: folder.url, program: URL(fileURLWithPath: "/bin/bash"))
        #expect(r.stdout.hasPrefix("label,optimizer,step,x,y,loss") && r.stdout.split(separator: "\n").count == 1, "\(r)")
        #expect(r.stderr.hasSuffix("status 141\n"), "\(r)")
        #expect(!r.stderr.contains("Backtrac") && !r.stderr.contains("Fatal"), "\(r)")
        #expect(folder.listing().isEmpty, "left behind: \(folder.listing())")
    }
}
