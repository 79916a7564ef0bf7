import Foundation
import Regression
import Testing

/// `trajviz diff A B` end to end: the README's table of family differences, each row's command
/// run and its report checked; the report against the paths it describes; outputs and refusals.
@Suite struct DiffCommandTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md").standardized

    /// `trajviz diff ...` → `expected` pairs of the README's table of differences.
    static func readmeExamples() throws -> [(command: [String], expected: String)] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        var examples: [(command: [String], expected: String)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") && line.contains("`trajviz diff ") {
            guard let start = line.range(of: "`trajviz diff "), let arrow = line.range(of: "` → `", range: start.upperBound..<line.endIndex),
                  let end = line.range(of: "`", range: arrow.upperBound..<line.endIndex) else {
                Issue.record("a table row without 'command → expected': \(line)")
                continue
            }
            let command = line[line.index(after: start.lowerBound)..<arrow.lowerBound].split(separator: " ").map(String.init)
            examples.append((Array(command.dropFirst()), String(line[arrow.upperBound..<end.lowerBound])))
        }
        return examples
    }

    /// Every difference the README claims, as the command it names reports it.
    @Test func readmeTableIsWhatDiffReports() throws {
        let examples = try Self.readmeExamples()
        #expect(examples.count >= 20)
        let folder = try TemporaryFolder()
        for (command, expected) in examples {
            let r = try TrajvizProcess.run(command + ["--csv", "paths.csv"], in: folder.url)
            #expect(r.status == 0, "\(command.joined(separator: " "))\n\(r)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix(expected) }, "trajviz \(command.joined(separator: " ")):\n\(r.stdout)")
        }
    }

    /// The report describes the paths the CSV holds: its first difference, largest gap and
    /// opening are PathGap's over them; a schedule changes the book's momentum from step 51.
    @Test func reportMatchesThePaths() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["diff", "momentum:lr=0.01", "textbook.momentum:lr=0.01", "--surface", "quadratic",
                                        "--schedule", "step:step_size=50,gamma=0.5", "--csv", "paths.csv"], in: folder.url)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r)")
        let records = try PathCSV.read(String(decoding: try folder.read("paths.csv"), as: UTF8.self))
        #expect(records.map(\.label) == ["momentum:lr=0.01", "textbook.momentum:lr=0.01"])
        let (a, b) = (records[0], records[1])
        let gap = PathGap(a: (a.xs, a.ys), b: (b.xs, b.ys))
        let k = try #require(gap.firstDifference)
        #expect(k == 51)
        let largest = try #require(gap.largest), opening = try #require(gap.opening)
        let expected = """
            A: momentum:lr=0.01
            B: textbook.momentum:lr=0.01
            quadratic from (3, 2), 500 steps
            first difference: step 51 (beyond atol 1e-12 + rtol 1e-09)
              A (\(formatted(a.xs[k])), \(formatted(a.ys[k])))
              B (\(formatted(b.xs[k])), \(formatted(b.ys[k])))
            largest gap: \(String(format: "%.4g", largest.distance)) at step \(largest.step)
            the gap opens fastest at step \(opening.step) (+\(String(format: "%.4g", opening.widening)))
            final loss: A \(String(format: "%.4g", a.losses[500])) (step 500), B \(String(format: "%.4g", b.losses[500])) (step 500)
            wrote paths.csv

            """
        #expect(r.stdout == expected)
        // The rates were torch's StepLR for both: 0.01, then 0.005 from step 51.
        #expect(a.lrs?[49] == 0.01 && a.lrs?[50] == 0.005 && b.lrs == a.lrs)
    }

    /// The same path twice over (torch's SGD and the book's are one formula): no difference, and
    /// both diverging at the same step is said.
    @Test func agreeingAndDivergingPaths() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["diff", "sgd:lr=0.01", "textbook.sgd:lr=0.01", "--steps", "50", "--csv", "p.csv"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("A diverged at step 7") && lines.contains("B diverged at step 7"), "\(r.stdout)")
        #expect(lines.contains("no difference beyond atol 1e-12 + rtol 1e-09 in 7 points"), "\(r.stdout)")
        #expect(!lines.contains { $0.hasPrefix("the gap opens") })
    }

    /// Without an output option the figure goes to output/<surface>-diff.png; with a data file on
    /// standard output the report goes to stderr.
    @Test func outputs() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["diff", "adam:lr=0.01", "textbook.adam:lr=0.01", "--surface", "beale", "--steps", "100"],
                                       in: folder.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("A: adam:lr=0.01\nB: textbook.adam:lr=0.01\nbeale from (1, 1.5), 100 steps\n"))
        #expect(r.stdout.hasSuffix("wrote output/beale-diff.png\n"))
        #expect(try folder.read("output/beale-diff.png").starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let piped = try TrajvizProcess.run(["diff", "adam:lr=0.01", "textbook.adam:lr=0.01", "--surface", "beale", "--steps", "5",
                                            "--csv", "-"], in: folder.url)
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("label,optimizer,step,x,y,loss,lr\n"))
        #expect(piped.stderr.hasPrefix("A: adam:lr=0.01\n"))
        // Without --steps each path takes the surface's suggested number, as the run command does.
        let saddle = try TrajvizProcess.run(["diff", "adam", "keras.adam", "--surface", "saddle", "--csv", "s.csv"], in: folder.url)
        #expect(saddle.status == 0, "\(saddle)")
        #expect(saddle.stdout.contains("\nsaddle from (-1, 0.001), 150 steps\n"), "\(saddle.stdout)")
        #expect(try PathCSV.read(String(decoding: try folder.read("s.csv"), as: UTF8.self)).map(\.count) == [151, 151])
    }

    @Test(arguments: [
        (["diff", "adam"], "trajviz: error: diff needs exactly two optimizer specs, got 1; e.g. trajviz diff adam:lr=0.01 textbook.adam:lr=0.01\n"),
        (["diff", "adam", "sgd", "rmsprop"], "trajviz: error: diff needs exactly two optimizer specs, got 3; e.g. trajviz diff adam:lr=0.01 textbook.adam:lr=0.01\n"),
        (["diff", "keras.all", "adam"], "trajviz: error: 'keras.all' stands for 9 optimizers; diff compares two single specs, e.g. adam:lr=0.01 textbook.adam:lr=0.01\n"),
        (["diff", "adam:lr=0.1", "adam:lr=0.1"], "trajviz: error: the two specs are the same ('adam:lr=0.1'); give two different specs, e.g. adam:lr=0.01 textbook.adam:lr=0.01\n"),
        (["diff", "adam", "sgd", "--rtol", "-1"], "trajviz: error: invalid --rtol -1; expected a non-negative number such as 1e-9\n"),
        (["diff", "adam", "keras.adma"], "trajviz: error: unknown optimizer 'keras.adma' (did you mean 'keras.adam'?); accepted: keras.all, keras.sgd, keras.rmsprop, keras.adagrad, keras.adadelta, keras.adam, keras.adamw, keras.adamax, keras.nadam, keras.lion\n"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(arguments, in: folder.url)
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == message)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("output").path))
    }

    private func formatted(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
}
