import Foundation
import Testing

/// `trajviz sweep`: lr sweeps and basin maps, their CSV, manifest and replay, and their errors.
@Suite struct SweepCommandTests {
    /// The CSV's fields, line by line (quoted fields unquoted; the study CSVs hold no newline in a field).
    static func rows(_ data: Data) -> [[String]] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            var fields: [String] = [], field = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == ",", !quoted { fields.append(field); field = "" } else { field.append(c) }
            }
            return fields + [field]
        }
    }

    @Test func lrSweepWritesEveryRunAndReplaysIdentically() throws {
        let folder = try TemporaryFolder()
        let args = ["sweep", "--surface", "beale", "--opt", "adam,radam", "--lr", "1e-4:1:13", "--steps", "200",
                    "--csv", "s.csv", "--json", "s.json", "--output", "s.png"]
        let first = try TrajvizProcess.run(args, in: folder.url)
        try #require(first.status == 0, "\(first)")
        let rows = Self.rows(try folder.read("s.csv"))
        #expect(rows[0].joined(separator: ",") == "label,optimizer,lr,start_x,start_y,end_x,end_y,final_loss,last_step,diverged_at,steps_to,distance,basin,metric")
        #expect(rows.count == 1 + 26)
        #expect(rows[1][0] == "adam:lr=0.0001" && rows[13][0] == "adam:lr=1" && rows[14][0] == "radam:lr=0.0001")
        #expect(rows[4][2] == "0.001" && rows[7][2] == "0.01")
        #expect(Set(rows.dropFirst().map { $0[0] }).count == 26, "every run has its own label")
        // The same command gives the same bytes.
        let again = try TrajvizProcess.run(args.map { $0.replacingOccurrences(of: "s.", with: "t.") }, in: folder.url)
        try #require(again.status == 0, "\(again)")
        for ext in ["csv", "json", "png"] { #expect(try folder.read("s.\(ext)") == folder.read("t.\(ext)"), "\(ext)") }
        // Replay steps every run again from the manifest and writes the same files.
        let replayed = try TrajvizProcess.run(["replay", "s.json", "--csv", "r.csv", "--json", "r.json", "--output", "r.png"], in: folder.url)
        try #require(replayed.status == 0, "\(replayed)")
        #expect(!replayed.stderr.contains("note:"), "\(replayed)")
        for ext in ["csv", "json", "png"] { #expect(try folder.read("s.\(ext)") == folder.read("r.\(ext)"), "\(ext)") }
    }

    @Test func basinMapOfHimmelblau() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["sweep", "--surface", "himmelblau", "--opt", "adam", "--starts", "21x21",
                                        "--csv", "b.csv", "--json", "b.json", "--output", "b.svg"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        let rows = Self.rows(try folder.read("b.csv"))
        #expect(rows.count == 1 + 441)
        // Starts half a unit from each minimum end in it: (3.5, 2.5) -> 1, (-2.5, 3.5) -> 2, (-3.5, -3.5) -> 3, (3.5, -1.5) -> 4.
        func basin(_ x: String, _ y: String) -> String? { rows.first { $0[3] == x && $0[4] == y }?[12] }
        #expect(basin("3.5", "2.5") == "1")
        #expect(basin("-2.5", "3.5") == "2")
        #expect(basin("-3.5", "-3.5") == "3")
        #expect(basin("3.5", "-1.5") == "4")
        #expect(rows[1][0] == "adam from (-5, -5)")
        let replayed = try TrajvizProcess.run(["replay", "b.json", "--csv", "r.csv", "--output", "r.svg"], in: folder.url)
        try #require(replayed.status == 0, "\(replayed)")
        #expect(try folder.read("b.csv") == folder.read("r.csv"))
        #expect(try folder.read("b.svg") == folder.read("r.svg"))
    }

    @Test(arguments: [
        (["sweep", "--opt", "adam"], "sweep needs --lr (rates, e.g. --lr 1e-4:1:13) or --starts (a grid of starts, e.g. --starts 41x41)"),
        (["sweep", "--lr", "0.1,1"], "sweep needs --opt: the specs to sweep, one row each, e.g. --opt adam,radam"),
        (["sweep", "--opt", "adam:lr=0.1", "--lr", "0.1,1"], "'adam:lr=0.1' sets lr, which --lr sweeps; drop lr=... from the spec"),
        (["sweep", "--surface", "saddle", "--opt", "adam", "--lr", "0.1,1", "--metric", "distance"],
         "--metric distance measures the distance to the nearest listed minimum; surface 'saddle' lists none (use final-loss, or list minima in the surface file)"),
        (["sweep", "--opt", "adam", "--lr", "0.1,1", "--metric", "steps-to"],
         "--metric steps-to needs a tolerance: e.g. --metric steps-to 1e-6 (steps until f − f* ≤ 1e-6)"),
        (["sweep", "--opt", "adam", "--starts", "5x5", "--start=1,1"],
         "--start and --starts exclude each other: a basin map starts from every point of its grid"),
        (["sweep", "--opt", "adam", "--lr=-1,2"],
         "invalid --lr '-1,2': -1 is not positive; learning rates of a sweep must be > 0 (they are drawn on a log axis)"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(arguments, in: folder.url)
        #expect(r.status == 2 && r.stderr == "trajviz: error: \(message)\n", "\(r)")
        #expect(folder.listing().isEmpty, "nothing written")
    }
}
