import MNIST
import Testing
@testable import Models

/// A batch split over threads gives torch's loss and gradient within 1e-5 as one pass over the
/// batch does (``cnnLossAndGradientMatchTorch``): two equal halves of the fixture's 8 digits, and
/// three unequal parts (2, 3 and 3 records, weighted by their sizes). The correct count is the
/// whole batch's.
@Test(arguments: [2, 3])
func splitBatchGradientMatchesTorch(lanes: Int) throws {
    try BLAS.load()
    let fixture = try CNNFixture()
    let model = Model.cnn()
    let x = try fixture.inputs()
    let p = model.initialParameters(seed: 1)
    let whole = Workspace(model: model, capacity: 8)
    var reference = [Float](repeating: 0, count: model.parameterCount)
    _ = model.crossEntropy(p, x, fixture.labels, gradient: &reference, whole)
    let expectedCorrect = ClassLabels.correctCount(outputs: whole.lastOutputs, width: 10, targets: fixture.labels, rows: 8)

    let split = DataParallel(model: model, loss: SoftmaxCrossEntropy(), lanes: lanes, batch: 8, test: nil, evaluationCapacity: 1)
    var g = [Float](repeating: .nan, count: model.parameterCount)
    let (loss, correct) = p.withUnsafeBufferPointer { p in x.withUnsafeBufferPointer { x in
        fixture.labels.withUnsafeBufferPointer { y in g.withUnsafeMutableBufferPointer { g in
            split.lossAndGradient(parameters: p, inputs: x.baseAddress!, targets: y.baseAddress!, width: 1, rows: 8, gradient: g)
        } }
    } }
    #expect(close(loss, fixture.loss, floor: 0), "loss \(loss) vs torch \(fixture.loss)")
    #expect(correct == expectedCorrect)
    let torch = try fixture.file.floats("gradient")
    let floor = 1e-2 * (torch.map(abs).max() ?? 1)
    var worst: Float = 0, worstAt = 0
    for i in g.indices {
        let e = abs(g[i] - torch[i]) / max(abs(torch[i]), floor)
        if !(e <= worst) { worst = e; worstAt = i }
    }
    #expect(worst < 1e-5, "worst gradient[\(worstAt)] = \(g[worstAt]), torch \(torch[worstAt]): \(worst) relative")
}

/// The test set evaluated in parts on the lanes: the same correct count and mean loss (each part's
/// mean weighted by its size) as one pass, for an odd count that splits unevenly.
@Test func splitEvaluationMatchesOnePass() throws {
    try BLAS.load()
    let model = Model.cnn()
    let data = try MNISTDataset.bundled().test
    let test = LabeledData(features: data.features, inputs: Array(data.images[0 ..< 101 * data.features]),
                           targets: ClassLabels(Array(data.labels[0 ..< 101])))
    let p = model.initialParameters(seed: 2)
    let one = p.withUnsafeBufferPointer { p in
        model.evaluate(parameters: p, data: test, loss: SoftmaxCrossEntropy(), workspace: Workspace(model: model, capacity: 40, training: false))
    }
    let split = DataParallel(model: model, loss: SoftmaxCrossEntropy(), lanes: 3, batch: 3, test: test, evaluationCapacity: 20)
    let parts = p.withUnsafeBufferPointer { split.evaluate(parameters: $0) }
    #expect(parts.count == 101 && parts.correct == one.correct)
    #expect(abs(parts.loss - one.loss) <= 1e-6 * one.loss, "\(parts.loss) vs \(one.loss)")
}

/// Only models with a convolution are split, and never into more lanes than records.
@Test func onlyConvolutionalModelsAreSplit() throws {
    try BLAS.load()
    let mlp = try Model.mlp(inputs: 784, hidden: [128], outputs: 10, activation: .relu)
    #expect(DataParallel<SoftmaxCrossEntropy>.lanes(model: mlp, batch: 100) == 1)
    #expect(DataParallel<SoftmaxCrossEntropy>.lanes(model: .cnn(), batch: 1) == 1)
    #expect(DataParallel<SoftmaxCrossEntropy>.lanes(model: .cnn(), batch: 100) == BLAS.threads)
}
