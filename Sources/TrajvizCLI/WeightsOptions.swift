import ArgumentParser
import Foundation
import Models
import SafeTensors

/// `--init-from FILE.safetensors` and `--save-weights FILE.safetensors`, shared by `mnist` and
/// `linear`: a model's start from a file under torch's `state_dict()` names, and the final weights
/// of every run written the same way.
struct WeightsOptions: ParsableArguments {
    @Option(name: .customLong("init-from"), help: ArgumentHelp("Start every run from these weights (torch's state_dict names and shapes, F32), e.g. from safetensors.torch.save_file(model.state_dict(), FILE).", valueName: "FILE.safetensors"))
    var initFrom: String?

    @Option(name: .customLong("save-weights"), help: ArgumentHelp("Write each run's final weights, under torch's state_dict names; with several runs one file each: FILE-1-sgd.safetensors, FILE-2-adam.safetensors, ... (run number and optimizer).", valueName: "FILE.safetensors"))
    var saveWeights: String?

    /// The largest weights file read: far above any model trajviz trains (at most 10 million parameters, 40 MB).
    static let maxFileBytes = 1 << 30

    /// Where each of `runs` runs' weights go (checked like every output, before any work).
    func outputs(runs: [(label: String, optimizer: String)]) throws(CLIError) -> [OutputFile] {
        guard let path = saveWeights else { return [] }
        if runs.count == 1 { return [OutputFile(path: path, option: "--save-weights")] }
        guard path != "-" else {
            throw .usage("--save-weights - writes one run's weights to standard output; this command has \(runs.count) runs: name a file")
        }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        let stem = ext.isEmpty ? path : String(path.dropLast(ext.count))
        return runs.enumerated().map { k, run in
            OutputFile(path: "\(stem)-\(k + 1)-\(run.optimizer)\(ext)", option: "--save-weights")
        }
    }

    /// The file --init-from reads, which no output may replace.
    func inputs() -> [InputFile] {
        initFrom.map { [InputFile(path: $0, role: "the --init-from file")] } ?? []
    }

    /// The parameters of `model` from --init-from, or nil without it.
    func initialParameters(for model: Model) throws(CLIError) -> [Float]? {
        guard let path = initFrom else { return nil }
        let bytes: [UInt8]
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                throw CLIError.failure("cannot read --init-from '\(path)': it is a folder; name a .safetensors file")
            }
            if let size = attributes[.size] as? Int, size > Self.maxFileBytes {
                throw CLIError.failure("cannot read --init-from '\(path)': \(size) bytes is larger than any model trajviz trains (at most \(Self.maxFileBytes))")
            }
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as CLIError {
            throw error
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .failure("cannot read --init-from '\(path)': \(exists ? "permission denied or unreadable" : "no such file")")
        }
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(bytes: bytes) } catch {
            throw .failure("cannot read --init-from '\(path)': \(error.description)")
        }
        do { return try model.parameters(from: file) } catch {
            throw .failure("--init-from '\(path)' does not fit \(model.summary): \(error.description)")
        }
    }

    /// The bytes of each run's file.
    static func contents(model: Model, results: [TrainingResult], iterations: Int?) -> [[UInt8]] {
        results.map { r in
            var metadata = ["trajviz.label": r.label, "trajviz.optimizer": r.optimizer, "trajviz.model": model.summary,
                            "trajviz.iterations": String(r.losses.count)]
            if let d = r.divergedAt { metadata["trajviz.diverged_at"] = String(d) }
            return model.safetensors(r.finalParameters, metadata: metadata)
        }
    }
}
