import Testing
@testable import Models

/// The flat buffer is torch's `parameters()` concatenated, and the tensors carry `state_dict()`'s names.
@Test func layoutIsTorchs() throws {
    let net = try Model.mlp(inputs: 784, hidden: [128], outputs: 10, activation: .relu)
    #expect(net.parameterCount == 784 * 128 + 128 + 128 * 10 + 10)
    #expect(net.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    #expect(net.tensors.map(\.offset) == [0, 100_352, 100_480, 101_760])
    #expect(net.tensors.map(\.shape) == [[128, 784], [128], [10, 128], [10]])
    #expect(net.tensors.map(\.role) == [.weight, .bias, .weight, .bias])
    #expect(net.tensors[2].row(3) == 100_480 + 3 * 128 ..< 100_480 + 4 * 128)
    #expect(net.layers.map(\.kind) == ["Linear", "ReLU", "Linear"])
    let textbook = try Model.mlp(inputs: 784, hidden: [40, 20], outputs: 10, activation: .sigmoid)
    #expect(textbook.layers.map(\.kind) == ["Linear", "Sigmoid", "Linear", "Sigmoid", "Linear"])
    #expect(textbook.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])

    let cnn = Model.cnn()
    #expect(cnn.layers.map(\.kind) == ["Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear"])
    #expect(cnn.tensors.map(\.name) == ["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias"])
    #expect(cnn.tensors.map(\.shape) == [[32, 1, 3, 3], [32], [64, 32, 3, 3], [64], [128, 1600], [128], [10, 128], [10]])
    #expect(cnn.parameterCount == 320 + 18_496 + 204_928 + 1_290)
    #expect(cnn.tensors[2].row(1) == 320 + 288 ..< 320 + 576)   // filter 1 of the second convolution

    let linear = Model.linear(inputs: 20, outputs: 20)
    #expect(linear.tensors.map(\.name) == ["weight"] && linear.parameterCount == 400)
}

@Test func zeroOrNegativeHiddenSizesAreRefused() {
    #expect(throws: ModelError.invalidHidden("128,0")) { try Model.mlp(inputs: 784, hidden: [128, 0], outputs: 10, activation: .relu) }
    #expect(ModelError.invalidHidden("0").description.contains("'0'"))
}

/// Every layer with parameters draws them as its torch module's `reset_parameters()`: U(±1/√fan_in).
@Test(arguments: ["mlp", "cnn", "linear"])
func initialisationIsTorchsDistributionAndDeterministic(_ name: String) throws {
    let net = name == "mlp" ? try Model.mlp(inputs: 784, hidden: [128], outputs: 10, activation: .relu)
        : name == "cnn" ? Model.cnn() : Model.linear(inputs: 20, outputs: 20)
    let p = net.initialParameters(seed: 0)
    #expect(p == net.initialParameters(seed: 0))
    #expect(p != net.initialParameters(seed: 1))
    for tensor in net.tensors {
        let fanIn = net.tensors.first { $0.layer == tensor.layer && $0.role == .weight }!.row(0).count
        let bound = 1 / Float(fanIn).squareRoot()
        let values = p[tensor.range]
        guard values.count >= 300 else { #expect(values.allSatisfy { abs($0) <= bound }); continue }
        #expect(values.allSatisfy { abs($0) <= bound })
        // Uniform on [−b, b]: mean 0, variance b²/3 (loose bounds for a few thousand draws).
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.map { $0 * $0 }.reduce(0, +) / Float(values.count)
        #expect(abs(mean) < 0.05 * bound)
        #expect(abs(variance / (bound * bound / 3) - 1) < 0.15, "\(name) \(tensor.name)")
    }
}

/// `normal:std=s`: weights from N(0, s²), biases 0.
@Test func normalInitialisationDrawsWeightsAndZeroesBiases() throws {
    let net = try Model.mlp(inputs: 784, hidden: [40, 20], outputs: 10, activation: .sigmoid)
    let p = net.initialParameters(seed: 3, initialization: .normal(std: 0.01))
    #expect(p == net.initialParameters(seed: 3, initialization: .normal(std: 0.01)))
    for tensor in net.tensors {
        let values = p[tensor.range].map(Double.init)
        if tensor.role == .bias { #expect(values.allSatisfy { $0 == 0 }); continue }
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(mean) < 0.1 * 0.01 && abs(sd / 0.01 - 1) < (values.count > 1000 ? 0.05 : 0.15), "\(tensor.name): mean \(mean), sd \(sd)")
    }
}

@Test func initialisationEqualsTheGeneratorScriptsDraws() throws {
    for c in try TorchFixture.load().cases {
        let p = try c.network().initialParameters(seed: c.seed)
        #expect(p.count == c.parameterCount)
        #expect(c.initialSample.indices.map { p[$0] } == c.initialSample.values, "\(c.name)")
    }
}
