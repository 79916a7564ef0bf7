import Foundation
import Testing

/// Runs the built `trajviz` binary the way a user or a script would, and captures everything.
struct TrajvizProcess {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// The `trajviz` executable: `TRAJVIZ_BINARY` when set (scripts/test sets it to the
    /// release build, so the end-to-end tests check what users run), else the one beside the
    /// test bundle (swift test builds every product).
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["TRAJVIZ_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                      ?? CommandLine.arguments[0])
        var folder = exe.deletingLastPathComponent()
        // On Linux the test runner is .build/<config>/trajvizPackageTests.xctest.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("trajviz").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("trajviz")
    }()

    /// Whether the tests run the release build (`TRAJVIZ_BINARY`).
    static var isRelease: Bool { !(ProcessInfo.processInfo.environment["TRAJVIZ_BINARY"] ?? "").isEmpty }

    /// Runs `trajviz arguments...` through `/bin/sh`, for what only a shell sets up: `prefix`
    /// runs before (`ulimit -f 64; trap '' XFSZ;`), `redirect` applies to trajviz
    /// (`> /dev/full`, `>&-`, `2>&-`). Captured output is what reaches the capture files.
    @discardableResult
    static func runShell(_ arguments: [String], prefix: String = "", redirect: String = "", in directory: URL) throws -> Result {
        try run(["-c", "\(prefix) exec \"$0\" \"$@\" \(redirect)", executable.path] + arguments, in: directory,
                program: URL(fileURLWithPath: "/bin/sh"))
    }

    /// Runs `trajviz arguments...` in `directory` (a fresh temporary folder by default).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    stdin: Data? = nil, program: URL? = nil) throws -> Result {
        // A scratch folder lives until the child has exited.
        let scratch = directory == nil ? try TemporaryFolder() : nil
        defer { withExtendedLifetime(scratch) {} }
        let process = Process()
        process.executableURL = program ?? executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch!.url
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Output goes to files, not pipes: nothing can block however much the child writes.
        let capture = try TemporaryFolder()
        let outURL = capture.url.appendingPathComponent("stdout"), errURL = capture.url.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close(); try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      stdoutBytes: outData)
    }
}

/// A temporary folder, removed when the value is released.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("trajviz-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Every file below the folder, relative, sorted.
    func listing() -> [String] {
        let e = FileManager.default.enumerator(atPath: url.path)
        var names: [String] = []
        while let n = e?.nextObject() as? String { names.append(n) }
        return names.sorted()
    }

    func write(_ name: String, _ text: String) throws {
        let u = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: u)
    }

    func read(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }
}
