import Foundation
import MNIST
@testable import MLP

/// Tests/MLPTests/Fixtures/mlp-torch.json, written by scripts/mnist/gen_fixtures.py with torch (float32).
struct TorchFixture: Decodable {
    struct Sample: Decodable { var indices: [Int]; var values: [Float] }
    struct Step: Decodable { var spec: String; var values: [Float] }
    struct Steps: Decodable { var count: Int; var indices: [Int]; var optimizers: [Step] }
    struct Case: Decodable {
        var name: String
        var hidden: [Int]
        var activation: String
        var seed: UInt64
        var parameterCount: Int
        var initialSample: Sample
        var loss: Float
        var gradient: [Float]
        var steps: Steps?
    }
    var batch: [Int]
    var labels: [UInt8]
    var cases: [Case]

    static func load() throws -> TorchFixture {
        guard let url = Bundle.module.url(forResource: "Fixtures/mlp-torch", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(TorchFixture.self, from: Data(contentsOf: url))
    }

    /// The fixture's batch, read through the MNIST target from the bundled subset.
    func batchInputs() throws -> (inputs: [Float], labels: [UInt8]) {
        let train = try MNISTDataset.bundled().train
        var x: [Float] = []
        for i in batch { x += train.images[i * train.features ..< (i + 1) * train.features] }
        return (x, batch.map { train.labels[$0] })
    }
}

extension TorchFixture.Case {
    func network() throws -> Network {
        try Network(inputs: 784, hidden: hidden, outputs: 10, activation: Activation(parsing: activation))
    }
}

/// |a − b| ≤ tolerance · max(|b|, floor): relative, except for values near zero, which are compared
/// against `floor` (a scale of the quantity, such as the largest gradient of the network).
func close(_ a: Float, _ b: Float, relative tolerance: Float = 1e-5, floor: Float) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), floor)
}
