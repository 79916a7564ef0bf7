import Foundation
import MNIST
import Optimizers
import SafeTensors
import Testing
@testable import Models

/// Tests/ModelsTests/Fixtures/cnn-torch.safetensors, written by scripts/models/gen_fixtures.py with torch (float32):
/// the CNN's loss and gradient from trajviz's seed-1 weights on 8 digits, and every 97th parameter
/// after one step of each optimizer.
struct CNNFixture {
    let file: SafeTensorsFile
    let batch: [Int]
    let labels: [UInt8]
    let loss: Float
    let stride: Int

    init() throws {
        guard let url = Bundle.module.url(forResource: "Fixtures/cnn-torch", withExtension: "safetensors") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let file = try SafeTensorsFile(bytes: Array(try Data(contentsOf: url)))
        let m = file.metadata
        guard let b = m["batch"], let l = m["labels"], let loss = m["loss"].flatMap(Float.init), let stride = m["stride"].flatMap(Int.init) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        self.file = file
        batch = try JSONDecoder().decode([Int].self, from: Data(b.utf8))
        labels = try JSONDecoder().decode([UInt8].self, from: Data(l.utf8))
        self.loss = loss; self.stride = stride
    }

    func inputs() throws -> [Float] {
        let train = try MNISTDataset.bundled().train
        return batch.flatMap { train.images[$0 * train.features ..< ($0 + 1) * train.features] }
    }
}

/// The CNN's loss and every one of its 225,034 gradients against torch's, within 1e-5 relative;
/// entries that cancel to nearly zero are compared against 1% of the largest gradient, as for the
/// MLP (torch's own float32 gradient differs from its float64 one by 5.5e-6 with that floor).
@Test func cnnLossAndGradientMatchTorch() throws {
    let fixture = try CNNFixture()
    let model = Model.cnn()
    let x = try fixture.inputs()
    let p = model.initialParameters(seed: 1)
    var g = [Float](repeating: .nan, count: model.parameterCount)
    let loss = model.crossEntropy(p, x, fixture.labels, gradient: &g, Workspace(model: model, capacity: 8))
    #expect(close(loss, fixture.loss, floor: 0), "loss \(loss) vs torch \(fixture.loss)")
    let torch = try fixture.file.floats("gradient")
    #expect(torch.count == g.count)
    let floor = 1e-2 * (torch.map(abs).max() ?? 1)
    var worst: Float = 0, worstAt = 0
    for i in g.indices {
        let e = abs(g[i] - torch[i]) / max(abs(torch[i]), floor)
        if !(e <= worst) { worst = e; worstAt = i }
    }
    #expect(worst < 1e-5, "worst gradient[\(worstAt)] = \(g[worstAt]), torch \(torch[worstAt]): \(worst) relative")
    // Each tensor's gradient moved: none of them is zero by accident of the wiring.
    for t in model.tensors { #expect(g[t.range].contains { $0 != 0 }, "\(t.name)") }
}

/// One step of each of the 18 optimizers on the CNN (one flat buffer, one `step` call) against torch's
/// per-tensor step.
///
/// The rules that normalise the gradient (Adam's first step is lr·g/(|g| + ε), RMSprop's, Rprop's,
/// Lion's sign) turn the float32 noise of a gradient that cancels to 1e-7 into a visible change of
/// the step (up to 4e-5 relative here), so those rules step from torch's own gradient, which the test
/// above shows equal to trajviz's within 1e-5; the rules linear in the gradient (SGD with and without
/// momentum) step from trajviz's gradient, which checks backpropagation and step together.
@Test func cnnOptimizerStepsMatchTorch() throws {
    let fixture = try CNNFixture()
    let model = Model.cnn()
    let x = try fixture.inputs()
    let initial = model.initialParameters(seed: 1)
    var ours = [Float](repeating: 0, count: model.parameterCount)
    _ = model.crossEntropy(initial, x, fixture.labels, gradient: &ours, Workspace(model: model, capacity: 8))
    let torchGradient = try fixture.file.floats("gradient")
    let sample = Array(Swift.stride(from: 0, to: model.parameterCount, by: fixture.stride))
    let names = fixture.file.tensors.map(\.name).filter { $0.hasPrefix("step.") }.map { String($0.dropFirst(5)) }
    // torch's family (bare names): the fixture is torch's own steps.
    #expect(Set(names) == Set(OptimizerRegistry.names.filter { !$0.contains(".") }))
    let floor = 1e-2 * (initial.map(abs).max() ?? 1)
    for name in names.sorted() {
        let spec = try #require(try OptimizerSpec.parseList("\(name):lr=0.01").first)
        let optimizer = try spec.kind.make(spec.overrides)
        var p = initial
        var state = optimizer.makeState(count: model.parameterCount, as: Float.self)
        let g = ["sgd", "momentum", "nesterov"].contains(name) ? ours : torchGradient
        p.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { g in optimizer.step(p, gradient: g, state: &state) } }
        let torch = try fixture.file.floats("step." + name)
        let bad = zip(sample, torch).filter { !close(p[$0.0], $0.1, floor: max(floor, abs($0.1 - initial[$0.0]))) }
        #expect(bad.isEmpty, "\(name): \(bad.count) of \(sample.count) differ, first p[\(bad.first?.0 ?? -1)] = \(bad.first.map { p[$0.0] } ?? 0), torch \(bad.first?.1 ?? 0)")
        #expect(sample.contains { p[$0] != initial[$0] }, "\(name) did not move")
    }
}

