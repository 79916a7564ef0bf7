import Foundation
import Optimizers
import Surfaces
import TrajvizCLI
#if canImport(Glibc)
import Glibc
#endif

/// Whole command lines, run in-process through ``TrajvizMain/execute(_:)`` exactly as the binary
/// runs them (argument parsing, every check, the run, the figure, the output transaction), in a
/// scratch folder holding a surface file, a manifest, a path CSV and a figure to read and
/// overwrite. An input is the arguments separated by NUL bytes. A command line must end in an
/// exit status (0, 1 or 2) and never trap.
///
/// Arguments that could reach outside the scratch folder (an absolute path other than
/// `/dev/null`, `/dev/full`, `/dev/stdout`, `/dev/stderr`, or `..`) are refused before running:
/// the fuzzer runs as whoever starts it, and writes.
public enum CommandLineFuzz {
    public static let target = FuzzTarget(
        name: "cli", summary: "TrajvizMain.execute: parsing, checks, runs, figures, outputs",
        binarySeeds: seedBytes, dictionary: dictionary, isolated: true, generate: generate, run: run)

    static let seedBytes: [[UInt8]] = seeds.map { (arguments: [String]) -> [UInt8] in Array(arguments.joined(separator: "\u{0}").utf8) }

    static let dictionary: [String] = {
        var words: [String] = options + subcommands
        words += OptimizerRegistry.names
        words += Surfaces.names
        words += ["-", "/dev/null", "/dev/full", "/dev/stdout", "a.csv", "run.json", "fig.png", "x.svg", "y.pdf", "surfaces/bowl.toml",
                  "0x1p-4", "1e-400", "1e400", "nan", "-inf", "=", ",", ":", "\u{0}"]
        return words
    }()

    static func generate(_ rng: inout FuzzRandom) -> [UInt8] { Array(commandLine(&rng).joined(separator: "\u{0}").utf8) }

    static let subcommands = ["list", "mnist", "compare", "replay", "plot", "help"]
    static let options = ["--surface", "--opt", "--start", "--steps", "--lr", "--csv", "--json", "--output", "-o", "--levels",
                          "--log", "--linear", "--xlim", "--ylim", "--size", "--layout", "--help", "--version", "--rtol", "--atol",
                          "--tolerance", "--diff", "--epochs", "--batch", "--hidden", "--activation", "--seed", "--data", "--eval-every"]

    static let seeds: [[String]] = [
        ["--opt", "adam", "--steps", "5", "--size", "200x150", "--output", "fig.png"],
        ["--surface", "bowl", "--opt", "sgd,adam:lr=0.1", "--steps", "3", "--csv", "-", "--json", "run.json"],
        ["replay", "run.json", "--csv", "a.csv"],
        ["compare", "a.csv", "run.json"],
        ["compare", "fig.png", "fig.png", "--tolerance", "0"],
        ["list", "optimizers"],
        ["mnist", "--opt", "adam", "--epochs", "1", "--hidden", "4", "--batch", "1000", "--csv", "m.csv"],
        ["--csv", "s.csv", "--json", "./s.csv"],
        ["--opt", "adam:lr=0x1p-4"],
        ["--xlim=0,1e-320", "--steps", "2", "--size", "100x100", "--output", "t.png"],
    ]

    // MARK: - Generating

    static func commandLine(_ rng: inout FuzzRandom) -> [String] {
        switch rng.below(20) {
        case 0: return ["list"] + (rng.chance(0.5) ? [rng.pick(["all", "surfaces", "optimizers", "everything"])] : [])
        case 1: return mnist(&rng)
        case 2, 3: return compare(&rng)
        case 4, 5: return ["replay", rng.pick(["run.json", "a.csv", "missing.json", "surfaces/bowl.toml", ""])] + outputs(&rng)
        default: return surface(&rng)
        }
    }

