import Foundation
import Testing

/// Commands that draw surfaces load no BLAS (issue 17): OpenBLAS is loaded only by `trajviz mnist`,
/// and there without a thread pool.
@Suite struct LeanStartTests {
    /// What a running trajviz has mapped and how many threads it runs, read while it is stuck
    /// writing to a pipe nobody reads: outputs are written after all the work (the figure is drawn,
    /// the network trained), so by then every library the command needs is mapped.
    struct Snapshot {
        var maps: String
        var threads: Int
        var status: Int32
    }

    static func snapshot(_ arguments: [String]) throws -> Snapshot {
        let process = Process()
        process.executableURL = TrajvizProcess.executable
        process.arguments = arguments
        let scratch = try TemporaryFolder()
        process.currentDirectoryURL = scratch.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // The user's OpenBLAS settings would change what is tested.
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE"] { environment[name] = nil }
        process.environment = environment
        try process.run()
        // The first byte arrives once the output is being written; the pipe (64 KiB) then fills
        // and the writer waits until we read on.
        let first = output.fileHandleForReading.readData(ofLength: 1)
        let pid = process.processIdentifier
        let maps = (try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)) ?? ""
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"))?.count ?? 0
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // The output is far larger than the pipe, so the process was still running when inspected.
        #expect(first.count == 1 && first.count + rest.count > 2 * 65_536, "\(first.count + rest.count) bytes")
        #expect(maps.contains("trajviz"), "could not read /proc/\(pid)/maps")
        return Snapshot(maps: maps, threads: threads, status: process.terminationStatus)
    }

    @Test func figureCommandMapsNoBLAS() throws {
        let s = try Self.snapshot(["--surface", "rosenbrock", "--opt", "all", "--steps", "2000", "--output", "fig.png", "--csv", "-"])
        #expect(s.status == 0)
        #expect(!s.maps.contains("libopenblas"), "the figure command mapped OpenBLAS")
        #expect(!s.maps.contains("libgfortran"), "the figure command mapped libgfortran")
    }

    /// `trajviz mnist` loads OpenBLAS for one thread, so OpenBLAS starts no thread of its own.
    @Test func mnistLoadsBLASWithoutAThreadPool() throws {
        let s = try Self.snapshot(["mnist", "--opt", "sgd", "--epochs", "3", "--batch", "1", "--hidden", "4", "--csv", "-"])
        #expect(s.status == 0)
        #expect(s.maps.contains("libopenblas"))
        #expect(s.threads == 1, "\(s.threads) threads")
    }

    /// `trajviz --version` answers before the parser starts; the parser's answer (a subcommand's
    /// --version) is the same line.
    @Test func versionAnswersWithoutTheParserTheParsersLine() throws {
        let fast = try TrajvizProcess.run(["--version"]), parsed = try TrajvizProcess.run(["list", "--version"])
        #expect(fast.status == 0 && parsed.status == 0)
        #expect(fast.stdout == parsed.stdout && fast.stdout.hasSuffix("\n") && fast.stdout.count > 1, "\(fast) \(parsed)")
        #expect(fast.stderr.isEmpty)
    }

    /// `trajviz list [SECTION]` answers before the parser starts too; through the parser (`--`
    /// before the section) the text is the same, and anything else still reaches the parser.
    @Test(arguments: ["surfaces", "optimizers", "schedules", "all"])
    func listAnswersWithoutTheParserTheParsersText(_ section: String) throws {
        let fast = try TrajvizProcess.run(["list", section]), parsed = try TrajvizProcess.run(["list", "--", section])
        #expect(fast.status == 0 && parsed.status == 0)
        #expect(fast.stdout == parsed.stdout && fast.stdout.count > 100, "\(fast) \(parsed)")
        #expect(fast.stderr.isEmpty)
        if section == "all" { #expect(try TrajvizProcess.run(["list"]).stdout == fast.stdout) }
    }
}
