import Foundation
import FuzzGenerators

// trajviz-fuzz: seeded grammar-aware and mutational fuzzing of every parser of trajviz.
//
//   trajviz-fuzz <target|all> [--iterations N] [--seed S] [--corpus DIR] [--out DIR] [--timeout SEC] [--memory-mb MB]
//   trajviz-fuzz replay <target> FILE...          run saved inputs in this process, print each outcome
//   trajviz-fuzz show <target> --seed S --index I  write input I of seed S to stdout
//
// Each target runs in a worker process (this executable with --worker) that records every input
// in a shared state file before running it; when a worker crashes or hangs, the driver saves
// the input under OUT/<target>/ and restarts after it.

let usage = """
    usage: trajviz-fuzz <target|all> [--iterations N] [--seed S] [--corpus DIR] [--out DIR] [--timeout SEC] [--memory-mb MB]
           trajviz-fuzz replay <target> FILE...
           trajviz-fuzz show <target> --seed S --index I
    targets: \(FuzzTargets.names.joined(separator: ", ")), all
    """

@MainActor func fail(_ message: String) -> Never {
    printError("trajviz-fuzz: \(message)\n\(usage)\n")
    exit(2)
}

/// The options (`--name value`) and the other arguments, in order.
func parseArguments(_ arguments: [String]) -> (options: [String: String], positional: [String])? {
    var options: [String: String] = [:], positional: [String] = []
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        if a.hasPrefix("--") {
            guard i + 1 < arguments.count else { return nil }
            // Not `options[key] = value`: TOMLKit (imported by SurfaceFiles) adds a subscript
            // setter to every [String: String] that silently drops the value.
            options.updateValue(arguments[i + 1], forKey: String(a.dropFirst(2)))
            i += 2
        } else {
            positional.append(a)
            i += 1
        }
    }
    return (options, positional)
}

guard let parsed = parseArguments(Array(CommandLine.arguments.dropFirst())) else { fail("an option needs a value") }
let options = parsed.options, positional = parsed.positional
let known: Set = ["iterations", "seed", "corpus", "out", "timeout", "memory-mb", "worker", "from", "to", "state", "index"]
if let unknown = options.keys.first(where: { !known.contains($0) }) { fail("unknown option --\(unknown)") }

@MainActor func integer(_ name: String, default value: Int) -> Int {
    guard let text = options[name] else { return value }
    guard let v = Int(text.replacingOccurrences(of: "_", with: "")), v >= 0 else {
        fail("--\(name) \(text) is not a whole number >= 0")
    }
    return v
}

@MainActor func target(_ name: String) -> FuzzTarget {
    guard let t = FuzzTargets.named(name) else { fail("unknown target '\(name)'") }
    return t
}

let seed = UInt64(integer("seed", default: 1))
let memoryMB = integer("memory-mb", default: 4096)

if let name = options["worker"] {
    guard let statePath = options["state"], let state = StateFile(path: statePath, create: false) else {
        fail("--worker needs --state FILE (an existing state file)")
    }
    let t = target(name)
    exit(Worker.run(target: t, seed: seed, from: integer("from", default: 0), to: integer("to", default: 0), state: state,
                    corpus: corpusFiles(options["corpus"], target: name), memoryMB: memoryMB))
}

switch positional.first {
case nil:
    fail("name a target")
case "replay":
    guard positional.count >= 3 else { fail("replay needs a target and files") }
    let t = target(positional[1])
    for file in positional.dropFirst(2) {
        guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
        print("\(file): \(t.run([UInt8](data)))")
    }
case "show":
    guard positional.count == 2 else { fail("show needs one target") }
    let bytes = target(positional[1]).input(at: integer("index", default: 0), seed: seed)
    FileHandle.standardOutput.write(Data(bytes))
case let name?:
    let targets = name == "all" ? FuzzTargets.all : [target(name)]
    let driver = Driver(seed: seed, iterations: integer("iterations", default: 100_000), corpusFolder: options["corpus"],
                        outFolder: options["out"] ?? "fuzz-findings", timeout: Double(integer("timeout", default: 10)),
                        memoryMB: memoryMB)
    var reports: [TargetReport] = []
    for t in targets {
        let r = driver.run(t)
        reports.append(r)
        func column(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        printOut(t.name.padding(toLength: 11, withPad: " ", startingAt: 0) + column(String(r.inputs), 10) + " inputs "
              + column(String(Int(r.rate.rounded())), 9) + " inputs/s " + column(String(r.accepted), 9) + " accepted "
              + column(String(r.refused), 9) + " refused  " + String(r.findings.count) + " crashes/hangs")
        for f in r.findings { printOut("    \(f.kind): \(f.path)") }
    }
    exit(reports.contains { !$0.findings.isEmpty } ? 1 : 0)
}