/// The convolution's and pooling's backward passes against central finite differences on a small
/// CNN-shaped model (two channels in the second convolution's input, odd sizes so that pooling drops
/// a row), independently of torch.
@Test func convolutionGradientMatchesFiniteDifferences() throws {
    var layers: [any Layer] = []
    let image = RecordShape([1, 9, 9])
    layers.append(Conv2d(inChannels: 1, outChannels: 2, kernel: 3, input: image))
    layers.append(ActivationLayer(.tanh, shape: layers[0].outputShape))
    layers.append(MaxPool2d(size: 2, input: layers[1].outputShape))
    layers.append(Conv2d(inChannels: 2, outChannels: 3, kernel: 2, input: layers[2].outputShape))
    layers.append(Flatten(input: layers[3].outputShape))
    layers.append(Dense(inputs: layers[4].outputShape.count, outputs: 4))
    let model = Model(layers, summary: "test")
    var p = model.initialParameters(seed: 3)
    var gen = SplitMix64(seed: 8)
    let x = (0..<(3 * 81)).map { _ in gen.nextUnitFloat() }
    let y: [UInt8] = [1, 3, 0]
    let ws = Workspace(model: model, capacity: 3)
    var g = [Float](repeating: 0, count: model.parameterCount)
    _ = model.crossEntropy(p, x, y, gradient: &g, ws)
    for i in 0..<model.parameterCount {
        let h: Float = 1e-2, saved = p[i]
        p[i] = saved + h; let up = model.crossEntropy(p, x, y, ws)
        p[i] = saved - h; let down = model.crossEntropy(p, x, y, ws)
        p[i] = saved
        #expect(abs((up - down) / (2 * h) - g[i]) < 3e-3, "parameter \(i): \((up - down) / (2 * h)) vs \(g[i])")
    }
}

