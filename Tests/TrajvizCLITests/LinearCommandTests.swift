import Foundation
import SafeTensors
import Testing

/// `trajviz linear` end to end: the seeds' linear experiment, its summary, CSV and figure, weights in
/// and out, and every refusal.
@Suite struct LinearCommandTests {
    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func defaultsRunTheFourOptimizersAndWriteCSVAndFigure() throws {
        let folder = try TemporaryFolder()
        let figure = try TrajvizProcess.run(["linear", "--loss", "l1"], in: folder.url)
        #expect(figure.status == 0 && figure.stderr.isEmpty, "\(figure)")
        let lines = figure.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "optimizer    start loss   loss after 40", "\(figure)")
        #expect(lines.dropFirst().prefix(4).map { String($0.prefix(9)) } == ["sgd      ", "momentum ", "adam     ", "rmsprop  "], "\(figure)")
        #expect(lines.count == 6 && lines.last == "wrote output/linear-l1.png", "\(figure)")
        #expect(folder.listing() == ["output", "output/linear-l1.png"])
        #expect(try folder.read("output/linear-l1.png").starts(with: [0x89, 0x50, 0x4e, 0x47]))

        // With only --csv no figure is drawn, as in trajviz mnist.
        let r = try TrajvizProcess.run(["linear", "--loss", "l1", "--csv", "l1.csv"], in: folder.url)
        #expect(r.status == 0 && r.stdout.hasSuffix("\nwrote l1.csv\n"), "\(r)")
        #expect(folder.listing() == ["l1.csv", "output", "output/linear-l1.png"])
        let csv = String(decoding: try folder.read("l1.csv"), as: UTF8.self)
        #expect(csv.hasPrefix("label,optimizer,step,loss\n"))
        let rows = Self.rows(csv)
        #expect(rows.count == 4 * 41)
        #expect(rows.map { $0[1] } == ["sgd", "momentum", "adam", "rmsprop"].flatMap { Array(repeating: $0, count: 41) })
        #expect(rows.prefix(41).map { $0[2] } == (0...40).map(String.init))
        // Every run starts from the same weights; under L1 none gets near 0 in 40 steps.
        #expect(Set(rows.filter { $0[2] == "0" }.map { $0[3] }).count == 1)
        #expect(rows.filter { $0[2] == "40" }.allSatisfy { Double($0[3])! > 1e-3 })
    }

    @Test func mseReachesZeroAndTheSameCommandGivesTheSameBytes() throws {
        let folder = try TemporaryFolder()
        let args = ["linear", "--loss", "mse", "--seed", "2", "--output", "f.svg", "--csv", "-"]
        let a = try TrajvizProcess.run(args, in: folder.url)
        let svg = try folder.read("f.svg")
        let b = try TrajvizProcess.run(args, in: folder.url)
        #expect(a.status == 0 && b.status == 0, "\(a)")
        let again = try folder.read("f.svg")
        #expect(a.stdoutBytes == b.stdoutBytes && svg == again)
        let last = Self.rows(a.stdout).filter { $0[2] == "40" }.map { Double($0[3])! }
        #expect(last.count == 4 && last.contains { $0 < 1e-6 }, "\(last)")
    }

    /// Specs without hyperparameters take the experiment's settings (legend and CSV label show them
    /// as given); --lr fills the rate of every spec that sets none; other names keep torch's defaults.
    @Test func bareNamesTakeTheExperimentsSettings() throws {
        let same = try TrajvizProcess.run(["linear", "--opt", "adam", "--opt", "adam:lr=0.1,beta2=0.99,eps=1e-9", "--steps", "5", "--csv", "-"])
        #expect(same.status == 0, "\(same)")
        let rows = Self.rows(same.stdout)
        #expect(rows.count == 12)
        #expect(rows.prefix(6).map { $0.last! } == rows.suffix(6).map { $0.last! }, "bare adam is adam:lr=0.1,beta2=0.99,eps=1e-9")
        let plain = try TrajvizProcess.run(["linear", "--opt", "adam:beta1=0.9", "--steps", "5", "--csv", "-"])
        #expect(Self.rows(plain.stdout).map { $0.last! } != rows.prefix(6).map { $0.last! }, "a spec with hyperparameters is torch's call")
    }

    /// --save-weights writes each run's final weights under torch's name; --init-from starts there: the
    /// second run's start loss is the first run's last.
    @Test func savedWeightsStartTheNextRun() throws {
        let folder = try TemporaryFolder()
        let first = try TrajvizProcess.run(["linear", "--opt", "sgd", "--steps", "10", "--save-weights", "w.safetensors", "--csv", "a.csv",
                                            "--output", "a.png"], in: folder.url)
        #expect(first.status == 0, "\(first)")
        let file = try SafeTensorsFile(bytes: Array(try folder.read("w.safetensors")))
        #expect(file.tensors.map(\.name) == ["weight"] && file.tensors[0].shape == [20, 20])
        #expect(file.metadata["trajviz.optimizer"] == "sgd" && file.metadata["trajviz.iterations"] == "10")
        let second = try TrajvizProcess.run(["linear", "--opt", "sgd", "--steps", "10", "--init-from", "w.safetensors", "--csv", "-"], in: folder.url)
        #expect(second.status == 0, "\(second)")
        let a = Self.rows(String(decoding: try folder.read("a.csv"), as: UTF8.self)), b = Self.rows(second.stdout)
        #expect(b[0][3] == a[10][3], "start \(b[0][3]) vs end \(a[10][3])")

        let several = try TrajvizProcess.run(["linear", "--steps", "2", "--save-weights", "runs.safetensors", "--csv", "-"], in: folder.url)
        #expect(several.status == 0, "\(several)")
        #expect(folder.listing().filter { $0.hasPrefix("runs-") }
                == ["runs-1-sgd.safetensors", "runs-2-momentum.safetensors", "runs-3-adam.safetensors", "runs-4-rmsprop.safetensors"])
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let mlpStart = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ModelsTests/Fixtures/mlp-start.safetensors").standardized.path

    static let refusals: [Refusal] = [
        Refusal(arguments: ["--loss", "l2"], status: 2, message: "trajviz: error: invalid --loss 'l2' (did you mean 'l1'?); accepted: mse, l1"),
        Refusal(arguments: ["--steps", "0"], status: 2, message: "trajviz: error: invalid --steps 0; expected a whole number from 1 to 1000000"),
        Refusal(arguments: ["--opt", "adamm"], status: 2, message: "trajviz: error: unknown optimizer 'adamm' (did you mean 'adam'?); accepted: all, sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, amsgrad, adamw, adamax, nadam, radam, rprop, adabound, amsbound, lion, yogi, adabelief"),
        Refusal(arguments: ["--lr", "fast"], status: 2, message: "trajviz: error: invalid --lr 'fast'; expected a number, e.g. --lr 0.1"),
        Refusal(arguments: ["--output", "f.jpg"], status: 2, message: "trajviz: error: unsupported figure format 'f.jpg'; accepted extensions: .png, .svg, .pdf, .gif, .webp"),
        Refusal(arguments: ["--output", "f.gif"], status: 2, message: "trajviz: error: trajviz linear draws a still figure, not paths to animate; name a .png, .svg or .pdf --output"),
        Refusal(arguments: ["--save-weights", "-"], status: 2,
                message: "trajviz: error: --save-weights - writes one run's weights to standard output; this command has 4 runs: name a file"),
        Refusal(arguments: ["--init-from", "none.safetensors"], status: 1, message: "trajviz: error: cannot read --init-from 'none.safetensors': no such file"),
        Refusal(arguments: ["--init-from", mlpStart], status: 1,
                message: "trajviz: error: --init-from '\(mlpStart)' does not fit Linear(20, 20, bias=False): no tensor 'weight' ([20, 20], the model's 1st of 1); the file holds '0.bias', '0.weight', '2.bias', '2.weight'"),
    ]

    @Test(arguments: refusals)
    func refusedCleanly(_ c: Refusal) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["linear", "--csv", "out.csv"] + c.arguments, in: folder.url)
        #expect(r.status == c.status, "\(r)")
        #expect(r.stderr == c.message + "\n", "\(r)")
        #expect(folder.listing().isEmpty, "nothing written")
    }
}
