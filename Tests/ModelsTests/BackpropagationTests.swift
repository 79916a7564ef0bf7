import Testing
@testable import Models

/// Loss and every gradient from given weights and a given batch of 8 digits, against torch (float32).
@Test(arguments: ["relu-12", "tanh-6-5", "sigmoid-6-5"])
func lossAndGradientMatchTorch(_ name: String) throws {
    let fixture = try TorchFixture.load()
    let c = try #require(fixture.cases.first { $0.name == name })
    let (x, y) = try fixture.batchInputs()
    #expect(y == fixture.labels)
    let net = try c.network()
    let p = net.initialParameters(seed: c.seed)
    var g = [Float](repeating: .nan, count: net.parameterCount)
    let ws = Workspace(model: net, capacity: 8)
    let loss = net.crossEntropy(p, x, y, gradient: &g, ws)
    #expect(close(loss, c.loss, floor: 0), "loss \(loss) vs torch \(c.loss)")
    #expect(g.count == c.gradient.count)
    // Entries that cancel to nearly zero are compared against 1% of the largest gradient instead of
    // themselves: their relative error measures the order of float32 sums, not the arithmetic. (torch's own
    // float32 gradient differs from its float64 one by up to 3.5e-5 relative on such entries, and by under
    // 5e-6 with this floor; scripts/mnist/gen_fixtures.py has the numbers.)
    let floor = 1e-2 * (c.gradient.map(abs).max() ?? 1)
    var worst: Float = 0
    for i in g.indices {
        worst = max(worst, abs(g[i] - c.gradient[i]) / max(abs(c.gradient[i]), floor))
        if !close(g[i], c.gradient[i], floor: floor) {
            Issue.record("\(name): gradient[\(i)] = \(g[i]), torch \(c.gradient[i])")
            return
        }
    }
    #expect(worst < 1e-5)
}

@Test func lossWithoutGradientEqualsLossWithGradient() throws {
    let fixture = try TorchFixture.load()
    let (x, y) = try fixture.batchInputs()
    let net = try fixture.cases[0].network()
    let p = net.initialParameters(seed: 7)
    var g = [Float](repeating: 0, count: net.parameterCount)
    let ws = Workspace(model: net, capacity: 8)
    let a = net.crossEntropy(p, x, y, gradient: &g, ws)
    let b = net.crossEntropy(p, x, y, ws)
    #expect(a == b)
    // And through an evaluation-only workspace, chunk by chunk.
    let data = LabeledData(features: 784, inputs: x, labels: y)
    let e = p.withUnsafeBufferPointer { net.evaluate(parameters: $0, data: data, loss: SoftmaxCrossEntropy(), workspace: Workspace(model: net, capacity: 3, training: false)) }
    #expect(abs(e.loss - Double(a)) <= 1e-6 * Double(a))
    #expect(e.count == 8 && e.correct != nil)
}

/// A central finite difference on a few parameters of each layer, in Double-free Float arithmetic
/// with a step large enough for Float: an independent check of the backward pass.
@Test func gradientMatchesFiniteDifferences() throws {
    let net = try Model.mlp(inputs: 5, hidden: [4, 3], outputs: 3, activation: .tanh)
    var p = net.initialParameters(seed: 11)
    var gen = SplitMix64(seed: 5)
    let x = (0..<10).map { _ in gen.nextUnitFloat() }
    let y: [UInt8] = [2, 0]
    let ws = Workspace(model: net, capacity: 2)
    func loss(_ q: [Float]) -> Float { net.crossEntropy(q, x, y, ws) }
    var g = [Float](repeating: 0, count: net.parameterCount)
    _ = net.crossEntropy(p, x, y, gradient: &g, ws)
    for i in stride(from: 0, to: net.parameterCount, by: 3) {
        let h: Float = 1e-2
        let saved = p[i]
        p[i] = saved + h; let up = loss(p)
        p[i] = saved - h; let down = loss(p)
        p[i] = saved
        #expect(abs((up - down) / (2 * h) - g[i]) < 2e-3, "parameter \(i)")
    }
}
