import Foundation
import Testing

/// `trajviz mnist` end to end: the built binary on the bundled subset (small networks, one or two
/// epochs, so that the debug build stays quick), its CSV, figure and summary, and every refusal.
@Suite struct MNISTCommandTests {
    /// The bundled subset's folder beside the binary, to copy from when a test damages a file.
    static let bundledData = TrajvizProcess.executable.deletingLastPathComponent()
        .appendingPathComponent("trajviz_MNIST.resources/Data")

    static let names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    /// A data folder holding the bundled files, `name` replaced by `bytes` when given.
    static func dataFolder(in folder: TemporaryFolder, replacing name: String? = nil, with bytes: [UInt8] = []) throws -> String {
        let data = folder.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for n in names {
            let source = bundledData.appendingPathComponent(n + ".gz")
            if n == name {
                try Data(bytes).write(to: data.appendingPathComponent(n))
            } else {
                try FileManager.default.copyItem(at: source, to: data.appendingPathComponent(n + ".gz"))
            }
        }
        return data.path
    }

    static func bundled(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: bundledData.appendingPathComponent(name + ".gz")))
    }

    @Test func trainsWritesCSVFigureAndSummary() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["mnist", "--opt", "sgd,adam:lr=0.01,beta1=0.8", "--epochs", "2", "--batch", "400",
                                        "--hidden", "16", "--csv", "curves.csv", "--output", "fig.png"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        // Not a terminal: no progress bar, nothing on stderr.
        #expect(r.stderr.isEmpty, "\(r)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // The first column is as wide as the longest label (22 characters).
        #expect(lines.first == "optimizer" + String(repeating: " ", count: 22 - 9) + "  final loss  test accuracy  seconds", "\(r)")
        #expect(lines.count == 5 && lines[1].hasPrefix("sgd ") && lines[2].hasPrefix("adam:lr=0.01,beta1=0.8 "), "\(r)")
        #expect(lines[3] == "wrote fig.png" && lines[4] == "wrote curves.csv", "\(r)")
        #expect(folder.listing() == ["curves.csv", "fig.png"])
        let png = try folder.read("fig.png")
        #expect(png.starts(with: [0x89, 0x50, 0x4e, 0x47]))

        let csv = String(decoding: try folder.read("curves.csv"), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(csv[0] == "label,optimizer,epoch,iteration,train_loss,train_accuracy,test_accuracy,lr")
        // 4,000 records in batches of 400: 10 iterations per epoch, 20 per optimizer.
        #expect(csv.count == 1 + 2 * 20)
        let rows = csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == [rows[0][0], "sgd", "1", "1", rows[0][4], rows[0][5], "", "0.001"] && rows[0][0] == "sgd")
        #expect(rows[20][0] == "\"adam:lr=0.01", "a label with a comma is quoted")
        for (k, row) in rows.prefix(20).enumerated() {
            let iteration = k + 1
            #expect(row.count == 8 && row[2] == (iteration <= 10 ? "1" : "2") && row[3] == "\(iteration)" && row[7] == "0.001")
            #expect(Float(row[4]).map { $0.isFinite && $0 > 0 } == true)
            // The training batch's accuracy at every iteration: a whole number of the 400 records right.
            let batch = try #require(Double(row[5]), "\(row)")
            #expect((0...1).contains(batch) && (batch * 400).rounded() == batch * 400, "\(row)")
            // Accuracy where measured: the end of each epoch.
            if iteration % 10 == 0 {
                #expect(Double(row[6]).map { (0...1).contains($0) } == true, "\(row)")
            } else {
                #expect(row[6].isEmpty, "\(row)")
            }
        }
    }

    @Test func defaultFigureAndEvalEvery() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["mnist", "--opt", "adam", "--epochs", "1", "--batch", "500", "--hidden", "8",
                                        "--activation", "tanh", "--eval-every", "3", "--csv", "-", "--output", "output/mnist.svg"],
                                       in: folder.url)
        // --output names a folder that does not exist: refused, nothing written.
        #expect(r.status == 1 && folder.listing().isEmpty, "\(r)")

        let ok = try TrajvizProcess.run(["mnist", "--opt", "adam", "--epochs", "1", "--batch", "500", "--hidden", "8",
                                         "--activation", "tanh", "--eval-every", "3"], in: folder.url)
        #expect(ok.status == 0, "\(ok)")
        #expect(folder.listing() == ["output", "output/mnist.png"])

        let csv = try TrajvizProcess.run(["mnist", "--opt", "adam", "--epochs", "1", "--batch", "500", "--hidden", "8",
                                          "--eval-every", "3", "--csv", "-"], in: folder.url)
        #expect(csv.status == 0, "\(csv)")
        // CSV on stdout, the summary on stderr; accuracy at iterations 3, 6 and 8 (the epoch's end).
        let rows = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 8)
        #expect(rows.filter { !$0[6].isEmpty }.map { String($0[3]) } == ["3", "6", "8"])
        #expect(csv.stderr.hasPrefix("optimizer "), "\(csv)")
    }

    @Test func readsADataFolder() throws {
        let folder = try TemporaryFolder()
        let data = try Self.dataFolder(in: folder)
        let r = try TrajvizProcess.run(["mnist", "--opt", "sgd", "--epochs", "1", "--batch", "1000", "--hidden", "4",
                                        "--data", data, "--csv", "c.csv"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("sgd "))
    }

    /// `--verbose` names the BLAS and the kernel set; OPENBLAS_CORETYPE set by the user wins.
    @Test func verboseNamesTheKernelSet() throws {
        let arguments = ["mnist", "--opt", "sgd", "--epochs", "1", "--batch", "1000", "--hidden", "4", "--csv", "c.csv", "--verbose"]
        let chosen = try TrajvizProcess.run(arguments)
        #expect(chosen.status == 0, "\(chosen)")
        #expect(chosen.stderr.hasPrefix("BLAS: OpenBLAS ") && chosen.stderr.contains(" kernels ("), "\(chosen)")
        let forced = try TrajvizProcess.run(arguments, environment: ["OPENBLAS_CORETYPE": "Sandybridge"])
        #expect(forced.status == 0, "\(forced)")
        #expect(forced.stderr.contains(", Sandybridge kernels (set by OPENBLAS_CORETYPE), 1 thread\n"), "\(forced)")
        let threads = try TrajvizProcess.run(arguments, environment: ["OPENBLAS_NUM_THREADS": "2"])
        #expect(threads.status == 0 && threads.stderr.hasSuffix("), 2 threads\n"), "the user's thread count is kept: \(threads)")
        // Without --verbose, nothing on stderr.
        let quiet = try TrajvizProcess.run(Array(arguments.dropLast()))
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet)")
    }

    /// A binary copied without its resource bundles reports the missing subset; it does not trap
    /// (SwiftPM's generated `Bundle.module` would call fatalError here).
    @Test func missingBundledDataIsAnErrorNotACrash() throws {
        let folder = try TemporaryFolder()
        let copy = folder.url.appendingPathComponent("trajviz")
        try FileManager.default.copyItem(at: TrajvizProcess.executable, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["mnist", "--opt", "sgd", "--epochs", "1", "--csv", "out.csv"]
        process.currentDirectoryURL = folder.url
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(message)")
        #expect(message.hasPrefix("trajviz: error: the bundled MNIST subset (trajviz_MNIST.resources) is missing; looked in "), "\(message)")
        #expect(message.hasSuffix("; reinstall trajviz or pass --data DIR\n"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.csv")))
    }

    /// The CNN's inputs are standardized by default and the MLP's are not; the manifest says
    /// which, and --normalize changes what is trained on.
    @Test func inputScalingDefaultsByModelAndIsRecorded() throws {
        let folder = try TemporaryFolder()
        func setup(_ arguments: [String], _ name: String) throws -> [String: Any] {
            let r = try TrajvizProcess.run(["mnist", "--opt", "adam", "--iterations", "2", "--batch", "20", "--csv", name + ".csv",
                                            "--json", name + ".json"] + arguments, in: folder.url)
            #expect(r.status == 0, "\(r)")
            let manifest = try JSONSerialization.jsonObject(with: Data(try folder.read(name + ".json"))) as? [String: Any]
            return try #require(manifest?["setup"] as? [String: Any])
        }
        func csv(_ name: String) throws -> String { String(decoding: try folder.read(name + ".csv"), as: UTF8.self) }
        #expect(try setup(["--hidden", "8"], "mlp")["normalize"] as? String == "none")
        _ = try setup(["--hidden", "8", "--normalize", "none"], "mlp-none")
        #expect(try csv("mlp") == (try csv("mlp-none")), "the MLP's default is none")
        let standard = try setup(["--hidden", "8", "--normalize", "standard"], "mlp-standard")
        let s = try #require(standard["normalize"] as? [String: Any])
        #expect(s["from"] as? String == "standard" && s["mean"] as? Double == 0.13111345 && s["std"] as? Double == 0.30831364)
        #expect(try csv("mlp") != (try csv("mlp-standard")), "standardized inputs train differently")
        let cnn = try #require(try setup(["--model", "cnn"], "cnn")["normalize"] as? [String: Any])
        #expect(cnn["from"] as? String == "standard" && cnn["mean"] as? Double == 0.13111345)
        let given = try #require(try setup(["--hidden", "8", "--normalize", "mean=0.5,std=0.25"], "given")["normalize"] as? [String: Any])
        #expect(given["from"] as? String == "given" && given["mean"] as? Double == 0.5 && given["std"] as? Double == 0.25)
    }

    /// Training images of one flat colour have no deviation to divide by: refused, nothing written.
    @Test func flatTrainingImagesCannotBeStandardized() throws {
        let folder = try TemporaryFolder()
        var idx: [UInt8] = [0, 0, 8, 3, 0, 0, 0x0F, 0xA0, 0, 0, 0, 28, 0, 0, 0, 28]  // 4,000 images of 28 × 28
        idx += [UInt8](repeating: 0, count: 4000 * 784)
        let data = try Self.dataFolder(in: folder, replacing: "train-images-idx3-ubyte", with: idx)
        let before = folder.listing()
        let r = try TrajvizProcess.run(["mnist", "--model", "cnn", "--opt", "adam", "--iterations", "1", "--data", data, "--csv", "out.csv"],
                                       in: folder.url)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr == "trajviz: error: --normalize standard cannot scale the training images: every pixel has the value 0.0 (std 0); use --normalize none or mean=M,std=S\n", "\(r)")
        #expect(folder.listing() == before)
        // The same data trains with the inputs as they are.
        let none = try TrajvizProcess.run(["mnist", "--model", "cnn", "--normalize", "none", "--opt", "adam", "--iterations", "1",
                                           "--batch", "10", "--data", data, "--csv", "out.csv"], in: folder.url)
        #expect(none.status == 0, "\(none)")
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// Replaces one data file with bytes made by `damage` from the bundled one; nil: no --data.
        var damaged: String?
        var damage: @Sendable ([UInt8]) -> [UInt8] = { $0 }
        var status: Int32
        /// The first stderr line; `DATA` stands for the data folder's path, a trailing … for "any rest".
        var message: String
        var testDescription: String { (arguments + (damaged.map { ["(\($0) damaged)"] } ?? [])).joined(separator: " ") }
    }

    /// What every --normalize refusal but the too-small deviation ends with (written out here, not
    /// read from the command, so that a change to it fails this table).
    static let normalizeAccepted = "accepted: none, standard, mean=M,std=S (numbers, S > 0, e.g. mean=0.1307,std=0.3081)"

    static let refusals: [Refusal] = [
        Refusal(arguments: ["--batch", "0"], status: 2, message: "trajviz: error: invalid --batch 0; expected a whole number from 1 to 1000000"),
        Refusal(arguments: ["--hidden", "0"], status: 2,
                message: "trajviz: error: invalid --hidden '0'; expected widths from 1 to 100000 separated by commas, e.g. 128 or 40,20"),
        Refusal(arguments: ["--hidden", "40,,20"], status: 2, message: "trajviz: error: invalid --hidden '40,,20'; …"),
        Refusal(arguments: ["--hidden", "100000,100000"], status: 2,
                message: "trajviz: error: invalid --hidden 100000,100000: the network would have 10079600010 parameters; at most 10000000"),
        Refusal(arguments: ["--hidden", "1,1,1,1,1,1,1,1,1"], status: 2,
                message: "trajviz: error: invalid --hidden: 9 hidden layers; at most 8"),
        Refusal(arguments: ["--batch", "1000000", "--hidden", "1000"], status: 2,
                message: "trajviz: error: invalid --batch 1000000 with --hidden 1000: 1010000000 activations per iteration; at most 20000000 (use a smaller batch or narrower layers)"),
        Refusal(arguments: ["--activation", "gelu"], status: 2,
                message: "trajviz: error: invalid --activation: unknown activation 'gelu'; accepted: relu, sigmoid, tanh"),
        Refusal(arguments: ["--epochs", "0"], status: 2, message: "trajviz: error: invalid --epochs 0; expected a whole number from 1 to 10000"),
        Refusal(arguments: ["--normalize", "standrd"], status: 2,
                message: "trajviz: error: invalid --normalize 'standrd' (did you mean 'standard'?); \(normalizeAccepted)"),
        Refusal(arguments: ["--normalize", "zscore"], status: 2, message: "trajviz: error: invalid --normalize 'zscore'…"),
        Refusal(arguments: ["--normalize", "mean=0.1,std=0"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=0.1,std=0': std must be greater than 0; \(normalizeAccepted)"),
        Refusal(arguments: ["--normalize", "mean=0.1,std=-1"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=0.1,std=-1': std must be greater than 0; \(normalizeAccepted)"),
        Refusal(arguments: ["--normalize", "mean=0,std=1e-50"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=0,std=1e-50': std is too small for 32-bit inputs; at least 1.2e-38"),
        Refusal(arguments: ["--normalize", "mean=nan,std=1"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=nan,std=1': mean must be a finite number; \(normalizeAccepted)"),
        Refusal(arguments: ["--normalize", "mean=1e39,std=1"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=1e39,std=1': mean must be a finite number; \(normalizeAccepted)"),
        Refusal(arguments: ["--normalize", "mean=1"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=1': give both mean= and std=; \(normalizeAccepted)"),
        Refusal(arguments: ["--normalize", "mean=1,std=2,std=3"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=1,std=2,std=3'; \(normalizeAccepted)"),
        Refusal(arguments: ["--normalize", "mean=1,sd=2"], status: 2,
                message: "trajviz: error: invalid --normalize 'mean=1,sd=2'; \(normalizeAccepted)"),
        Refusal(arguments: ["--eval-every", "0"], status: 2,
                message: "trajviz: error: invalid --eval-every 0; expected a positive number of iterations, e.g. --eval-every 10"),
        Refusal(arguments: ["--opt", "adamm"], status: 2, message: "trajviz: error: unknown optimizer 'adamm' (did you mean 'adam'?); …"),
        Refusal(arguments: ["--lr", "fast"], status: 2, message: "trajviz: error: invalid --lr 'fast'; expected a number, e.g. --lr 0.01"),
        Refusal(arguments: ["--output", "fig.jpg"], status: 2,
                message: "trajviz: error: unsupported figure format 'fig.jpg'; accepted extensions: .png, .svg, .pdf, .gif, .webp"),
        Refusal(arguments: ["--data", "no-such-folder"], status: 1,
                message: "trajviz: error: MNIST folder 'no-such-folder' does not exist or is not a directory"),
        Refusal(arguments: [], damaged: "t10k-labels-idx1-ubyte", damage: { _ in [] }, status: 1,
                message: "trajviz: error: 'DATA/t10k-labels-idx1-ubyte' is truncated: 0 bytes where at least 8 are needed"),
        Refusal(arguments: [], damaged: "train-images-idx3-ubyte", damage: { Array($0.prefix($0.count / 3)) }, status: 1,
                message: "trajviz: error: 'DATA/train-images-idx3-ubyte' is truncated: its gzip stream ends before the end of the data"),
        Refusal(arguments: [], damaged: "train-images-idx3-ubyte", damage: { b in
                    var b = b; for i in (b.count / 2)..<(b.count / 2 + 64) { b[i] ^= 0x5a }; return b }, status: 1,
                message: "trajviz: error: 'DATA/train-images-idx3-ubyte' is not a valid gzip file: …"),
        // A labels file where the images belong.
        Refusal(arguments: [], damaged: "t10k-images-idx3-ubyte", damage: { _ in [0, 0, 8, 1, 0, 0, 0, 1, 3] }, status: 1,
                message: "trajviz: error: 'DATA/t10k-images-idx3-ubyte' has magic number 0x00000801, expected 0x00000803 (IDX images)"),
        Refusal(arguments: [], damaged: "t10k-labels-idx1-ubyte", damage: { _ in [0, 0, 8, 1, 0, 0, 0, 2, 3, 4] }, status: 1,
                message: "trajviz: error: 'DATA/t10k-images-idx3-ubyte.gz' holds 1000 images but 'DATA/t10k-labels-idx1-ubyte' holds 2 labels"),
    ]

    @Test(arguments: refusals)
    func refusedCleanly(_ c: Refusal) throws {
        let folder = try TemporaryFolder()
        var arguments = ["mnist", "--opt", "sgd", "--epochs", "1", "--hidden", "4", "--csv", "out.csv"] + c.arguments
        var data = ""
        if let name = c.damaged {
            data = try Self.dataFolder(in: folder, replacing: name, with: c.damage(try Self.bundled(name)))
            arguments += ["--data", data]
        }
        let before = folder.listing()
        let r = try TrajvizProcess.run(arguments, in: folder.url)
        #expect(r.status == c.status, "\(r)")
        let first = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let expected = c.message.replacingOccurrences(of: "DATA", with: data)
        if expected.hasSuffix("…") {
            #expect(first.hasPrefix(String(expected.dropLast())), "\(r)")
        } else {
            #expect(first == expected, "\(r)")
        }
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(!r.stderr.contains("Fatal error"), "\(r)")
        #expect(folder.listing() == before, "no file left behind")
    }
}
