import Foundation
import Regression
import Studies
import Testing

/// `trajviz mnist --lr R1,R2,...` (the MLP's lr sensitivity) end to end on the bundled subset with
/// a tiny network and a few iterations: labels and records, the manifest and its replay, the
/// refusals, and the figure against a golden image.
@Suite struct MNISTStudyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// Two specs at two rates, 6 iterations of 200 records, accuracy every 3.
    static let tiny = ["mnist", "--opt", "adam,sgd:momentum=0.9", "--lr", "1e-3,0.1", "--iterations", "6", "--batch", "200",
                       "--hidden", "8", "--eval-every", "3"]

    static func csvRows(_ data: Data) -> [[String]] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func everyRunHasItsLabelInCSVManifestAndSummary() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.tiny + ["--csv", "runs.csv", "--json", "runs.json", "-o", "fig.png"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let labels = ["adam lr=0.001", "adam lr=0.1", "sgd:momentum=0.9 lr=0.001", "sgd:momentum=0.9 lr=0.1"]
        let summary = r.stdout.split(separator: "\n").map(String.init)
        #expect(summary.count == 1 + 4 + 3, "\(r)")
        for (k, label) in labels.enumerated() { #expect(summary[k + 1].hasPrefix(label + "  "), "\(r)") }

        // The CSV: the same columns as one rate's, spec by spec and rate by rate, 6 rows a run.
        let csv = try folder.read("runs.csv")
        #expect(String(decoding: csv, as: UTF8.self).hasPrefix("label,optimizer,epoch,iteration,train_loss,train_accuracy,test_accuracy,lr\n"))
        let rows = Self.csvRows(csv)
        #expect(rows.count == 4 * 6)
        for (k, row) in rows.enumerated() {
            let run = k / 6
            #expect(row[0] == labels[run] && row[1] == (run < 2 ? "adam" : "sgd") && row[3] == "\(k % 6 + 1)", "\(row)")
            #expect(row[7] == (run % 2 == 0 ? "0.001" : "0.1"), "the lr column is the run's rate: \(row)")
        }
        // Every run starts from the same weights on the same first batch: the same first loss.
        #expect(Set(rows.enumerated().filter { $0.offset % 6 == 0 }.map { $0.element[4] }).count == 1)

        // The manifest: the rates, and each run with its spec, rate and label.
        let record = try TrainingRecord(json: try JSONValue.parse([UInt8](try folder.read("runs.json"))))
        #expect(record.rates == [0.001, 0.1])
        #expect(record.runs.map(\.label) == labels)
        #expect(record.runs.map(\.spec) == ["adam", "adam", "sgd:momentum=0.9", "sgd:momentum=0.9"])
        #expect(record.runs.map(\.rate) == [0.001, 0.1, 0.001, 0.1])
        #expect(record.runs.map { $0.hyperparameters["lr"]?.number } == [0.001, 0.1, 0.001, 0.1])
        #expect(record.runs[3].hyperparameters["momentum"]?.number == 0.9)
        #expect(record.rows.map(\.spec) == ["adam", "sgd:momentum=0.9"])
        #expect(record.runs.allSatisfy { $0.losses.count == 6 && $0.accuracies.map(\.iteration) == [0, 3, 6] })
    }

    /// START:END:COUNT is the list it stands for (sweep's syntax): the same bytes.
    @Test func rangeSyntaxIsTheList() throws {
        let folder = try TemporaryFolder()
        let range = Self.tiny.map { $0 == "1e-3,0.1" ? "1e-3:1e-1:2" : $0 }
        let a = try TrajvizProcess.run(Self.tiny + ["--csv", "a.csv", "--json", "a.json"], in: folder.url)
        let b = try TrajvizProcess.run(range + ["--csv", "b.csv", "--json", "b.json"], in: folder.url)
        #expect(a.status == 0 && b.status == 0, "\(a)\n\(b)")
        #expect(try folder.read("a.csv") == folder.read("b.csv"))
        #expect(try folder.read("a.json") == folder.read("b.json"))
    }

    /// replay draws the figure and writes CSV and manifest again without training: the run's bytes.
    @Test func replayGivesTheRunsBytes() throws {
        let folder = try TemporaryFolder()
        let run = try TrajvizProcess.run(Self.tiny + ["--csv", "a.csv", "--json", "a.json", "-o", "a.png"], in: folder.url)
        #expect(run.status == 0, "\(run)")
        let replay = try TrajvizProcess.run(["replay", "a.json", "--csv", "b.csv", "--json", "b.json", "-o", "b.png"], in: folder.url)
        #expect(replay.status == 0 && replay.stdout == "wrote b.png\nwrote b.csv\nwrote b.json\n", "\(replay)")
        for ext in ["png", "csv", "json"] { #expect(try folder.read("a.\(ext)") == folder.read("b.\(ext)"), "\(ext)") }

        // One rate: the manifest replays the one-rate figure, byte for byte too.
        let one = try TrajvizProcess.run(["mnist", "--opt", "adam,sgd", "--lr", "0.01", "--iterations", "4", "--batch", "200", "--hidden", "8",
                                          "--json", "one.json", "-o", "one.png", "--csv", "one.csv"], in: folder.url)
        #expect(one.status == 0, "\(one)")
        let again = try TrajvizProcess.run(["replay", "one.json", "-o", "two.png", "--csv", "two.csv"], in: folder.url)
        #expect(again.status == 0, "\(again)")
        #expect(try folder.read("one.png") == folder.read("two.png"))
        #expect(try folder.read("one.csv") == folder.read("two.csv"))
        #expect(Self.csvRows(try folder.read("one.csv")).map { $0[0] }.allSatisfy { $0 == "adam" || $0 == "sgd" })
    }

    @Test func replayRefusesADamagedManifest() throws {
        let folder = try TemporaryFolder()
        try folder.write("m.json", #"{"format": 1, "kind": "mnist", "trajviz_version": "0.1.0", "title": "t", "setup": {}, "rates": null, "runs": []}"#)
        let r = try TrajvizProcess.run(["replay", "m.json", "-o", "m.png"], in: folder.url)
        #expect(r.status == 1 && r.stderr == "trajviz: error: m.json: manifest.runs: no runs\n", "\(r)")
        try folder.write("n.json", #"{"format": 1, "kind": "mnist", "trajviz_version": "0.1.0", "title": "t", "setup": {}, "rates": null, "runs": [{"label": 3}]}"#)
        let n = try TrajvizProcess.run(["replay", "n.json", "-o", "n.png"], in: folder.url)
        #expect(n.status == 1 && n.stderr == "trajviz: error: n.json: manifest.runs[0].label: expected a string, found a number\n", "\(n)")
        #expect(folder.listing() == ["m.json", "n.json"])
    }

    /// `trajviz mnist` has no figure options, so replay refuses them by name rather than ignoring them.
    @Test func replayRefusesFigureOptions() throws {
        let folder = try TemporaryFolder()
        let run = try TrajvizProcess.run(Self.tiny + ["--json", "a.json", "-o", "a.png"], in: folder.url)
        #expect(run.status == 0, "\(run)")
        for (arguments, flag) in [(["--theme", "dark"], "--theme"), (["--size", "800x600", "--title", "t"], "--size"),
                                  (["--view", "3d"], "--view"), (["--fps", "10"], "--fps")] {
            let r = try TrajvizProcess.run(["replay", "a.json", "-o", "b.png"] + arguments, in: folder.url)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(r)")
            #expect(r.stderr == "trajviz: error: \(flag) does not apply to an mnist manifest: its training curves are redrawn "
                    + "as recorded; accepted: --output (.png, .svg or .pdf), --csv, --json\n", "\(arguments)")
        }
        #expect(folder.listing() == ["a.json", "a.png"])
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refusals: [Refusal] = [
        Refusal(arguments: ["--lr", "0.01,0.01"], message: "invalid --lr '0.01,0.01': 0.01 is listed twice"),
        Refusal(arguments: ["--lr", "0,0.1"],
                message: "invalid --lr '0,0.1': 0 is not positive; learning rates of a sweep must be > 0 (they are drawn on a log axis)"),
        Refusal(arguments: ["--lr", "0.01,"],
                message: "malformed --lr '0.01,': an empty value; expected START:END:COUNT (e.g. 1e-4:1:13, 13 log-spaced rates from 1e-4 to 1) or a list (e.g. 0.001,0.01,0.1)"),
        Refusal(arguments: ["--lr", "1e-4:1e-1:1"], message: "invalid --lr '1e-4:1e-1:1': COUNT 1 is outside 2...100 (for one value write it alone: --lr 1e-4)"),
        Refusal(arguments: ["--lr", "1e-1:1e-4:3"], message: "invalid --lr '1e-1:1e-4:3': START must be less than END (e.g. --lr 1e-4:1:13)"),
        Refusal(arguments: ["--lr", "a,b"], message: "invalid --lr 'a,b': 'a' is not a number; expected e.g. --lr 1e-4:1:13 or --lr 0.001,0.01,0.1"),
        Refusal(arguments: ["--opt", "adam:lr=0.01", "--lr", "1e-3,1e-2"],
                message: "'adam:lr=0.01' sets its own lr, but --lr 1e-3,1e-2 trains every spec at each of its rates; drop lr= from the spec"),
        Refusal(arguments: ["--opt", "adam,adam", "--lr", "1e-3,1e-2"],
                message: "optimizer 'adam' is given twice; each --opt must differ (e.g. adam:lr=0.01 and adam:lr=0.1)"),
        Refusal(arguments: ["--opt", "adam", "--lr", "1e-3,1e-2", "-o", "fig.gif"],
                message: "trajviz mnist draws training curves, not paths to animate; name a .png, .svg or .pdf --output"),
    ]

    /// Refused with one line and exit 2 before any data is read: nothing written.
    @Test(arguments: refusals)
    func refusedWithOneLine(_ c: Refusal) throws {
        let folder = try TemporaryFolder()
        let arguments = (c.arguments.contains("--opt") ? [] : ["--opt", "adam"]) + c.arguments
        let r = try TrajvizProcess.run(["mnist", "--iterations", "2", "--hidden", "4", "--csv", "out.csv", "--json", "out.json"] + arguments,
                                       in: folder.url)
        #expect(r.status == 2 && r.stdout.isEmpty, "\(r)")
        #expect(r.stderr == "trajviz: error: \(c.message)\n", "\(r)")
        #expect(folder.listing().isEmpty)
    }

    /// The tiny sweep's figure against Fixtures/mnist-lr-sweep.png (RMS at most 2 on 0–255, so
    /// that a font rasteriser or BLAS kernel's last bits pass and a changed figure fails).
    /// TRAJVIZ_REGENERATE_GOLDEN=1 writes the golden instead (look at it before committing).
    @Test func figureMatchesGolden() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.tiny + ["-o", "fig.png"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let golden = Self.fixtures.appendingPathComponent("mnist-lr-sweep.png")
        if ProcessInfo.processInfo.environment["TRAJVIZ_REGENERATE_GOLDEN"] == "1" {
            try folder.read("fig.png").write(to: golden)
            return
        }
        let compare = try TrajvizProcess.run(["compare", golden.path, "fig.png", "--tolerance", "2", "--diff", "diff.png"], in: folder.url)
        #expect(compare.status == 0, "\(compare)")
    }
}