/// Max pooling routes each window's gradient to its first maximum (torch's rule for ties) and drops
/// the rows and columns that do not fill a window.
@Test func maxPoolingTiesGoToTheFirstMaximum() {
    let pool = MaxPool2d(size: 2, input: RecordShape([1, 3, 5]))
    #expect(pool.outputShape == RecordShape([1, 1, 2]))
    let x: [Float] = [1, 7, 2, 2, 9,
                      7, 3, 2, 0, 9,
                      9, 9, 9, 9, 9]
    var y = [Float](repeating: 0, count: 2)
    let saved = UnsafeMutableRawPointer.allocate(byteCount: pool.savedBytes(rows: 1), alignment: 16)
    defer { saved.deallocate() }
    x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
            pool.forward(x.baseAddress!, input: x.baseAddress!, output: y.baseAddress!, rows: 1, layout: .records, saved: saved)
        }
    }
    #expect(y == [7, 2])
    var delta: [Float] = [1, 2]
    var below = [Float](repeating: -1, count: 15)
    delta.withUnsafeMutableBufferPointer { d in
        below.withUnsafeMutableBufferPointer { b in
            pool.backward(d.baseAddress!, input: d.baseAddress!, output: d.baseAddress!, outputGradient: d.baseAddress!,
                          inputGradient: b.baseAddress!, parameterGradient: d.baseAddress!, rows: 1, layout: .records,
                          saved: saved, temporary: saved)
        }
    }
    #expect(below == [0, 1, 2, 0, 0,
                      0, 0, 0, 0, 0,
                      0, 0, 0, 0, 0])
}

/// The vector path of 2 × 2 pooling (rows of 8 or more inputs) against torch's scan written out: the
/// first maximum of each window in row-major order wins, a NaN wins over numbers and the last NaN of
/// a window wins; many ties (values from {0, 1, 2}) and NaNs, two records of two channels of 5 × 19
/// (the last row and column fill no window and get no gradient).
@Test func vectorPoolingFollowsTorchsScan() {
    let (c, h, w, rows) = (2, 5, 19, 2)
    let pool = MaxPool2d(size: 2, input: RecordShape([c, h, w]))
    let (oh, ow) = (h / 2, w / 2)
    var gen = SplitMix64(seed: 11)
    let x: [Float] = (0..<(rows * c * h * w)).map { _ in
        let r = gen.nextUnitFloat()
        return r < 0.1 ? .nan : Float(Int(r * 3))
    }
    // torch's CPU kernel: `if (val > max || isnan(val))`, windows scanned row by row.
    var expectedY: [Float] = [], expectedAt: [Int] = []
    for plane in 0..<(rows * c) {
        for i in 0..<oh {
            for j in 0..<ow {
                var best = plane * h * w + 2 * i * w + 2 * j
                for (u, v) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                    let at = plane * h * w + (2 * i + u) * w + 2 * j + v
                    if x[at] > x[best] || x[at].isNaN { best = at }
                }
                expectedY.append(x[best]); expectedAt.append(best)
            }
        }
    }
    var y = [Float](repeating: 0, count: rows * c * oh * ow)
    let saved = UnsafeMutableRawPointer.allocate(byteCount: pool.savedBytes(rows: rows), alignment: 16)
    defer { saved.deallocate() }
    x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
            pool.forward(x.baseAddress!, input: x.baseAddress!, output: y.baseAddress!, rows: rows, layout: .records, saved: saved)
        }
    }
    #expect(zip(y, expectedY).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(y) vs \(expectedY)")
    // Backward routes output k's gradient (k + 1) to the chosen input, 0 elsewhere.
    var delta = (0..<y.count).map { Float($0 + 1) }
    var below = [Float](repeating: -1, count: x.count)
    delta.withUnsafeMutableBufferPointer { d in
        below.withUnsafeMutableBufferPointer { b in
            pool.backward(d.baseAddress!, input: d.baseAddress!, output: d.baseAddress!, outputGradient: d.baseAddress!,
                          inputGradient: b.baseAddress!, parameterGradient: d.baseAddress!, rows: rows, layout: .records,
                          saved: saved, temporary: saved)
        }
    }
    var expectedBelow = [Float](repeating: 0, count: x.count)
    for (k, at) in expectedAt.enumerated() { expectedBelow[at] = Float(k + 1) }
    #expect(below == expectedBelow)
}
