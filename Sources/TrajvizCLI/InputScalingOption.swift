import MNIST
import Numbers
import Optimizers
import Regression

/// `--normalize none|standard|mean=M,std=S`: how `trajviz mnist` turns pixels into inputs
/// (``InputScaling``). Without it, the CNN's inputs are standardized and the MLP's are not: the
/// CNN needs it to train well in a few epochs, and the MLP's curves stay those of its torch
/// fixtures and of every earlier run.
enum InputScalingOption {
    static let accepted = "accepted: none, standard, mean=M,std=S (numbers, S > 0, e.g. mean=0.1307,std=0.3081)"

    /// The scaling `text` names, or the model's default when it is nil.
    static func parse(_ text: String?, model: String) throws(CLIError) -> InputScaling {
        guard let text else { return model == "cnn" ? .standard : .none }
        switch text {
        case "none": return .none
        case "standard": return .standard
        default: break
        }
        guard text.hasPrefix("mean=") || text.hasPrefix("std=") else {
            throw .usage("invalid --normalize '\(text)'\(suggestion(for: text, among: ["none", "standard"])); \(accepted)")
        }
        var values: [String: Double] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, ["mean", "std"].contains(String(pair[0])), values[String(pair[0])] == nil else {
                throw .usage("invalid --normalize '\(text)'; \(accepted)")
            }
            guard case .success(let v) = DecimalNumber.parse(pair[1]), Float(v).isFinite else {
                throw .usage("invalid --normalize '\(text)': \(pair[0]) must be a finite number; \(accepted)")
            }
            values[String(pair[0])] = v
        }
        guard let mean = values["mean"], let std = values["std"] else {
            throw .usage("invalid --normalize '\(text)': give both mean= and std=; \(accepted)")
        }
        guard std > 0 else {
            throw .usage("invalid --normalize '\(text)': std must be greater than 0; \(accepted)")
        }
        // Inputs are 32-bit: a deviation below the smallest normal Float would divide by 0 or lose bits.
        guard Float(std) >= Float.leastNormalMagnitude else {
            throw .usage("invalid --normalize '\(text)': std is too small for 32-bit inputs; at least 1.2e-38")
        }
        return .given(PixelStatistics(mean: Float(mean), std: Float(std)))
    }

    /// What the manifest's setup records: "none", or the mean and deviation used and where they
    /// came from ("standard": the training images; "given": the command line).
    static func record(_ scaling: InputScaling, statistics: PixelStatistics?) -> JSONValue {
        guard let s = statistics, let from = scaling.source else { return .string("none") }
        return .object([("from", .string(from)), ("mean", .number(shortest(s.mean))), ("std", .number(shortest(s.std)))])
    }

    /// A Float as the shortest decimal that reads back as it (0.13111345, not 0.1311134546995163).
    static func shortest(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }
}
