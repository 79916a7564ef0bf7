import Foundation
import MNIST
@testable import Models

/// Tests/ModelsTests/Fixtures/mlp-torch.json, written by scripts/mnist/gen_fixtures.py with torch (float32).
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
    func network() throws -> Model {
        try Model.mlp(inputs: 784, hidden: hidden, outputs: 10, activation: Activation(parsing: activation))
    }
}

extension Model {
    /// The mean cross-entropy of a batch of class labels and its gradient (into `g`).
    func crossEntropy(_ p: [Float], _ x: [Float], _ y: [UInt8], gradient g: inout [Float], _ ws: Workspace) -> Float {
        p.withUnsafeBufferPointer { p in x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in
            g.withUnsafeMutableBufferPointer { g in
                lossAndGradient(parameters: p, inputs: x, targets: y, loss: SoftmaxCrossEntropy(), gradient: g, workspace: ws)
            }
        } } }
    }

    /// The mean cross-entropy of a batch, without gradients.
    func crossEntropy(_ p: [Float], _ x: [Float], _ y: [UInt8], _ ws: Workspace) -> Float {
        p.withUnsafeBufferPointer { p in x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in
            loss(parameters: p, inputs: x, targets: y, loss: SoftmaxCrossEntropy(), workspace: ws)
        } } }
    }
}

/// |a − b| ≤ tolerance · max(|b|, floor): relative, except for values near zero, which are compared
/// against `floor` (a scale of the quantity, such as the largest gradient of the network).
func close(_ a: Float, _ b: Float, relative tolerance: Float = 1e-5, floor: Float) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), floor)
}
