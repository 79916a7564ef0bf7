/// Scratch memory for forward and backward passes of up to `capacity` records: each layer's output
/// (in-place layers share their input's), two gradient buffers, and the layers' scratch. Allocated
/// once per run, so an iteration allocates nothing. One workspace serves one thread at a time.
public final class Workspace: @unchecked Sendable {
    public let capacity: Int
    /// Whether it holds what backward needs (each layer's saved scratch apart).
    public let training: Bool
    let layerCount: Int
    let parameterCount: Int
    /// outputs[l]: capacity × layer l's output count (the logits for the last).
    let outputs: [UnsafeMutablePointer<Float>]
    let saved: [UnsafeMutableRawPointer]
    let temporary: UnsafeMutableRawPointer
    let gradientA: UnsafeMutablePointer<Float>
    let gradientB: UnsafeMutablePointer<Float>
    private let owned: [UnsafeMutableRawPointer]

    /// - Parameter training: false for a workspace that only evaluates (``Model/evaluate(parameters:data:loss:workspace:)``):
    ///   the layers then share one scratch area and no gradient buffers are made.
    public init(model: Model, capacity: Int, training: Bool = true) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity; self.training = training
        layerCount = model.layers.count; parameterCount = model.parameterCount
        var owned: [UnsafeMutableRawPointer] = []
        func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 16), alignment: 64)
            owned.append(p)
            return p
        }
        func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
            allocate(count * MemoryLayout<Float>.stride).bindMemory(to: Float.self, capacity: max(count, 4))
        }
        var outputs: [UnsafeMutablePointer<Float>] = []
        for layer in model.layers {
            outputs.append(layer.isInPlace ? outputs.last! : floats(capacity * layer.outputShape.count))
        }
        self.outputs = outputs
        if training {
            saved = model.layers.map { layer in allocate(layer.savedBytes(rows: capacity)) }
            temporary = allocate(model.layers.map { $0.temporaryBytes(rows: capacity) }.max() ?? 0)
            let widest = model.layers.map(\.outputShape.count).max() ?? 1
            gradientA = floats(capacity * widest)
            gradientB = floats(capacity * widest)
        } else {
            let shared = allocate(model.layers.map { $0.savedBytes(rows: capacity) }.max() ?? 0)
            saved = model.layers.map { _ in shared }
            temporary = shared
            gradientA = floats(0); gradientB = gradientA
        }
        self.owned = owned
    }

    deinit { for p in owned { p.deallocate() } }

    /// Bytes a workspace for `capacity` records holds, to choose a capacity within a memory budget.
    public static func bytes(model: Model, capacity: Int, training: Bool) -> Int {
        let outputs = model.layers.filter { !$0.isInPlace }.reduce(0) { $0 + $1.outputShape.count } * capacity * 4
        let saved = model.layers.map { $0.savedBytes(rows: capacity) }
        guard training else { return outputs + (saved.max() ?? 0) }
        let widest = model.layers.map(\.outputShape.count).max() ?? 1
        return outputs + saved.reduce(0, +) + (model.layers.map { $0.temporaryBytes(rows: capacity) }.max() ?? 0) + 8 * capacity * widest
    }

    /// The model's outputs of the last forward pass: `rows × outputCount` values.
    public var lastOutputs: UnsafePointer<Float> { UnsafePointer(outputs[layerCount - 1]) }
}

extension Model {
    /// Runs the model on `rows` records; the outputs end in `workspace.lastOutputs`.
    ///
    ///     a_0 = x;  a_l = layer_l(a_(l−1))
    func forward(_ p: UnsafePointer<Float>, inputs: UnsafePointer<Float>, rows: Int, workspace w: Workspace) {
        precondition(rows > 0 && rows <= w.capacity && w.layerCount == layers.count && w.parameterCount == parameterCount,
                     "workspace too small or for another model")
        var input = inputs
        for (l, layer) in layers.enumerated() {
            layer.forward(p + offsets[l], input: input, output: w.outputs[l], rows: rows, layout: layouts[l], saved: w.saved[l])
            input = UnsafePointer(w.outputs[l])
        }
    }

