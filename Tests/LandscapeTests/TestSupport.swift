import Models
import MNIST
@testable import Landscape

/// A small network and the first `records` bundled training digits, OpenBLAS loaded.
func smallModel(hidden: [Int] = [16], records: Int = 300, activation: Activation = .relu) throws -> (Model, PlaneEvaluator) {
    try BLAS.load()
    let data = try MNISTDataset.bundled()
    let f = data.train.features
    let net = try Model.mlp(inputs: f, hidden: hidden, outputs: 10, activation: activation)
    let evaluator = PlaneEvaluator(network: net, inputs: Array(data.train.images[0..<(records * f)]),
                                   labels: Array(data.train.labels[0..<records]))
    return (net, evaluator)
}

/// The filter rows of a dense network: each layer's weight, one row per output neuron.
func rows(of net: Model) -> FilterRows {
    FilterRows(model: net)
}

/// The weight tensors of a model, in buffer order.
func weights(of net: Model) -> [ParameterTensor] { net.tensors.filter { $0.role == .weight } }

/// The bias tensors of a model, in buffer order.
func biases(of net: Model) -> [ParameterTensor] { net.tensors.filter { $0.role == .bias } }

/// Whether |a − b| ≤ tolerance · max(1, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

func norm(_ a: ArraySlice<Float>) -> Double {
    a.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
}

func dot(_ a: [Float], _ b: [Float]) -> Double {
    zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}
