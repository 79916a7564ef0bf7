import Foundation
import Testing

/// Commands that draw surfaces load no BLAS and start no threads (issue 17): OpenBLAS is loaded
/// only by `trajviz mnist`, and its thread pool with it.
@Suite struct LeanStartTests {
    /// The process is inspected while it is stuck writing its paths to a pipe nobody reads (the
    /// figure is drawn before any output is written, so by then every library it needs is mapped).
    @Test func figureCommandMapsNoBLASAndRunsOneThread() throws {
        let process = Process()
        process.executableURL = TrajvizProcess.executable
        process.arguments = ["--surface", "rosenbrock", "--opt", "all", "--steps", "2000", "--output", "fig.png", "--csv", "-"]
        let scratch = try TemporaryFolder()
        process.currentDirectoryURL = scratch.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first byte arrives once the output is being written; the pipe (64 KiB) then fills and
        // the writer waits.
        let first = output.fileHandleForReading.readData(ofLength: 1)
        let pid = process.processIdentifier
        let maps = (try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)) ?? ""
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The CSV is far larger than the pipe, so the process was still running when inspected.
        #expect(first.count == 1 && first.count + rest.count > 4 * 65_536)
        #expect(maps.contains("trajviz"), "could not read /proc/\(pid)/maps")
        #expect(!maps.contains("libopenblas"), "the figure command mapped OpenBLAS")
        #expect(!maps.contains("libgfortran"), "the figure command mapped libgfortran")
        #expect(threads.count == 1, "threads: \(threads)")
    }
}
