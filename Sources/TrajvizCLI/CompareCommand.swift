import ArgumentParser
import CairoRender
import Foundation
import Plot
import Optimizers
import Regression

/// `trajviz compare A B`: are two runs the same? Paths (`.csv`/`.json`) within a tolerance, or
/// figures (`.png`) by RMS pixel difference. Exit 0 when they agree, 1 when they differ (naming
/// what moved), 2 for a missing or unreadable file.
public struct CompareCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two path files (.csv or .json) or two figures (.png); exit 1 names what moved.",
        discussion: """
        Paths agree when both files hold the same labels with the same number of steps and every \
        x, y and loss satisfies |a - b| <= atol + rtol * |b| (b from the second file). Figures \
        agree when the RMS difference over all pixels, on the 0-255 scale as matplotlib's \
        compare_images computes it, is at most --tolerance; otherwise a difference image is \
        written beside B as B-diff.png (or to --diff FILE). The verdict is printed even when \
        the difference image cannot be written.

        Exit status: 0 agree, 1 differ, 2 missing or unreadable file.

        Examples:
          trajviz compare expected.json run.json
          trajviz compare expected.csv run.csv --rtol 1e-6
          trajviz compare expected.png run.png --tolerance 2
        """)

    @Argument(help: ArgumentHelp("The expected file (A).", valueName: "A"))
    var expected: String

    @Argument(help: ArgumentHelp("The file to check (B).", valueName: "B"))
    var actual: String

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Relative tolerance for paths (default: 1e-9).", valueName: "R"))
    var rtol: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Absolute tolerance for paths (default: 1e-12).", valueName: "A"))
    var atol: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Largest RMS pixel difference (0-255 scale) accepted for figures (default: 0).", valueName: "T"))
    var tolerance: String?

    @Option(name: .long, help: ArgumentHelp("Where the difference image of two figures goes (default: B-diff.png beside B).", valueName: "FILE"))
    var diff: String?

    public init() {}

    enum Kind { case paths, image }

    public func run() throws {
        try execute()
    }

    /// The tolerances, checked.
    private struct Tolerances { var rtol = 1e-9, atol = 1e-12, pixels = 0.0 }

    private func execute() throws(CLIError) {
        var limits = Tolerances()
        for (name, text, slot) in [("--rtol", rtol, \Tolerances.rtol), ("--atol", atol, \.atol), ("--tolerance", tolerance, \.pixels)] {
            guard let text else { continue }
            let value = try ValueParsing.number(text, option: name, example: name == "--tolerance" ? "2" : "1e-6")
            guard value >= 0 else { throw .usage("invalid \(name) \(text); expected a finite number >= 0") }
            limits[keyPath: slot] = value
        }
        let kindA = try kind(of: expected), kindB = try kind(of: actual)
        guard kindA == kindB else {
            throw .usage("cannot compare '\(expected)' with '\(actual)': one holds paths, the other a figure")
        }
        if diff != nil, kindA != .image {
            throw .usage("--diff names the difference image of two figures (.png); '\(expected)' and '\(actual)' hold paths")
        }
        // The difference image may not replace A or B: refused before anything is read.
        let diffFile = diff.map { OutputFile(path: $0, option: "--diff") }
            ?? OutputFile(path: diffPath(for: actual), option: "the difference image", remedy: "choose another with --diff FILE")
        if diff != nil, diffFile.pathExtension != "png" {
            throw .usage("invalid --diff '\(diffFile.path)'; the difference image is a PNG: name a .png file")
        }
        // A difference image that would replace A or B, or a name that cannot be a file, is
        // refused before anything is read; a folder that cannot take it is reported after the
        // verdict, which stands either way.
        var diffOutput: Result<OutputTransaction, CLIError> = .failure(.failure(""))
        if kindA == .image {
            do throws(CLIError) {
                diffOutput = .success(try OutputTransaction([diffFile], inputs: [InputFile(path: expected, role: "A"),
                                                                                 InputFile(path: actual, role: "B")]))
            } catch where error.kind == .usage {
                throw error
            } catch {
                diffOutput = .failure(error)
            }
        }
        if kindA == .paths, [expected, actual].allSatisfy({ OutputFile(path: $0, option: "").pathExtension == "csv" }) {
            return try compareCSVs(limits)
        }
        if kindA == .paths, [expected, actual].allSatisfy({ OutputFile(path: $0, option: "").pathExtension == "json" }) {
            return try compareManifests(limits)
        }
        let a = try InputReading.read(expected, failing: .usage), b = try InputReading.read(actual, failing: .usage)
        switch kindA {
        case .paths: try comparePaths(a, b, limits)
        case .image: try compareFigures(a, b, limits, diffFile: diffFile, output: diffOutput)
        }
    }

    private func kind(of path: String) throws(CLIError) -> Kind {
        switch OutputFile(path: path, option: "").pathExtension {
        case "csv", "json": return .paths
        case "png": return .image
        default:
            throw .usage("cannot compare '\(path)': unknown file type; accepted: .csv, .json (paths), .png (figures)")
        }
    }

    private func comparePaths(_ a: [UInt8], _ b: [UInt8], _ limits: Tolerances) throws(CLIError) {
        let recordsA: [PathRecord], recordsB: [PathRecord]
        do {
            recordsA = try PathRecord.load(a, name: expected)
            recordsB = try PathRecord.load(b, name: actual)
        } catch {
            throw unreadable(error)
        }
        try report(Regression.comparePaths(expected: recordsA, actual: recordsB, rtol: limits.rtol, atol: limits.atol))
    }

    /// Two path CSVs, read row by row in step (bounded memory, however long the files).
    private func compareCSVs(_ limits: Tolerances) throws(CLIError) {
        let a = try InputChunks(expected, failing: .usage), b = try InputChunks(actual, failing: .usage)
        let result: PathComparison
        do {
            result = try comparePathCSVs(expected: CSVRows(source: a.next), named: expected,
                                         actual: CSVRows(source: b.next), named: actual, rtol: limits.rtol, atol: limits.atol)
        } catch {
            if let problem = a.problem ?? b.problem { throw problem }
            throw unreadable(error)
        }
        if let problem = a.problem ?? b.problem { throw problem }
        try report(result)
    }

    /// Two manifests, each read in windows and their paths' numbers in pieces, in step (bounded
    /// memory, however many steps), with the messages of reading them whole.
    private func compareManifests(_ limits: Tolerances) throws(CLIError) {
        let sourceA = try InputSource(expected, failing: .usage), sourceB = try InputSource(actual, failing: .usage)
        func open(_ source: InputSource, _ name: String) -> Result<ManifestReader.Decoded, PathFileError> {
            do throws(ManifestError) { return .success(try ManifestReader.open(source)) } catch {
                return .failure(PathFileError("\(name): \(error)"))
            }
        }
        // As when both files were read before either was decoded: a read error first, A before B.
        let a = open(sourceA, expected), b = open(sourceB, actual)
        if let problem = sourceA.problem ?? sourceB.problem { throw problem }
        let decodedA: ManifestReader.Decoded, decodedB: ManifestReader.Decoded
        do {
            decodedA = try a.get()
            decodedB = try b.get()
        } catch {
            throw unreadable(error)
        }
        let result: PathComparison
        do {
            result = try Regression.compareManifests(expected: decodedA, actual: decodedB, rtol: limits.rtol, atol: limits.atol)
        } catch {
            if let problem = sourceA.problem ?? sourceB.problem { throw problem }
            throw .usage("cannot read \(expected) and \(actual): \(error.message)")
        }
        if let problem = sourceA.problem ?? sourceB.problem { throw problem }
        try report(result)
    }

    /// `a.json: line 3 ...` as every other message names a file: `cannot read 'a.json': line 3 ...`.
    private func unreadable(_ error: PathFileError) -> CLIError {
        var message = error.message
        for name in [expected, actual] where message.hasPrefix(name + ": ") {
            message = "'\(name)': " + message.dropFirst(name.count + 2)
            break
        }
        return .usage("cannot read \(message)")
    }

    private func report(_ result: PathComparison) throws(CLIError) {
        Terminal.out(result.report)
        try Terminal.checkOut()
        if !result.agrees { throw .differ }
    }

    private func compareFigures(_ a: [UInt8], _ b: [UInt8], _ limits: Tolerances, diffFile: OutputFile,
                                output planned: Result<OutputTransaction, CLIError>) throws(CLIError) {
        let imageA = try decode(a, expected), imageB = try decode(b, actual)
        let result: ImageComparison
        do {
            result = try compareImages(expected: imageA, actual: imageB)
        } catch {
            Terminal.out("figures differ: \(error.message)\n")
            try Terminal.checkOut()
            throw .differ
        }
        let rms = formatRMS(result.rms)
        let tolerance = formatNumber(limits.pixels)
        if result.passes(tolerance: limits.pixels) {
            Terminal.out("figures agree: RMS difference \(rms) <= tolerance \(tolerance) (0-255 scale)\n")
            try Terminal.checkOut()
            return
        }
        let verdict = "figures differ: RMS difference \(rms) > tolerance \(tolerance) (0-255 scale)"
        do throws(CLIError) {
            let bytes: [UInt8]
            do throws(RenderError) { bytes = try encodePNG(result.diff) } catch {
                throw .failure("cannot encode the difference image: \(error.description)")
            }
            let output = try planned.get()
            try output.open()
            try output.sink(for: diffFile).write(bytes)
            try output.commit(status: verdict + "; difference image: \(diffFile.path)\n", statusToStderr: false)
        } catch {
            // The verdict stands whether or not the difference image could be written.
            if Terminal.outFailure == nil { Terminal.out(verdict + "\n") }
            Terminal.err("trajviz: error: \(error.message)\n")
        }
        throw .differ
    }

    private func decode(_ bytes: [UInt8], _ name: String) throws(CLIError) -> RGBAImage {
        do {
            return try decodePNG(bytes)
        } catch {
            throw .usage("cannot read '\(name)': \(error.description)")
        }
    }

    /// `B-diff.png` beside B.
    private func diffPath(for path: String) -> String {
        let ns = path as NSString
        return ns.deletingPathExtension + "-diff.png"
    }

    private func formatRMS(_ v: Double) -> String {
        v == 0 ? "0" : String(format: "%.4f", locale: Locale(identifier: "en_US_POSIX"), v)
    }
}

extension CLIError {
    /// The files differ: exit 1, the report already printed.
    static let differ = CLIError(kind: .failure, message: "")
}
