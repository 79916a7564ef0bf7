import Foundation
import MNIST
import Optimizers
import SafeTensors
import Testing
@testable import Models

func fixtureBytes(_ name: String, _ ext: String) throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: ext) else { throw CocoaError(.fileNoSuchFile) }
    return Array(try Data(contentsOf: url))
}

/// From torch's own start (its `state_dict()` written by the safetensors library) and the same batches,
/// trajviz's Adam run follows torch's 30 losses (Tests/ModelsTests/Fixtures/mlp-start.safetensors and
/// mlp-curve.json, scripts/models/gen_fixtures.py).
@Test func fromTorchsWeightsTheCurveIsTorchs() throws {
    struct Curve: Decodable { var spec: String; var batch: Int; var seed: UInt64; var losses: [Double] }
    let curve = try JSONDecoder().decode(Curve.self, from: Data(try fixtureBytes("mlp-curve", "json")))
    let model = try Model.mlp(inputs: 784, hidden: [8], outputs: 10, activation: .relu)
    let start = try model.parameters(from: SafeTensorsFile(bytes: try fixtureBytes("mlp-start", "safetensors")))
    let data = try MNISTDataset.bundled().train
    let train = LabeledData(features: data.features, inputs: data.images, labels: data.labels)
    let spec = try #require(try OptimizerSpec.parseList(curve.spec).first)
    let r = try Models.train(try spec.kind.make(spec.overrides), label: curve.spec, name: spec.name, model: model,
                             loss: SoftmaxCrossEntropy(), train: train,
                             config: TrainingConfig(length: .iterations(curve.losses.count), batchSize: curve.batch, seed: curve.seed),
                             initialParameters: start)
    #expect(r.losses.count == curve.losses.count)
    for (k, (ours, torch)) in zip(r.losses, curve.losses).enumerated() {
        #expect(abs(Double(ours) - torch) <= 1e-5 * abs(torch), "iteration \(k + 1): \(ours) vs torch \(torch)")
    }
}

/// Written weights read back to the same buffer, under torch's names and shapes; a file from another
/// model names its first mismatch in one line.
@Test func weightsRoundTripAndMismatchesAreNamed() throws {
    let mlp = try Model.mlp(inputs: 784, hidden: [8], outputs: 10, activation: .relu)
    let p = mlp.initialParameters(seed: 5)
    let file = try SafeTensorsFile(bytes: mlp.safetensors(p, metadata: ["trajviz.label": "adam"]))
    #expect(file.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    #expect(file.tensors.map(\.shape) == [[8, 784], [8], [10, 8], [10]])
    #expect(file.metadata["trajviz.label"] == "adam" && file.metadata["format"] == "pt")
    #expect(try mlp.parameters(from: file) == p)

    let wider = try Model.mlp(inputs: 784, hidden: [16], outputs: 10, activation: .relu)
    #expect(throws: WeightsMismatch(message: "tensor '0.weight' has shape [8, 784]; the model needs [16, 784]")) {
        try wider.parameters(from: file)
    }
    let cnn = Model.cnn()
    #expect(throws: WeightsMismatch(message: "tensor '0.weight' has shape [8, 784]; the model needs [32, 1, 3, 3]")) {
        try cnn.parameters(from: file)
    }
    let deeper = try Model.mlp(inputs: 784, hidden: [8, 10], outputs: 10, activation: .relu)
    #expect(throws: WeightsMismatch(message: "no tensor '4.weight' ([10, 10], the model's 5th of 6); the file holds '0.weight', '0.bias', '2.weight', '2.bias'")) {
        try deeper.parameters(from: file)
    }
    let linear = Model.linear(inputs: 784, outputs: 8)
    #expect(throws: WeightsMismatch(message: "no tensor 'weight' ([8, 784], the model's 1st of 1); the file holds '0.weight', '0.bias', '2.weight', '2.bias'")) {
        try linear.parameters(from: file)
    }
    let shallow = try SafeTensorsFile(bytes: SafeTensorsFile.encode(
        mlp.tensors.map { ($0.name, $0.shape, Array(p[$0.range])) } + [("4.weight", [10, 10], [Float](repeating: 0, count: 100))], metadata: [:]))
    #expect(throws: WeightsMismatch(message: "tensor '4.weight' is not a parameter of the model; its tensors are '0.weight', '0.bias', '2.weight', '2.bias'")) {
        try mlp.parameters(from: shallow)
    }
}
