import Testing
@testable import MLP

@Test func layoutIsTorchs() throws {
    let net = try Network(inputs: 784, hidden: [128], outputs: 10, activation: .relu)
    #expect(net.parameterCount == 784 * 128 + 128 + 128 * 10 + 10)
    #expect(net.layers[0] == DenseLayout(inputs: 784, outputs: 128, weightOffset: 0, biasOffset: 100_352))
    #expect(net.layers[1] == DenseLayout(inputs: 128, outputs: 10, weightOffset: 100_480, biasOffset: 101_760))
    #expect(try Network(inputs: 784, hidden: [40, 20], outputs: 10, activation: .sigmoid).sizes == [784, 40, 20, 10])
}

@Test func zeroOrNegativeHiddenSizesAreRefused() {
    #expect(throws: MLPError.invalidHidden("128,0")) { try Network(inputs: 784, hidden: [128, 0], outputs: 10, activation: .relu) }
    #expect(MLPError.invalidHidden("0").description.contains("'0'"))
}

@Test func initialisationIsNnLinearsDistributionAndDeterministic() throws {
    let net = try Network(inputs: 784, hidden: [128], outputs: 10, activation: .relu)
    let p = net.initialParameters(seed: 0)
    #expect(p == net.initialParameters(seed: 0))
    #expect(p != net.initialParameters(seed: 1))
    for layer in net.layers {
        let bound = 1 / Float(layer.inputs).squareRoot()
        let values = p[layer.weightOffset ..< layer.biasOffset + layer.outputs]
        #expect(values.allSatisfy { abs($0) <= bound })
        // Uniform on [−b, b]: mean 0, variance b²/3 (loose bounds for a few thousand draws).
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.map { $0 * $0 }.reduce(0, +) / Float(values.count)
        #expect(abs(mean) < 0.05 * bound)
        #expect(abs(variance / (bound * bound / 3) - 1) < 0.1)
    }
}

@Test func initialisationEqualsTheGeneratorScriptsDraws() throws {
    for c in try TorchFixture.load().cases {
        let p = try c.network().initialParameters(seed: c.seed)
        #expect(p.count == c.parameterCount)
        #expect(c.initialSample.indices.map { p[$0] } == c.initialSample.values, "\(c.name)")
    }
}
