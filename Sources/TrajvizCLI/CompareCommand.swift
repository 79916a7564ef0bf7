import ArgumentParser
import CairoRender
import Foundation
import Plot
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
        written beside B as B-diff.png.

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

    @Option(name: .long, parsing: .unconditional, help: "Relative tolerance for paths.")
    var rtol: Double = 1e-9

    @Option(name: .long, parsing: .unconditional, help: "Absolute tolerance for paths.")
    var atol: Double = 1e-12

    @Option(name: .long, parsing: .unconditional, help: "Largest RMS pixel difference (0-255 scale) accepted for figures.")
    var tolerance: Double = 0

    public init() {}

    enum Kind { case paths, image }

    public func run() throws {
        try execute()
    }

    private func execute() throws(CLIError) {
        for (name, value) in [("--rtol", rtol), ("--atol", atol), ("--tolerance", tolerance)] {
            guard value.isFinite, value >= 0 else {
                throw .usage("invalid \(name) \(value); expected a finite number >= 0")
            }
        }
        let kindA = try kind(of: expected), kindB = try kind(of: actual)
        guard kindA == kindB else {
            throw .usage("cannot compare '\(expected)' with '\(actual)': one holds paths, the other a figure")
        }
        let a = try read(expected), b = try read(actual)
        switch kindA {
        case .paths: try comparePaths(a, b)
        case .image: try compareFigures(a, b)
        }
    }

    private func kind(of path: String) throws(CLIError) -> Kind {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "json": return .paths
        case "png": return .image
        default:
            throw .usage("cannot compare '\(path)': unknown file type; accepted: .csv, .json (paths), .png (figures)")
        }
    }

    private func read(_ path: String) throws(CLIError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .usage("cannot read '\(path)': no such file")
        }
        guard !isDirectory.boolValue else { throw .usage("cannot read '\(path)': it is a folder") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read '\(path)': permission denied or unreadable")
        }
        return [UInt8](data)
    }

    private func comparePaths(_ a: [UInt8], _ b: [UInt8]) throws(CLIError) {
        let recordsA: [PathRecord], recordsB: [PathRecord]
        do {
            recordsA = try PathRecord.load(a, name: expected)
            recordsB = try PathRecord.load(b, name: actual)
        } catch {
            throw .usage("cannot read \(error.message)")
        }
        let result = Regression.comparePaths(expected: recordsA, actual: recordsB, rtol: rtol, atol: atol)
        Terminal.out(result.report)
        if !result.agrees { throw .differ }
    }

    private func compareFigures(_ a: [UInt8], _ b: [UInt8]) throws(CLIError) {
        let imageA = try decode(a, expected), imageB = try decode(b, actual)
        let result: ImageComparison
        do {
            result = try compareImages(expected: imageA, actual: imageB)
        } catch {
            Terminal.out("figures differ: \(error.message)\n")
            throw .differ
        }
        let rms = formatRMS(result.rms)
        if result.passes(tolerance: tolerance) {
            Terminal.out("figures agree: RMS difference \(rms) <= tolerance \(tolerance) (0-255 scale)\n")
            return
        }
        let diffFile = OutputFile(path: diffPath(for: actual), option: "difference image")
        do {
            try diffFile.write(encodePNG(result.diff))
        } catch let error as CLIError {
            throw error
        } catch {
            throw .failure("cannot encode the difference image: \(error)")
        }
        Terminal.out("figures differ: RMS difference \(rms) > tolerance \(tolerance) (0-255 scale); difference image: \(diffFile.path)\n")
        throw .differ
    }

    private func decode(_ bytes: [UInt8], _ name: String) throws(CLIError) -> RGBAImage {
        do {
            return try decodePNG(bytes)
        } catch {
            throw .usage("cannot read '\(name)': not a readable PNG (\(error.description))")
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
