import Foundation
import Regression
import Testing

/// Surfaces from files, end to end: loaded by path and by name, first steps checked by hand,
/// Rosenbrock spelled out against the torch reference, and broken files refused cleanly.
@Suite struct SurfaceFileCommandTests {
    /// The repository's shipped surfaces folder.
    static let surfaces = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../surfaces").standardized

    static func folderWithSurfaces() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: surfaces, to: folder.url.appendingPathComponent("surfaces"))
        return folder
    }

    static func firstStep(_ argument: String, in folder: TemporaryFolder) throws -> [String: (Double, Double)] {
        let r = try TrajvizProcess.run(["--surface", argument, "--start=1,2", "--steps", "1", "--csv", "-",
                                        "--opt", "sgd:lr=0.01,momentum:lr=0.01,adagrad:lr=0.01,adam:lr=0.001"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        var steps: [String: (Double, Double)] = [:]
        for record in try PathCSV.read(r.stdout) {
            try #require(record.count == 2)
            #expect(record.xs[0] == 1 && record.ys[0] == 2)
            steps[record.optimizer] = (record.xs[1], record.ys[1])
        }
        return steps
    }

    @Test(arguments: ["surfaces/linear.toml", "linear"])
    func constantGradientFirstSteps(_ argument: String) throws {
        let folder = try Self.folderWithSurfaces()
        let s = try Self.firstStep(argument, in: folder)
        // SGD and momentum (first step: buffer = gradient): p - lr * g exactly as torch rounds it.
        #expect(s["sgd"]! == (1 - 0.01 * 0.1, 2 - 0.01 * -0.2))
        #expect(s["sgd"]!.0 == 0.999 && s["sgd"]!.1 == 2.002)
        #expect(s["momentum"]! == s["sgd"]!)
        // Adagrad: p - lr * g / (sqrt(g²) + 1e-10) = (0.99, 2.01) to the formula's rounding.
        let adagradX = 1 - 0.01 * 0.1 / ((0.1 * 0.1).squareRoot() + 1e-10)
        let adagradY = 2 - 0.01 * -0.2 / ((0.2 * 0.2).squareRoot() + 1e-10)
        #expect(abs(s["adagrad"]!.0 - adagradX) <= 1e-15 && abs(s["adagrad"]!.1 - adagradY) <= 1e-15)
        #expect(abs(s["adagrad"]!.0 - 0.99) < 1e-9 && abs(s["adagrad"]!.1 - 2.01) < 1e-9)
        // Adam's first step moves each coordinate by lr·sign(g) up to eps: (0.999, 2.001).
        #expect(abs(s["adam"]!.0 - 0.999) < 1e-9 && abs(s["adam"]!.1 - 2.001) < 1e-9)
    }

    @Test func rosenbrockFileFollowsTorchAdam() throws {
        let reference = try ReferencePathTests.fixture("torch-trajectories.json")
            .first { $0.surface == "rosenbrock" && $0.optimizer == "adam" }!
        let folder = try Self.folderWithSurfaces()
        let r = try TrajvizProcess.run(["--surface", "surfaces/rosenbrock-file.toml", "--opt", "adam:lr=0.05",
                                        "--start=-1.5,2", "--steps", "\(reference.steps)", "--csv", "-"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        let path = try #require(try PathCSV.read(r.stdout).first)
        #expect(path.count == reference.steps + 1)
        for k in 0..<path.count {
            #expect(abs(path.xs[k] - reference.xs[k]!) <= 1e-7 * max(1, abs(reference.xs[k]!)), "x at step \(k)")
            #expect(abs(path.ys[k] - reference.ys[k]!) <= 1e-7 * max(1, abs(reference.ys[k]!)), "y at step \(k)")
        }
    }

    struct BrokenFile: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var firstLine: String
        var testDescription: String { name }
    }

    static let broken: [BrokenFile] = [
        BrokenFile(name: "syntax", text: "name = \"s\"\nf = \"x^2 + * y\"\nx = [-1, 1]\ny = [-1, 1]\n",
                   firstLine: "trajviz: error: surfaces/syntax.toml:2:"),
        BrokenFile(name: "unknown-function", text: "name = \"u\"\nf = \"x^2 + sinn(y)\"\nx = [-1, 1]\ny = [-1, 1]\n",
                   firstLine: "trajviz: error: surfaces/unknown-function.toml:2:"),
        BrokenFile(name: "deep", text: "name = \"d\"\nf = \"" + String(repeating: "(", count: 100_000) + "x"
                   + String(repeating: ")", count: 100_000) + "\"\nx = [-1, 1]\ny = [-1, 1]\n",
                   firstLine: "trajviz: error: surfaces/deep.toml:2:"),
        BrokenFile(name: "deep-minus", text: "name = \"d\"\nf = \"" + String(repeating: "-", count: 100_000) + "x\"\nx = [-1, 1]\ny = [-1, 1]\n",
                   firstLine: "trajviz: error: surfaces/deep-minus.toml:2:"),
        BrokenFile(name: "missing-key", text: "name = \"m\"\nx = [-1, 1]\ny = [-1, 1]\n",
                   firstLine: "trajviz: error: surfaces/missing-key.toml"),
        BrokenFile(name: "toml", text: "name = \"t\nf = \"x\"\n",
                   firstLine: "trajviz: error: surfaces/toml.toml:1:"),
        BrokenFile(name: "binary", text: "\u{0}\u{1}\u{2}PNG\u{0}", firstLine: "trajviz: error: surfaces/binary.toml"),
    ]

    @Test(arguments: broken)
    func brokenFileIsRefused(_ file: BrokenFile) throws {
        let folder = try TemporaryFolder()
        try folder.write("surfaces/\(file.name).toml", file.text)
        for argument in [file.name, "surfaces/\(file.name).toml"] {
            let r = try TrajvizProcess.run(["--surface", argument, "--opt", "adam"], in: folder.url)
            #expect(r.status == 1, "\(r)")
            #expect(r.stderr.hasPrefix(file.firstLine), "\(r)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"), "\(r)")
            #expect(r.stdout.isEmpty)
            #expect(folder.listing() == ["surfaces", "surfaces/\(file.name).toml"])
        }
    }

    @Test func syntaxErrorShowsCaretUnderThePlace() throws {
        let folder = try TemporaryFolder()
        try folder.write("surfaces/bad.toml", "name = \"b\"\nf = \"x^2 + sinn(y)\"\nx = [-1, 1]\ny = [-1, 1]\n")
        let r = try TrajvizProcess.run(["--surface", "bad"], in: folder.url)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3, "\(r)")
        #expect(lines[0].contains("sinn"))
        #expect(lines[0].contains("sin"), "an unknown name lists the accepted ones")
        let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let nameColumn = lines[1].range(of: "sinn").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(caretColumn != nil && caretColumn == nameColumn, "\(r)")
    }

    @Test func listShowsFileSurfaces() throws {
        let folder = try Self.folderWithSurfaces()
        let r = try TrajvizProcess.run(["list", "surfaces"], in: folder.url)
        #expect(r.status == 0)
        #expect(r.stdout.contains("rosenbrock\n"))
        #expect(r.stdout.contains("Surface files in ./surfaces"))
        #expect(r.stdout.contains("  linear\n"))
        #expect(r.stdout.contains("0.1*x - 0.2*y"))
    }
}
