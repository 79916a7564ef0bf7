import Foundation
import Regression
import Testing

/// Gradient noise and runs through the command line: reproducible bytes, seeds that matter,
/// `--noise 0` that changes nothing, runs recorded in the CSV and the manifest and replayed.
@Suite struct NoiseCommandTests {
    static let base = ["--surface", "rosenbrock", "--opt", "adam:lr=0.05", "--opt", "sgd:lr=0.001,momentum=0.9", "--steps", "200"]

    @Test func sameSeedSameBytesAnotherSeedAnotherPath() throws {
        let folder = try TemporaryFolder()
        for (name, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
            let r = try TrajvizProcess.run(Self.base + ["--noise", "0.5", "--noise-decay", "0.55", "--seed", seed,
                                                        "--csv", "\(name).csv", "--json", "\(name).json", "--output", "\(name).png"],
                                           in: folder.url)
            try #require(r.status == 0, "\(r)")
        }
        for ext in ["csv", "json", "png"] { #expect(try folder.read("a.\(ext)") == folder.read("b.\(ext)"), "\(ext)") }
        let a = try PathCSV.read(String(decoding: folder.read("a.csv"), as: UTF8.self))
        let c = try PathCSV.read(String(decoding: folder.read("c.csv"), as: UTF8.self))
        #expect(a.map(\.label) == c.map(\.label))
        #expect(a[0].xs[0] == c[0].xs[0] && a[0].xs[1] != c[0].xs[1])
    }

    @Test func zeroNoiseIsExactlyNoNoise() throws {
        let clean = try TrajvizProcess.run(Self.base + ["--csv", "-"])
        let zero = try TrajvizProcess.run(Self.base + ["--noise", "0", "--noise-decay", "0.55", "--seed", "3", "--csv", "-"])
        try #require(clean.status == 0 && zero.status == 0, "\(clean)\n\(zero)")
        #expect(clean.stdoutBytes == zero.stdoutBytes)
        let noisy = try TrajvizProcess.run(Self.base + ["--noise", "1e-3", "--csv", "-"])
        #expect(noisy.stdoutBytes != clean.stdoutBytes)
    }

    @Test func runsAreRecordedAndReplayedBitForBit() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.base + ["--opt", "adam:lr=0.05@cosine:T_max=200", "--noise", "2", "--runs", "4",
                                                    "--seed", "5", "--csv", "runs.csv", "--json", "runs.json"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        let text = String(decoding: try folder.read("runs.csv"), as: UTF8.self)
        #expect(text.hasPrefix("label,optimizer,run,step,x,y,loss,lr\nadam:lr=0.05,adam,1,0,-1.5,2,12.5,0.05\n"))
        let records = try PathCSV.read(text)
        #expect(records.count == 12)
        #expect(records.map(\.run) == Array(repeating: [1, 2, 3, 4], count: 3).flatMap { $0 })
        #expect(Set(records.prefix(4).map { $0.xs.last! }).count == 4, "four runs, four paths")
        // Run k draws the same noise for every spec: adam and adam with a cosine schedule share
        // their first noisy step, whose rate is the same.
        #expect(records[0].xs[1] == records[8].xs[1] && records[1].xs[1] == records[9].xs[1])
        let manifest = try Manifest.decode(Array(try folder.read("runs.json")))
        #expect(manifest.runs == 4 && manifest.noise?.sigma == 2 && manifest.noise?.seed == 5)
        #expect(manifest.paths.map(\.run) == records.map(\.run) && manifest.paths[8].schedule == "cosine:T_max=200")
        let replayed = try TrajvizProcess.run(["replay", "runs.json", "--csv", "again.csv", "--json", "again.json"], in: folder.url)
        try #require(replayed.status == 0, "\(replayed)")
        #expect(!replayed.stderr.contains("differ"))
        #expect(try folder.read("again.csv") == folder.read("runs.csv"))
        #expect(try folder.read("again.json") == folder.read("runs.json"))
        let compared = try TrajvizProcess.run(["compare", "runs.json", "again.csv", "--rtol", "0", "--atol", "0"], in: folder.url)
        #expect(compared.status == 0, "\(compared)")
    }

    @Test(arguments: [
        (["--runs", "3"], "--runs K draws K noisy runs of each spec; give --noise SIGMA too, e.g. --noise 0.5 --runs 20"),
        (["--noise-decay", "0.55"], "--noise-decay anneals the gradient noise; give --noise SIGMA too, e.g. --noise 0.5 --noise-decay 0.55"),
        (["--noise", "loud"], "invalid --noise 'loud'; expected a number, e.g. --noise 0.5"),
        (["--noise", "-1"], "invalid --noise '-1'; expected a standard deviation >= 0, e.g. --noise 0.5"),
        (["--noise", "inf"], "invalid --noise 'inf'; expected a finite number, e.g. --noise 0.5"),
        (["--noise", "1", "--noise-decay", "-0.5"], "invalid --noise-decay '-0.5'; expected a number >= 0, e.g. --noise-decay 0.55"),
        (["--noise", "1", "--runs", "0"], "invalid --runs 0; expected a whole number from 1 to 1000"),
        (["--noise", "1", "--seed", "9007199254740992"], "invalid --seed 9007199254740992; expected a whole number from 0 to 9007199254740991"),
        (["--noise", "1", "--runs", "1000", "--steps", "100000"],
         "invalid --runs 1000: 2 specs × 1000 runs × 100001 points is 200002000 points; at most 20000000 (use fewer runs, specs or steps)"),
    ] as [([String], String)])
    func badNoiseOptions(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["--surface", "rosenbrock", "--opt", "adam,sgd"] + arguments + ["--csv", "out.csv"], in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr == "trajviz: error: \(message)\n")
        #expect(folder.listing().isEmpty)
    }
}
