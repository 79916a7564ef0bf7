import MNIST
import Testing
@testable import Models

/// The forward pass cut after the first (dense) layer gives what the whole one gives.
@Suite struct FirstLayerSplitTests {
    let data: MNISTDataset
    init() throws {
        try BLAS.load()
        data = try MNISTDataset.bundled()
    }

    @Test(arguments: [[16], [12, 7], [Int]()])
    func evaluationEqualsLossAndCorrectCount(_ hidden: [Int]) throws {
        let model = try Model.mlp(inputs: 784, hidden: hidden, outputs: 10, activation: .tanh)
        let p = model.initialParameters(seed: 3)
        let rows = 250
        let x = Array(data.test.images[0..<(rows * 784)]), y = Array(data.test.labels[0..<rows])
        let whole = p.withUnsafeBufferPointer { p in
            model.evaluate(parameters: p, data: LabeledData(features: 784, inputs: x, labels: y), loss: SoftmaxCrossEntropy(),
                           workspace: Workspace(model: model, capacity: rows, training: false))
        }
        // z computed apart and copied in, and z written straight into the workspace.
        let ws = Workspace(model: model, capacity: rows, training: false)
        var z = [Float](repeating: 0, count: rows * model.firstLayerWidth)
        let (copied, inPlace) = p.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in
                z.withUnsafeMutableBufferPointer { z in
                    model.firstLayerPreactivation(parameters: p.baseAddress!, inputs: x.baseAddress!, rows: rows, into: z.baseAddress!)
                }
                let copied = model.evaluate(firstLayerPreactivation: z, parameters: p.baseAddress!, labels: y, workspace: ws)
                let buffer = model.firstLayerOutput(in: ws)
                model.firstLayerPreactivation(parameters: p.baseAddress!, inputs: x.baseAddress!, rows: rows, into: buffer)
                let inPlace = model.evaluate(firstLayerPreactivation: buffer, parameters: p.baseAddress!, labels: y, workspace: ws)
                return (copied, inPlace)
            } }
        }
        #expect(Double(copied.loss) == whole.loss)
        #expect(copied.correct == whole.correct)
        #expect(inPlace == copied)
    }

    /// z(θ₀ + α·d) = z(θ₀) + α·z(d): the first layer is linear in its weights and bias jointly.
    @Test func theFirstLayerIsLinearInItsParameters() throws {
        let model = try Model.mlp(inputs: 784, hidden: [16], outputs: 10, activation: .relu)
        let p0 = model.initialParameters(seed: 1), d = model.initialParameters(seed: 2)
        let rows = 20, alpha: Float = 0.75
        let x = Array(data.test.images[0..<(rows * 784)])
        func z(_ p: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: rows * model.firstLayerWidth)
            p.withUnsafeBufferPointer { p in x.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
                model.firstLayerPreactivation(parameters: p.baseAddress!, inputs: x.baseAddress!, rows: rows, into: o.baseAddress!)
            } } }
            return out
        }
        let combined = zip(z(p0), z(d)).map { $0 + alpha * $1 }
        let direct = z(zip(p0, d).map { $0 + alpha * $1 })
        for (a, b) in zip(combined, direct) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
        #expect(model.firstLayerParameters == 0..<(784 * 16 + 16))
        #expect(model.firstLayerWidth == 16 && model.firstLayerIsDense && !Model.cnn().firstLayerIsDense)
    }
}
