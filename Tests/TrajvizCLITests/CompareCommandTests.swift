import Foundation
import Regression
import Testing

/// `trajviz compare`: exit 0 when runs agree, 1 naming what moved, 2 for unreadable files.
@Suite struct CompareCommandTests {
    /// A run written as CSV, JSON and PNG into `folder`.
    static func run(in folder: TemporaryFolder, prefix: String = "a", extra: [String] = []) throws {
        let r = try TrajvizProcess.run(["--surface", "beale", "--opt", "adam:lr=0.05", "--opt", "sgd:lr=1e-3,momentum=0.9",
                                        "--steps", "50", "--csv", "\(prefix).csv", "--json", "\(prefix).json",
                                        "--output", "\(prefix).png", "--size", "400x300"] + extra, in: folder.url)
        try #require(r.status == 0, "\(r)")
    }

    @Test func identicalRunsAgree() throws {
        let folder = try TemporaryFolder()
        try Self.run(in: folder, prefix: "a")
        try Self.run(in: folder, prefix: "b")
        for (a, b) in [("a.csv", "b.csv"), ("a.json", "b.json"), ("a.json", "b.csv"), ("a.png", "b.png")] {
            let r = try TrajvizProcess.run(["compare", a, b], in: folder.url)
            #expect(r.status == 0, "\(a) vs \(b): \(r)")
            #expect(r.stderr.isEmpty)
        }
    }

    /// Changes one coordinate of one row by `relative`.
    static func perturb(_ csv: String, label: String, step: Int, relative: Double) throws -> String {
        var records = try PathCSV.read(csv)
        let i = try #require(records.firstIndex { $0.label == label })
        records[i].ys[step] *= 1 + relative
        return PathCSV.write(records.map { r in
            .init(label: r.label, optimizer: r.optimizer, hyperparameters: .init(), steps: r.count - 1,
                  xs: r.xs, ys: r.ys, losses: r.losses, divergedAt: nil)
        })
    }

    @Test func oneChangedCoordinateIsNamed() throws {
        let folder = try TemporaryFolder()
        try Self.run(in: folder)
        let original = String(decoding: try folder.read("a.csv"), as: UTF8.self)
        try folder.write("b.csv", try Self.perturb(original, label: "sgd:lr=1e-3,momentum=0.9", step: 17, relative: 1e-6))
        let r = try TrajvizProcess.run(["compare", "a.csv", "b.csv"], in: folder.url)
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.contains("sgd:lr=1e-3,momentum=0.9: differs from step 17"), "\(r)")
        #expect(!r.stdout.contains("adam:lr=0.05:"), "only the changed path is named: \(r)")
        let loose = try TrajvizProcess.run(["compare", "a.csv", "b.csv", "--rtol", "1e-3"], in: folder.url)
        #expect(loose.status == 0, "\(loose)")
    }

    @Test func differentFiguresExitOneAndWriteADiff() throws {
        let folder = try TemporaryFolder()
        try Self.run(in: folder, prefix: "a")
        try Self.run(in: folder, prefix: "b", extra: ["--levels", "7"])
        let r = try TrajvizProcess.run(["compare", "a.png", "b.png"], in: folder.url)
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.hasPrefix("figures differ: RMS difference "), "\(r)")
        #expect(folder.listing().contains("b-diff.png"))
        let tolerant = try TrajvizProcess.run(["compare", "a.png", "b.png", "--tolerance", "255"], in: folder.url)
        #expect(tolerant.status == 0, "\(tolerant)")
    }

    @Test func differentSizesDiffer() throws {
        let folder = try TemporaryFolder()
        try Self.run(in: folder, prefix: "a")
        try Self.run(in: folder, prefix: "b", extra: ["--size", "500x300"])
        let r = try TrajvizProcess.run(["compare", "a.png", "b.png"], in: folder.url)
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.hasPrefix("figures differ: "), "\(r)")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let bad: [Bad] = [
        Bad(arguments: ["compare", "missing.csv", "a.csv"], message: "trajviz: error: cannot read 'missing.csv': no such file"),
        Bad(arguments: ["compare", "a.csv", "a.txt"], message: "trajviz: error: cannot compare 'a.txt': unknown file type; accepted: .csv, .json (paths), .png (figures)"),
        Bad(arguments: ["compare", "a.csv", "a.png"], message: "trajviz: error: cannot compare 'a.csv' with 'a.png': one holds paths, the other a figure"),
        Bad(arguments: ["compare", "a.csv", "junk.csv"], message: "trajviz: error: cannot read 'junk.csv': line 1: expected the header 'label,optimizer,step,x,y,loss,lr' (or 'label,optimizer,run,step,x,y,loss,lr' with --runs), found 'hello'"),
        Bad(arguments: ["compare", "a.png", "junk.png"], message: "trajviz: error: cannot read 'junk.png': not a readable PNG…"),
        Bad(arguments: ["compare", "a.csv"], message: "trajviz: error: missing expected argument '<B>'"),
        Bad(arguments: ["compare"], message: "trajviz: error: missing expected argument '<A>'"),
        Bad(arguments: ["compare", "a.csv", "a.csv", "--rtol", "-1"], message: "trajviz: error: invalid --rtol -1; expected a finite number >= 0"),
    ]

    @Test(arguments: bad)
    func unreadableInputsExitTwo(_ c: Bad) throws {
        let folder = try TemporaryFolder()
        try Self.run(in: folder)
        try folder.write("a.txt", "text")
        try folder.write("junk.csv", "hello\n")
        try folder.write("junk.png", "not a png")
        let before = folder.listing()
        let r = try TrajvizProcess.run(c.arguments, in: folder.url)
        #expect(r.status == 2, "\(r)")
        let first = String(r.stderr.split(separator: "\n").first ?? "")
        if c.message.hasSuffix("…") { #expect(first.hasPrefix(c.message.dropLast()), "\(r)") } else { #expect(first == c.message, "\(r)") }
        #expect(r.stdout.isEmpty)
        #expect(folder.listing() == before)
    }
}
