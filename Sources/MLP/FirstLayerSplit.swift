/// The forward pass cut after the first layer's affine map, for evaluating many parameter vectors
/// that differ along a few directions (the loss landscape, `Sources/Landscape`).
///
/// The first layer's pre-activation z = x·Wᵀ + b is linear in (W, b) jointly, so on a plane of
/// parameters θ(α, β) = θ₀ + α·d₁ + β·d₂
///
///     z(α, β) = z(θ₀) + α·z(d₁) + β·z(d₂)
///
/// where z(d) is the same affine map with d's slice as its weights and bias. Three GEMMs for a
/// whole grid instead of one per grid point; only the (small) rest of the network runs per point.
extension Network {
    /// The width of the first layer's output.
    public var firstLayerWidth: Int { layers[0].outputs }

    /// Where the first layer's weight and bias sit in the flat buffer.
    public var firstLayerParameters: Range<Int> { layers[0].weightOffset..<(layers[0].biasOffset + layers[0].outputs) }

    /// z = x·Wᵀ + b of the first layer for `rows` records, W and b read from a full parameter buffer.
    ///
    /// - Parameters:
    ///   - parameters: ``parameterCount`` values (only the first layer's are read).
    ///   - inputs: `rows × inputs` values, row-major.
    ///   - z: receives `rows × firstLayerWidth` values.
    /// - Complexity: one GEMM, O(rows · inputs · firstLayerWidth).
    public func firstLayerPreactivation(parameters: UnsafePointer<Float>, inputs: UnsafePointer<Float>, rows: Int,
                                        into z: UnsafeMutablePointer<Float>) {
        let layer = layers[0]
        for r in 0..<rows { (z + r * layer.outputs).update(from: parameters + layer.biasOffset, count: layer.outputs) }
        BLAS.gemm(transA: false, transB: true, m: rows, n: layer.outputs, k: layer.inputs,
                  inputs, lda: layer.inputs, parameters + layer.weightOffset, ldb: layer.inputs,
                  beta: 1, z, ldc: layer.outputs)
    }

    /// The mean cross-entropy and the number of correctly classified records (arg-max of the
    /// logits, the first on ties) of the network whose first layer gave `z`, the other layers'
    /// parameters read from `parameters`: the rest of ``lossAndGradient(parameters:inputs:labels:gradient:workspace:)``'s
    /// forward pass, without gradients.
    ///
    /// - Parameters:
    ///   - z: `labels.count × firstLayerWidth` pre-activations; overwritten.
    ///   - parameters: ``parameterCount`` values (the first layer's are not read).
    /// - Precondition: `labels.count` ≤ the workspace's capacity.
    public func evaluate(firstLayerPreactivation z: UnsafeMutablePointer<Float>, parameters: UnsafePointer<Float>,
                         labels: UnsafeBufferPointer<UInt8>, workspace w: Workspace) -> (loss: Float, correct: Int) {
        let rows = labels.count
        precondition(rows > 0 && rows <= w.capacity && w.network == self, "workspace too small or for another network")
        var input = UnsafePointer(z)
        var logits = z
        for (l, layer) in layers.enumerated() {
            if l > 0 {
                let out = w.outputs[l]
                for r in 0..<rows { (out + r * layer.outputs).update(from: parameters + layer.biasOffset, count: layer.outputs) }
                BLAS.gemm(transA: false, transB: true, m: rows, n: layer.outputs, k: layer.inputs,
                          input, lda: layer.inputs, parameters + layer.weightOffset, ldb: layer.inputs,
                          beta: 1, out, ldc: layer.outputs)
                logits = out
            }
            if l < layers.count - 1 {
                activation.apply(UnsafeMutableBufferPointer(start: logits, count: rows * layer.outputs))
                input = UnsafePointer(logits)
            }
        }
        var correct = 0
        for r in 0..<rows {
            let row = logits + r * outputs
            var best = 0
            for j in 1..<outputs where row[j] > row[best] { best = j }
            if best == Int(labels[r]) { correct += 1 }
        }
        let loss = softmaxCrossEntropy(logits, rows: rows, classes: outputs, labels: labels.baseAddress!, computeGradient: false)
        return (loss, correct)
    }

    /// The mean cross-entropy and the correct count of `parameters` on a set of records, in one
    /// forward pass per `workspace.capacity` records (the loss is the mean over all records).
    ///
    /// - Complexity: O(labels.count · parameterCount).
    public func evaluate(parameters: UnsafeBufferPointer<Float>, inputs: UnsafeBufferPointer<Float>,
                         labels: UnsafeBufferPointer<UInt8>, workspace w: Workspace) -> (loss: Float, correct: Int) {
        precondition(parameters.count == parameterCount && inputs.count == labels.count * self.inputs && labels.count > 0)
        var total = 0.0, correct = 0, start = 0
        while start < labels.count {
            let rows = min(w.capacity, labels.count - start)
            let z = w.outputs[0]
            firstLayerPreactivation(parameters: parameters.baseAddress!, inputs: inputs.baseAddress! + start * self.inputs,
                                    rows: rows, into: z)
            let part = evaluate(firstLayerPreactivation: z, parameters: parameters.baseAddress!,
                                labels: UnsafeBufferPointer(rebasing: labels[start..<(start + rows)]), workspace: w)
            total += Double(part.loss) * Double(rows)
            correct += part.correct
            start += rows
        }
        return (Float(total / Double(labels.count)), correct)
    }
}
