/// Scratch memory for forward and backward passes of up to `capacity` records: each layer's
/// output and two gradient buffers. Allocated once per training run, so an iteration allocates nothing.
public final class Workspace {
    public let capacity: Int
    let network: Network
    /// outputs[l]: capacity × sizes[l + 1], the activation after layer l (logits for the last).
    let outputs: [UnsafeMutablePointer<Float>]
    let delta: UnsafeMutablePointer<Float>
    let deltaBelow: UnsafeMutablePointer<Float>

    public init(network: Network, capacity: Int) {
        precondition(capacity > 0, "capacity must be positive")
        self.network = network; self.capacity = capacity
        outputs = network.layers.map { UnsafeMutablePointer<Float>.allocate(capacity: capacity * $0.outputs) }
        let widest = network.sizes.dropFirst().max() ?? 1
        delta = .allocate(capacity: capacity * widest)
        deltaBelow = .allocate(capacity: capacity * widest)
    }

    deinit {
        for o in outputs { o.deallocate() }
        delta.deallocate(); deltaBelow.deallocate()
    }
}

extension Network {
    /// Runs the network on `rows` records; the logits end in `workspace.outputs.last`.
    ///
    ///     a_0 = x;  z_l = a_(l−1) W_lᵀ + b_l;  a_l = f(z_l) except on the last layer
    func forward(_ p: UnsafePointer<Float>, inputs: UnsafePointer<Float>, rows: Int, workspace w: Workspace) {
        precondition(rows <= w.capacity && w.network == self, "workspace too small or for another network")
        var input = inputs
        for (l, layer) in layers.enumerated() {
            let out = w.outputs[l]
            // Start every row at the bias, then add X·Wᵀ with beta = 1.
            for r in 0..<rows {
                (out + r * layer.outputs).update(from: p + layer.biasOffset, count: layer.outputs)
            }
            BLAS.gemm(transA: false, transB: true, m: rows, n: layer.outputs, k: layer.inputs,
                      input, lda: layer.inputs, p + layer.weightOffset, ldb: layer.inputs,
                      beta: 1, out, ldc: layer.outputs)
            if l < layers.count - 1 {
                activation.apply(UnsafeMutableBufferPointer(start: out, count: rows * layer.outputs))
            }
            input = UnsafePointer(out)
        }
    }

    /// The mean cross-entropy of a batch and its gradient with respect to every parameter.
    ///
    /// Backpropagation, with δ_L = (softmax(z_L) − onehot(y)) / B:
    ///
    ///     dW_l = δ_lᵀ a_(l−1),  db_l = Σ_rows δ_l,  δ_(l−1) = (δ_l W_l) ⊙ f′(a_(l−1))
    ///
    /// - Parameters:
    ///   - parameters: ``parameterCount`` values in torch's layout.
    ///   - inputs: `rows × inputs` values, row-major.
    ///   - labels: `rows` class indices below ``outputs``.
    ///   - gradient: receives ``parameterCount`` values, the same layout (overwritten, not accumulated).
    /// - Returns: the mean loss over the `rows` records.
    /// - Complexity: three GEMMs per layer, O(rows · parameterCount).
    public func lossAndGradient(parameters: UnsafeBufferPointer<Float>, inputs: UnsafeBufferPointer<Float>,
                                labels: UnsafeBufferPointer<UInt8>, gradient: UnsafeMutableBufferPointer<Float>,
                                workspace w: Workspace) -> Float {
        let rows = labels.count
        precondition(parameters.count == parameterCount && gradient.count == parameterCount, "parameter count mismatch")
        precondition(inputs.count == rows * self.inputs && rows > 0, "inputs must hold rows × inputs values")
        let p = parameters.baseAddress!, g = gradient.baseAddress!, x = inputs.baseAddress!
        forward(p, inputs: x, rows: rows, workspace: w)

        let last = layers.count - 1
        w.delta.update(from: w.outputs[last], count: rows * outputs)
        let loss = softmaxCrossEntropy(w.delta, rows: rows, classes: outputs, labels: labels.baseAddress!)

        var delta = w.delta, below = w.deltaBelow
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layers[l]
            let input: UnsafePointer<Float> = l == 0 ? x : UnsafePointer(w.outputs[l - 1])
            // dW = δᵀ · a_(l−1): [out × rows] · [rows × in].
            BLAS.gemm(transA: true, transB: false, m: layer.outputs, n: layer.inputs, k: rows,
                      delta, lda: layer.outputs, input, ldb: layer.inputs,
                      beta: 0, g + layer.weightOffset, ldc: layer.inputs)
            let db = g + layer.biasOffset
            db.update(repeating: 0, count: layer.outputs)
            for r in 0..<rows {
                let d = delta + r * layer.outputs
                for j in 0..<layer.outputs { db[j] += d[j] }
            }
            if l > 0 {
                // δ_(l−1) = δ · W: [rows × out] · [out × in].
                BLAS.gemm(transA: false, transB: false, m: rows, n: layer.inputs, k: layer.outputs,
                          delta, lda: layer.outputs, p + layer.weightOffset, ldb: layer.inputs,
                          beta: 0, below, ldc: layer.inputs)
                activation.backward(UnsafeMutableBufferPointer(start: below, count: rows * layer.inputs),
                                    output: UnsafeBufferPointer(start: w.outputs[l - 1], count: rows * layer.inputs))
                swap(&delta, &below)
            }
        }
        return loss
    }

    /// The mean cross-entropy of a batch, without gradients.
    public func loss(parameters: UnsafeBufferPointer<Float>, inputs: UnsafeBufferPointer<Float>,
                     labels: UnsafeBufferPointer<UInt8>, workspace w: Workspace) -> Float {
        let rows = labels.count
        precondition(parameters.count == parameterCount && inputs.count == rows * self.inputs && rows > 0)
        forward(parameters.baseAddress!, inputs: inputs.baseAddress!, rows: rows, workspace: w)
        return softmaxCrossEntropy(w.outputs[layers.count - 1], rows: rows, classes: outputs,
                                   labels: labels.baseAddress!, computeGradient: false)
    }

    /// How many of `labels.count` records the network classifies correctly (arg-max of the logits,
    /// the first on ties), evaluated in chunks of the workspace's capacity.
    public func correctCount(parameters: UnsafeBufferPointer<Float>, inputs: UnsafeBufferPointer<Float>,
                             labels: UnsafeBufferPointer<UInt8>, workspace w: Workspace) -> Int {
        precondition(inputs.count == labels.count * self.inputs)
        var correct = 0
        var start = 0
        while start < labels.count {
            let rows = min(w.capacity, labels.count - start)
            forward(parameters.baseAddress!, inputs: inputs.baseAddress! + start * self.inputs, rows: rows, workspace: w)
            let logits = w.outputs[layers.count - 1]
            for r in 0..<rows {
                let z = logits + r * outputs
                var best = 0
                for j in 1..<outputs where z[j] > z[best] { best = j }
                if best == Int(labels[start + r]) { correct += 1 }
            }
            start += rows
        }
        return correct
    }
}
