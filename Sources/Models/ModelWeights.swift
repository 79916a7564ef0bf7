import SafeTensors

/// A model's parameters in and out of safetensors files, under torch's `state_dict()` names
/// (``Model/tensors``): what `torch.save`-free torch code writes with
/// `safetensors.torch.save_file(model.state_dict(), path)` and reads with `model.load_state_dict(load_file(path))`.
extension Model {
    /// The flat parameter buffer from a file that holds exactly this model's tensors, F32, with
    /// their shapes.
    ///
    /// - Throws: ``WeightsMismatch`` naming the first tensor (in the model's order) that is missing,
    ///   has another shape or dtype, then the first tensor of the file that the model lacks.
    public func parameters(from file: SafeTensorsFile) throws(WeightsMismatch) -> [Float] {
        var p = [Float](repeating: 0, count: parameterCount)
        for t in tensors {
            guard let found = file.tensor(t.name) else {
                let names = file.tensors.map { "'\($0.name)'" }
                throw WeightsMismatch(message: "no tensor '\(t.name)' (\(t.shapeDescription), the model's \(ordinal(t))); the file holds "
                                      + (names.isEmpty ? "no tensors" : names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", ..." : "")))
            }
            guard found.shape == t.shape else {
                throw WeightsMismatch(message: "tensor '\(t.name)' has shape \(found.shapeDescription); the model needs \(t.shapeDescription)")
            }
            let values: [Float]
            do { values = try file.floats(t.name) } catch { throw WeightsMismatch(message: error.description) }
            p.replaceSubrange(t.range, with: values)
        }
        let known = Set(tensors.map(\.name))
        if let extra = file.tensors.first(where: { !known.contains($0.name) }) {
            throw WeightsMismatch(message: "tensor '\(extra.name)' is not a parameter of the model; its tensors are "
                                  + tensors.map { "'\($0.name)'" }.joined(separator: ", "))
        }
        return p
    }

    /// A safetensors file of `parameters` under the model's tensor names, in buffer order.
    public func safetensors(_ parameters: [Float], metadata: [String: String] = [:]) -> [UInt8] {
        precondition(parameters.count == parameterCount, "parameters of another model")
        return SafeTensorsFile.encode(tensors.map { ($0.name, $0.shape, Array(parameters[$0.range])) },
                                      metadata: metadata.merging(["format": "pt"]) { a, _ in a })
    }

    private func ordinal(_ t: ParameterTensor) -> String {
        let k = tensors.firstIndex(of: t)! + 1
        let suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : [1: "st", 2: "nd", 3: "rd"][k % 10] ?? "th"
        return "\(k)\(suffix) of \(tensors.count)"
    }
}

/// A weights file that does not fit the model: the first mismatch, in one line.
public struct WeightsMismatch: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
