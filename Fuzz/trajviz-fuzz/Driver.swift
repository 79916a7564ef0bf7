import Foundation
import FuzzGenerators
#if canImport(Glibc)
import Glibc
#endif

/// What one target's run found.
struct TargetReport {
    var name: String
    var inputs = 0
    var accepted = 0
    var refused = 0
    var seconds = 0.0
    /// Saved inputs that crashed or hung a worker, with what happened.
    var findings: [(kind: String, path: String)] = []

    var rate: Double { seconds > 0 ? Double(inputs) / seconds : 0 }
}

/// The parent process: runs a target's inputs in a worker process, restarting after the input
/// that killed it, and killing a worker that makes no progress for `timeout` seconds (a hang).
struct Driver {
    var seed: UInt64
    var iterations: Int
    var corpusFolder: String?
    var outFolder: String
    var timeout: Double
    var memoryMB: Int

    func run(_ target: FuzzTarget) -> TargetReport {
        var report = TargetReport(name: target.name)
        let folder = (outFolder as NSString).appendingPathComponent(target.name)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let statePath = (outFolder as NSString).appendingPathComponent(".fuzz-last-\(target.name)")
        let started = Date()
        var from = 0
        while from < iterations {
            guard let state = StateFile(path: statePath, create: true) else {
                printError("trajviz-fuzz: cannot create \(statePath)\n")
                exit(1)
            }
            let logPath = (folder as NSString).appendingPathComponent(".worker-stderr")
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            var arguments = ["--worker", target.name, "--seed", String(seed), "--from", String(from),
                             "--to", String(iterations), "--state", statePath, "--memory-mb", String(memoryMB)]
            if let corpusFolder { arguments += ["--corpus", corpusFolder] }
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment.updateValue("enable=no", forKey: "SWIFT_BACKTRACE")   // a crash should end the worker at once
            process.environment = environment
            process.standardError = FileHandle(forWritingAtPath: logPath)
            do { try process.run() } catch {
                printError("trajviz-fuzz: cannot start a worker: \(error)\n")
                exit(1)
            }
            var lastIndex = -1, lastProgress = Date(), hung = false
            while process.isRunning {
                usleep(100_000)
                if state.index != lastIndex { lastIndex = state.index; lastProgress = Date() }
                else if Date().timeIntervalSince(lastProgress) > timeout {
                    kill(process.processIdentifier, SIGKILL)
                    hung = true
                }
            }
            process.waitUntilExit()
            let ranHere = state.accepted + state.refused
            report.accepted += state.accepted
            report.refused += state.refused
            if state.done, process.terminationStatus == 0 {
                report.inputs += ranHere
                break
            }
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            guard state.running else {
                // Not an input's doing: the worker could not start, or died between inputs.
                printError("trajviz-fuzz: \(target.name): the worker stopped outside any input (status \(process.terminationStatus))\n\(log)")
                exit(1)
            }
            let index = state.index
            report.inputs += ranHere + 1
            let kind = hung ? "hang" : (process.terminationReason == .uncaughtSignal
                                        ? "crash (signal \(process.terminationStatus))" : "crash (exit \(process.terminationStatus))")
            let (bytes, cut) = state.input
            let name = "\(hung ? "hang" : "crash")-seed\(seed)-input\(index)"
            let path = (folder as NSString).appendingPathComponent(name)
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            try? (kind + (cut ? " (input cut to \(StateFile.inputCapacity) bytes)" : "") + "\n" + log)
                .write(toFile: path + ".txt", atomically: true, encoding: .utf8)
            report.findings.append((kind, path))
            printError("trajviz-fuzz: \(target.name): \(kind) on input \(index); saved \(path)\n")
            from = index + 1
        }
        report.seconds = Date().timeIntervalSince(started)
        try? FileManager.default.removeItem(atPath: statePath)
        try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(".worker-stderr"))
        return report
    }
}

/// The files of `folder/target`, the seed corpus of a target.
func corpusFiles(_ folder: String?, target: String) -> [[UInt8]] {
    guard let folder else { return [] }
    let dir = (folder as NSString).appendingPathComponent(target)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
    return names.sorted().filter { !$0.hasPrefix(".") }.compactMap { name in
        FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(name)).map { [UInt8]($0) }
    }
}

/// Writes to standard error (unbuffered), and to standard output line by line even into a pipe.
func printError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
func printOut(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