    static func surface(_ rng: inout FuzzRandom) -> [String] {
        var args: [String] = rng.below(10) == 0 ? ["plot"] : []
        if rng.chance(0.7) { args += ["--surface", rng.pick(Surfaces.names + ["bowl", "surfaces/bowl.toml", "nope", "surfaces/broken.toml"])] }
        for _ in 0..<rng.int(0...3) { args += ["--opt", spec(&rng)] }
        if rng.chance(0.3) { args.append("--start=" + number(&rng) + "," + number(&rng)) }
        // Mostly cheap runs, so the rate stays high; now and then the limits themselves.
        args += ["--steps", rng.below(50) == 0 ? rng.pick(["1000000", "1000001", "-1", "1e3", "0x10"]) : String(rng.int(0...40))]
        if rng.chance(0.2) { args += ["--lr", number(&rng)] }
        if rng.chance(0.3) { args += ["--levels", rng.pick(["2", "200", "1", "201", "30", "ten", "0"])] }
        if rng.chance(0.1) { args.append(rng.pick(["--log", "--linear"])) }
        if rng.chance(0.2) { args.append((rng.chance(0.5) ? "--xlim=" : "--ylim=") + number(&rng) + "," + number(&rng)) }
        args += ["--size", rng.below(100) == 0 ? rng.pick(["10000x10000", "99x100", "100x10001", "big"]) : rng.pick(["100x100", "160x120", "200x100"])]
        if rng.chance(0.2) { args += ["--layout", rng.pick(["both", "contour", "diagonal"])] }
        return args + outputs(&rng)
    }

    static func outputs(_ rng: inout FuzzRandom) -> [String] {
        var args: [String] = []
        let names = ["a.csv", "b.csv", "run.json", "fig.png", "x.svg", "y.pdf", "-", "/dev/null", "/dev/full", "/dev/stdout",
                     "out/", "sub/z.csv", "link.csv", "./a.csv", "", "fig.jpg", String(repeating: "n", count: 252) + ".csv"]
        if rng.chance(0.5) { args += ["--output", rng.pick(names.filter { !$0.hasSuffix(".csv") })] }
        if rng.chance(0.5) { args += ["--csv", rng.pick(names)] }
        if rng.chance(0.4) { args += ["--json", rng.pick(names)] }
        return args
    }

    static func spec(_ rng: inout FuzzRandom) -> String {
        let kind = rng.pick(OptimizerRegistry.all)
        guard rng.chance(0.5), !kind.parameters.isEmpty else { return rng.below(10) == 0 ? "all" : kind.name }
        let key = rng.pick(kind.parameters).name
        return kind.name + ":" + key + "=" + number(&rng)
    }

    static func number(_ rng: inout FuzzRandom) -> String {
        switch rng.below(5) {
        case 0: return rng.pick(Mutator.boundaryNumbers)
        case 1: return rng.pick(["0x1p-4", "1e-400", "1e400", "nan", "inf", "-0", "1e-320", "", " 1", "1,5"])
        default: return String(Double(rng.int(-4000...4000)) / 1000)
        }
    }

    static func compare(_ rng: inout FuzzRandom) -> [String] {
        let files = ["a.csv", "run.json", "fig.png", "other.png", "missing.csv", "fig-diff.png", "a.txt", "/dev/null"]
        var args = ["compare", rng.pick(files), rng.pick(files)]
        if rng.chance(0.3) { args += [rng.pick(["--rtol", "--atol", "--tolerance"]), number(&rng)] }
        if rng.chance(0.2) { args += ["--diff", rng.pick(files + ["d.png"])] }
        return args
    }

    static func mnist(_ rng: inout FuzzRandom) -> [String] {
        var args = ["mnist", "--opt", rng.chance(0.8) ? rng.pick(["adam", "sgd", "adam:lr=0.01"]) : spec(&rng),
                    "--epochs", rng.below(20) == 0 ? rng.pick(["0", "10001", "x"]) : "1",
                    "--batch", rng.pick(["1000", "4000", "0", "1000000"]),
                    "--hidden", rng.pick(["4", "8,4", "0", "100001", "1,1,1,1,1,1,1,1,1", ""])]
        if rng.chance(0.1) { args += ["--data", rng.pick(["nowhere", ".", "surfaces"])] }
        if rng.chance(0.1) { args += ["--activation", rng.pick(["relu", "tanh", "softmax"])] }
        if rng.chance(0.1) { args += ["--seed", rng.pick(["0", "-1", "18446744073709551615", "18446744073709551616"])] }
        if rng.chance(0.1) { args += ["--eval-every", rng.pick(["1", "0", "-3"])] }
        return args + [rng.pick(["--csv", "--output"]), rng.pick(["m.csv", "m.png", "-", "/dev/null"])]
    }

