import Foundation
import Optimizers
import Regression
import Testing

/// The torch reference paths, reproduced through the command line's `--csv`, as a user's
/// regression test would read them.
@Suite struct ReferencePathTests {
    struct Case: Decodable {
        var surface: String
        var optimizer: String
        var params: [String: Param]
        var start: [Double]
        var steps: Int
        var xs: [Double?]
        var ys: [Double?]
        var losses: [Double?]
    }

    enum Param: Decodable {
        case number(Double), flag(Bool)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .flag(b) } else { self = .number(try c.decode(Double.self)) }
        }
        var text: String {
            switch self {
            case .flag(let b): return b ? "true" : "false"
            case .number(let v): return "\(v)"
            }
        }
    }

    struct Fixture: Decodable { var cases: [Case] }

    /// The optimizer tests' fixtures (copied from the reference generator into this repository).
    static func fixture(_ name: String) throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../SteppingTests/Fixtures/\(name)").standardized
        // Python's json writes NaN/Infinity for diverged steps; those rows are not compared.
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "-Infinity", with: "null")
            .replacingOccurrences(of: "Infinity", with: "null")
            .replacingOccurrences(of: "NaN", with: "null")
        return try JSONDecoder().decode(Fixture.self, from: Data(text.utf8)).cases
    }

    static func spec(_ c: Case) -> String {
        // Keys sorted so the label is stable; every case names its lr or relies on the reference default.
        let params = c.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)" }
        return params.isEmpty ? c.optimizer + ":lr=\(defaultLR(c.optimizer))" : c.optimizer + ":" + params.joined(separator: ",")
    }

    /// The reference's default lr (the registry's), for the rare case that names no hyperparameter at all.
    static func defaultLR(_ name: String) -> String {
        OptimizerRegistry.named(name)!.defaults["lr"]!.description
    }

    @Test(arguments: ["torch-trajectories.json", "torch-extra.json"])
    func csvMatchesTorch(_ file: String) throws {
        let cases = try Self.fixture(file)
        #expect(cases.count > 40)
        // One process per (surface, start, steps), with every optimizer of that group.
        let groups = Dictionary(grouping: cases) { "\($0.surface)|\($0.start)|\($0.steps)" }
        var checked = 0
        for key in groups.keys.sorted() {
            var group = groups[key]!
            var seen = Set<String>()
            group = group.filter { seen.insert(Self.spec($0)).inserted }
            let first = group[0]
            var args = ["--surface", first.surface, "--start=\(first.start[0]),\(first.start[1])",
                        "--steps", "\(first.steps)", "--csv", "-"]
            for c in group { args += ["--opt", Self.spec(c)] }
            let r = try TrajvizProcess.run(args)
            try #require(r.status == 0, "\(args.joined(separator: " "))\n\(r)")
            let records = try PathCSV.read(r.stdout)
            for c in group {
                let label = Self.spec(c)
                guard let rec = records.first(where: { $0.label == label }) else {
                    Issue.record("no path '\(label)' in the CSV of \(key)"); continue
                }
                let finite = zip(zip(c.xs, c.ys), c.losses).prefix { $0.0 != nil && $0.1 != nil && $1 != nil }.count
                #expect(rec.count == finite, "\(label) on \(c.surface): \(rec.count) rows, torch has \(finite) finite points")
                for k in 0..<min(rec.count, finite) {
                    for (ours, theirs, what) in [(rec.xs[k], c.xs[k]!, "x"), (rec.ys[k], c.ys[k]!, "y"), (rec.losses[k], c.losses[k]!, "loss")] {
                        let tol = 1e-9 * max(1, abs(theirs))
                        if abs(ours - theirs) > tol {
                            Issue.record("\(label) on \(c.surface) from \(c.start): step \(k) \(what) = \(ours), torch \(theirs)")
                            break
                        }
                    }
                }
                checked += 1
            }
        }
        #expect(checked >= 40)
    }
}
