import Foundation
import Optimizers
import Testing

/// The same command gives the same bytes: across processes, locales, times and folders.
@Suite struct DeterminismTests {
    static let arguments = ["--surface", "himmelblau", "--opt", "adam,sgd,rmsprop:centered=true", "--steps", "80", "--size", "500x400"]

    /// Every output of one run, by extension.
    static func outputs(environment: [String: String] = [:], subfolder: String? = nil) throws -> [String: Data] {
        let folder = try TemporaryFolder()
        let dir = subfolder.map { folder.url.appendingPathComponent($0) } ?? folder.url
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var result: [String: Data] = [:]
        for ext in ["png", "svg", "pdf"] {
            let r = try TrajvizProcess.run(arguments + ["--output", "fig.\(ext)"], in: dir, environment: environment)
            try #require(r.status == 0, "\(r)")
            result[ext] = try Data(contentsOf: dir.appendingPathComponent("fig.\(ext)"))
        }
        let r = try TrajvizProcess.run(arguments + ["--csv", "p.csv", "--json", "p.json"], in: dir, environment: environment)
        try #require(r.status == 0, "\(r)")
        result["csv"] = try Data(contentsOf: dir.appendingPathComponent("p.csv"))
        result["json"] = try Data(contentsOf: dir.appendingPathComponent("p.json"))
        return result
    }

    /// Whether glibc has the German locale (scripts/test generates it): without it LC_ALL would
    /// silently fall back to C and the locale check would prove nothing.
    static var germanLocaleInstalled: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/locale")
        p.arguments = ["-a"]
        let pipe = Pipe()
        p.standardOutput = pipe
        guard (try? p.run()) != nil else { return false }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return out.lowercased().split(separator: "\n").contains { $0 == "de_de.utf8" || $0 == "de_de.utf-8" }
    }

    @Test func twoProcessesTwoLocalesTwoFolders() throws {
        try #require(Self.germanLocaleInstalled, "the de_DE.UTF-8 locale is needed; scripts/test generates it")
        let base = try Self.outputs()
        let again = try Self.outputs(subfolder: "elsewhere/deeper")
        let german = try Self.outputs(environment: ["LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "TZ": "Asia/Tokyo"])
        for ext in ["png", "svg", "pdf", "csv", "json"] {
            #expect(base[ext]!.count > 100, "\(ext) written")
            #expect(base[ext] == again[ext], "\(ext) differs between two runs")
            #expect(base[ext] == german[ext], "\(ext) differs under LC_ALL=de_DE.UTF-8")
        }
        let csv = String(decoding: base["csv"]!, as: UTF8.self)
        #expect(!csv.contains(";") && csv.contains("."), "decimal points, never commas")
    }

    @Test func pdfLegendIsRealText() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["--surface", "rosenbrock", "--opt", "all", "--output", "x.pdf"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
        // scripts/test installs poppler-utils; without it this check cannot run.
        try #require(pdftotext != nil, "pdftotext (poppler-utils) is needed; scripts/test installs it")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: pdftotext!)
        p.arguments = [folder.path("x.pdf"), folder.path("x.txt")]
        try p.run(); p.waitUntilExit()
        let text = String(decoding: try folder.read("x.txt"), as: UTF8.self)
        for name in OptimizerRegistry.entries(of: .torch).map(\.name) {
            #expect(text.contains(name + " lr="), "\(name) in the PDF's text")
        }
    }
}