    // MARK: - Running

    /// The scratch folder of this process, made on first use.
    nonisolated(unsafe) private static var scratch: String?

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard arguments.allSatisfy(isConfined) else { return .refused }
        guard let folder = prepareScratch() else { return .refused }
        _ = folder
        // In a worker, each input's stderr alone in the worker's log, so that a crash report
        // shows its own messages, not a million others.
        if isWorkerLog {
            _ = ftruncate(STDERR_FILENO, 0)
            _ = lseek(STDERR_FILENO, 0, SEEK_SET)
        }
        // What the command prints on stdout goes nowhere (the fuzzer reports through its state file).
        let saved = dup(STDOUT_FILENO)
        let null = open("/dev/null", O_WRONLY)
        dup2(null, STDOUT_FILENO)
        close(null)
        let status = TrajvizMain.execute(arguments)
        dup2(saved, STDOUT_FILENO)
        close(saved)
        precondition([0, 1, 2].contains(status), "exit status \(status) for \(arguments)")
        return status == 0 ? .accepted : .refused
    }

    /// Whether stderr is a fuzz worker's log file (see Driver).
    static let isWorkerLog: Bool = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/fd/2", &buffer, buffer.count - 1)
        return n > 0 && String(cString: buffer).hasSuffix("/.worker-stderr")
    }()

    /// Whether an argument stays inside the scratch folder (see the type's summary).
    static func isConfined(_ argument: String) -> Bool {
        let value = argument.split(separator: "=", maxSplits: 1).last.map(String.init) ?? argument
        for text in [argument, value] {
            if text.contains("..") { return false }
            if text.hasPrefix("/"), !["/dev/null", "/dev/full", "/dev/stdout", "/dev/stderr"].contains(text) { return false }
            if text.hasPrefix("~") { return false }
        }
        return true
    }

    /// A clean scratch folder with the inputs the command lines name, as the current folder.
    static func prepareScratch() -> String? {
        let fm = FileManager.default
        if scratch == nil {
            let path = NSTemporaryDirectory() + "trajviz-fuzz-cli-\(getpid())"
            try? fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            guard chdir(path) == 0 else { return nil }
            scratch = path
            // Inputs to read, made once by a real run (kept in .seed and copied in each time).
            try? fm.createDirectory(atPath: ".seed/surfaces", withIntermediateDirectories: true)
            fm.createFile(atPath: ".seed/surfaces/bowl.toml", contents: Data("name = \"bowl\"\nf = \"x^2 + 10*y^2\"\nx = [-2, 2]\ny = [-1, 1.5]\nlr = { adam = 0.1 }\n".utf8))
            fm.createFile(atPath: ".seed/surfaces/broken.toml", contents: Data("name = \"broken\"\nf = \"x^\"\nx = [1, 0]\n".utf8))
            fm.createFile(atPath: ".seed/a.txt", contents: Data("text".utf8))
            _ = chdir(".seed")
            _ = TrajvizMain.execute(["--surface", "bowl", "--opt", "adam,sgd", "--steps", "3", "--csv", "a.csv", "--json", "run.json",
                                     "--size", "100x100", "--output", "fig.png"])
            _ = TrajvizMain.execute(["--surface", "bowl", "--opt", "adam", "--steps", "4", "--size", "100x100", "--output", "other.png"])
            _ = chdir("..")
        }
        guard let scratch else { return nil }
        _ = chdir(scratch)
        for name in (try? fm.contentsOfDirectory(atPath: ".")) ?? [] where name != ".seed" {
            try? fm.removeItem(atPath: name)
        }
        for name in (try? fm.contentsOfDirectory(atPath: ".seed")) ?? [] {
            try? fm.copyItem(atPath: ".seed/" + name, toPath: name)
        }
        try? fm.createSymbolicLink(atPath: "link.csv", withDestinationPath: "a.csv")
        return scratch
    }
}
