import Foundation
import Regression
import Studies
import Testing

/// `trajviz tune`: an equal budget, the tuned settings never worse than the suggested ones, the
/// same bytes every time, and a manifest that replays without searching.
@Suite struct TuneCommandTests {
    static func record(_ data: Data) throws -> (Manifest, TuneRecord) {
        let m = try Manifest.decode([UInt8](data))
        return (m, try TuneRecord(json: try #require(m.study)))
    }

    /// The check: on Rosenbrock every optimizer ends no higher than at the surface's
    /// suggested rate, and at least 12 of the 18 end 10x lower.
    @Test func rosenbrockAllBudget64() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["tune", "--surface", "rosenbrock", "--opt", "all", "--budget", "64",
                                        "--json", "t.json", "--csv", "t.csv"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("optimizer       lr  final-loss  baseline  evaluations\nsgd "), "\(r)")
        let (manifest, record) = try Self.record(try folder.read("t.json"))
        #expect(record.optimizers.count == 18 && manifest.paths.count == 18)
        var tenfold = 0
        for o in record.optimizers {
            #expect(o.evaluations.count == 64, "\(o.label): the same budget for every optimizer")
            #expect(o.tuned == ["lr"])
            let baseline = try #require(o.baseline, "\(o.label) has its suggested rate inside the space")
            let best = o.evaluations[o.best].score
            #expect(!baseline.score.isBetter(than: best), "\(o.label)")
            if case .value(let b) = best, case .value(let s) = baseline.score, b * 10 <= s { tenfold += 1 }
        }
        #expect(tenfold >= 12, "\(tenfold) of 18 at least 10x lower")
        // The figure's paths are the tuned runs, with the same steps as the tuning, and score what the search found.
        for (o, p) in zip(record.optimizers, manifest.paths) {
            #expect(p.steps == record.steps)
            let best = o.evaluations[o.best]
            #expect(p.hyperparameters["lr"]?.number == best.values[0], "\(o.label)")
            if case .value(let v) = best.score { #expect(p.losses.last.map { $0 - 0 } == v, "\(o.label)") }
        }
        let csvRows = String(decoding: try folder.read("t.csv"), as: UTF8.self).split(separator: "\n")
        #expect(csvRows.first == "label,optimizer,evaluation,phase,lr,objective")
        #expect(csvRows.count == 1 + 18 * 64)
    }

    @Test func sameBytesAndReplay() throws {
        let folder = try TemporaryFolder()
        let args = ["tune", "--surface", "beale", "--opt", "adam,sgd,lion", "--budget", "20", "--space", "beta1=0.5:0.99",
                    "--starts", "3", "--steps", "150"]
        let a = try TrajvizProcess.run(args + ["--json", "a.json", "--csv", "a.csv", "-o", "a.svg"], in: folder.url)
        try #require(a.status == 0, "\(a)")
        let b = try TrajvizProcess.run(args + ["--json", "b.json", "--csv", "b.csv", "-o", "b.svg"], in: folder.url)
        try #require(b.status == 0, "\(b)")
        #expect(a.stdout.replacingOccurrences(of: "a.", with: "b.") == b.stdout)
        for ext in ["json", "csv", "svg"] { #expect(try folder.read("a.\(ext)") == folder.read("b.\(ext)"), "\(ext)") }
        let (_, record) = try Self.record(try folder.read("a.json"))
        #expect(record.starts.count == 3)
        #expect(record.space.map(\.name) == ["lr", "beta1"])
        #expect(record.optimizers.map(\.tuned) == [["lr", "beta1"], ["lr"], ["lr", "beta1"]])
        #expect(record.optimizers.map(\.skipped) == [[], ["beta1"], []])
        #expect(record.optimizers.allSatisfy { $0.evaluations.count == 20 })
        let r = try TrajvizProcess.run(["replay", "a.json", "--json", "r.json", "-o", "r.svg"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        #expect(!r.stdout.contains("optimizer"), "replay does not search again")
        #expect(try folder.read("a.json") == folder.read("r.json"))
        #expect(try folder.read("a.svg") == folder.read("r.svg"))
    }

    @Test(arguments: [
        (["tune", "--budget", "0"], "invalid --budget 0; expected a whole number from 1 to 10000"),
        (["tune", "--opt", "adam", "--space", "nope=1:2"],
         "unknown hyperparameter 'nope' in --space 'nope=1:2'; the optimizers tuned have: amsgrad, beta1, beta2, decoupled_weight_decay, eps, lr, maximize, weight_decay"),
        (["tune", "--surface", "saddle", "--opt", "adam", "--objective", "distance"],
         "--objective distance measures the distance to the nearest listed minimum; surface 'saddle' lists none (use final-loss, or list minima in the surface file)"),
        (["tune", "--opt", "adam", "--space", "beta1=0.5:1.2"],
         "invalid --space 'beta1=0.5:1.2': adam: Invalid beta parameter at index 0: 1.2"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(arguments, in: folder.url)
        #expect(r.status == 2 && r.stderr == "trajviz: error: \(message)\n", "\(r)")
        #expect(folder.listing().isEmpty)
    }
}
