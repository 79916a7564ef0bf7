import MNIST
import Testing
@testable import MLP

/// The forward pass cut after the first layer gives what the whole one gives.
@Suite struct FirstLayerSplitTests {
    let data: MNISTDataset
    init() throws {
        try BLAS.load()
        data = try MNISTDataset.bundled()
    }

    @Test(arguments: [[16], [12, 7], [Int]()])
    func evaluationEqualsLossAndCorrectCount(_ hidden: [Int]) throws {
        let net = try Network(inputs: 784, hidden: hidden, outputs: 10, activation: .tanh)
        let p = net.initialParameters(seed: 3)
        let rows = 250
        let x = Array(data.test.images[0..<(rows * 784)]), y = Array(data.test.labels[0..<rows])
        let ws = Workspace(network: net, capacity: rows)
        let (evaluation, loss, correct) = p.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in
                (net.evaluate(parameters: p, inputs: x, labels: y, workspace: ws),
                 net.loss(parameters: p, inputs: x, labels: y, workspace: ws),
                 net.correctCount(parameters: p, inputs: x, labels: y, workspace: ws))
            } }
        }
        #expect(evaluation.loss == loss)
        #expect(evaluation.correct == correct)
        // In chunks of 100 records: the mean over all of them.
        let small = Workspace(network: net, capacity: 100)
        let chunked = p.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in net.evaluate(parameters: p, inputs: x, labels: y, workspace: small) } }
        }
        #expect(abs(chunked.loss - loss) <= 1e-6 * loss)
        #expect(chunked.correct == correct)
    }

    /// z(θ₀ + α·d) = z(θ₀) + α·z(d): the first layer is linear in its weights and bias jointly.
    @Test func theFirstLayerIsLinearInItsParameters() throws {
        let net = try Network(inputs: 784, hidden: [16], outputs: 10, activation: .relu)
        let p0 = net.initialParameters(seed: 1), d = net.initialParameters(seed: 2)
        let rows = 20, alpha: Float = 0.75
        let x = Array(data.test.images[0..<(rows * 784)])
        func z(_ p: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: rows * net.firstLayerWidth)
            p.withUnsafeBufferPointer { p in x.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
                net.firstLayerPreactivation(parameters: p.baseAddress!, inputs: x.baseAddress!, rows: rows, into: o.baseAddress!)
            } } }
            return out
        }
        let combined = zip(z(p0), z(d)).map { $0 + alpha * $1 }
        let direct = z(zip(p0, d).map { $0 + alpha * $1 })
        for (a, b) in zip(combined, direct) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
        #expect(net.firstLayerParameters == 0..<(784 * 16 + 16))
    }
}