    /// The mean loss of a batch and its gradient with respect to every parameter.
    ///
    /// Backpropagation: the loss gives δ = dL/d(outputs); each layer, last to first, turns the
    /// gradient of its output into its parameters' gradient and the gradient of its input
    /// (skipped below the first layer with parameters, which nothing needs).
    ///
    /// - Parameters:
    ///   - parameters: ``parameterCount`` values in torch's layout.
    ///   - inputs: `rows × inputCount` values, record after record.
    ///   - targets: `rows × width` targets.
    ///   - gradient: receives ``parameterCount`` values, the same layout (overwritten, not accumulated).
    /// - Returns: the mean loss over the `rows` records; the outputs stay in `workspace.lastOutputs`.
    /// - Complexity: about three times the forward pass.
    public func lossAndGradient<L: Loss>(parameters: UnsafeBufferPointer<Float>, inputs: UnsafeBufferPointer<Float>,
                                         targets: UnsafeBufferPointer<L.Target.Element>, loss: L,
                                         gradient: UnsafeMutableBufferPointer<Float>, workspace w: Workspace) -> Float {
        let rows = inputs.count / inputCount
        precondition(w.training, "a workspace made with training: false cannot hold gradients")
        precondition(parameters.count == parameterCount && gradient.count == parameterCount, "parameter count mismatch")
        precondition(rows > 0 && inputs.count == rows * inputCount, "inputs must hold rows × inputCount values")
        precondition(targets.count % rows == 0, "targets must hold whole records")
        let p = parameters.baseAddress!, g = gradient.baseAddress!, x = inputs.baseAddress!
        forward(p, inputs: x, rows: rows, workspace: w)

        let last = layers.count - 1
        var delta = w.gradientA, other = w.gradientB
        let value = loss.evaluate(w.outputs[last], width: outputCount, targets: targets.baseAddress!, rows: rows, gradient: delta)
        // Nothing below the first layer with parameters needs a gradient.
        let firstTrained = layers.firstIndex { $0.parameterCount > 0 } ?? layers.count
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layers[l]
            let input: UnsafePointer<Float> = l == 0 ? x : UnsafePointer(w.outputs[l - 1])
            let needsInput = l > firstTrained
            let below: UnsafeMutablePointer<Float>? = needsInput ? (layer.isInPlace ? delta : other) : nil
            layer.backward(p + offsets[l], input: input, output: UnsafePointer(w.outputs[l]),
                           outputGradient: delta, inputGradient: below, parameterGradient: g + offsets[l],
                           rows: rows, layout: layouts[l], saved: w.saved[l], temporary: w.temporary)
            if needsInput && !layer.isInPlace { swap(&delta, &other) }
        }
        return value
    }

    /// The mean loss of a batch, without gradients.
    public func loss<L: Loss>(parameters: UnsafeBufferPointer<Float>, inputs: UnsafeBufferPointer<Float>,
                              targets: UnsafeBufferPointer<L.Target.Element>, loss: L, workspace w: Workspace) -> Float {
        let rows = inputs.count / inputCount
        precondition(parameters.count == parameterCount && rows > 0 && inputs.count == rows * inputCount)
        forward(parameters.baseAddress!, inputs: inputs.baseAddress!, rows: rows, workspace: w)
        return loss.evaluate(w.outputs[layers.count - 1], width: outputCount, targets: targets.baseAddress!, rows: rows, gradient: nil)
    }

    /// The loss and, for class labels, the number of records classified correctly, of the
    /// parameters `parameters` on every record of `data`, without gradients, in chunks of the
    /// workspace's capacity.
    ///
    /// Evaluating thousands of parameter vectors (a loss-landscape grid) from several threads takes
    /// one workspace per thread (`Workspace(model:capacity:training: false)`).
    ///
    /// - Returns: the mean loss over all records (each chunk's mean weighted by its size, summed in
    ///   Double) and the count of correct records (nil for targets without classes).
    /// - Complexity: one forward pass over the data.
    public func evaluate<L: Loss>(parameters: UnsafeBufferPointer<Float>, data: Dataset<L.Target>, loss: L,
                                  workspace w: Workspace) -> Evaluation {
        precondition(data.features == inputCount, "the data has \(data.features) features; the model takes \(inputCount)")
        precondition(data.count > 0, "no records to evaluate")
        let width = data.targets.width
        var total = 0.0
        var correct: Int? = 0
        data.inputs.withUnsafeBufferPointer { x in
            data.targets.values.withUnsafeBufferPointer { y in
                var start = 0
                while start < data.count {
                    let rows = min(w.capacity, data.count - start)
                    let value = self.loss(parameters: parameters,
                                          inputs: UnsafeBufferPointer(rebasing: x[start * inputCount ..< (start + rows) * inputCount]),
                                          targets: UnsafeBufferPointer(rebasing: y[start * width ..< (start + rows) * width]),
                                          loss: loss, workspace: w)
                    total += Double(value) * Double(rows)
                    if let c = correct {
                        correct = L.Target.correctCount(outputs: w.lastOutputs, width: outputCount,
                                                        targets: y.baseAddress! + start * width, rows: rows).map { c + $0 }
                    }
                    start += rows
                }
            }
        }
        return Evaluation(loss: total / Double(data.count), correct: correct, count: data.count)
    }
}

/// A model's loss (and accuracy) on a set of records.
public struct Evaluation: Sendable, Hashable {
    /// The mean loss over the records.
    public var loss: Double
    /// Records classified correctly; nil when the targets are not classes.
    public var correct: Int?
    public var count: Int
    /// `correct / count`, in [0, 1], or nil.
    public var accuracy: Double? { correct.map { Double($0) / Double(count) } }
}
