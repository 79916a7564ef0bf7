/// The forward pass cut after the first layer's affine map, for evaluating many parameter vectors
/// that differ along a few directions (the loss landscape, `Sources/Landscape`).
///
/// When the first layer is ``Dense``, its pre-activation z = x·Wᵀ + b is linear in (W, b) jointly,
/// so on a plane of parameters θ(α, β) = θ₀ + α·d₁ + β·d₂
///
///     z(α, β) = z(θ₀) + α·z(d₁) + β·z(d₂)
///
/// where z(d) is the same affine map with d's slice as its weights and bias. Three GEMMs for a
/// whole grid instead of one per grid point; only the (small) rest of the model runs per point.
extension Model {
    /// Whether the first layer is dense (the split needs its linearity in its parameters).
    public var firstLayerIsDense: Bool { layers[0] is Dense }

    /// The width of the first layer's output.
    public var firstLayerWidth: Int { layers[0].outputShape.count }

    /// Where the first layer's parameters (weight, then bias) sit in the flat buffer.
    public var firstLayerParameters: Range<Int> { offsets[0]..<(offsets[0] + layers[0].parameterCount) }

    /// z = x·Wᵀ + b of the first (dense) layer for `rows` records, W and b read from a full
    /// parameter buffer: the first layer's own forward pass.
    ///
    /// - Parameters:
    ///   - parameters: ``parameterCount`` values (only the first layer's are read).
    ///   - inputs: `rows × inputCount` values, row-major.
    ///   - z: receives `rows × firstLayerWidth` values.
    /// - Precondition: ``firstLayerIsDense``; OpenBLAS is loaded.
    /// - Complexity: one GEMM, O(rows · inputCount · firstLayerWidth).
    public func firstLayerPreactivation(parameters: UnsafePointer<Float>, inputs: UnsafePointer<Float>, rows: Int,
                                        into z: UnsafeMutablePointer<Float>) {
        precondition(firstLayerIsDense, "the first-layer split needs a dense first layer")
        // A dense layer keeps nothing for backward in its saved scratch.
        let none = UnsafeMutableRawPointer(z)
        layers[0].forward(parameters + offsets[0], input: inputs, output: z, rows: rows, layout: layouts[0], saved: none)
    }

    /// The workspace's buffer for the first layer's output: write z there (`rows ×
    /// firstLayerWidth` values) to save ``evaluate(firstLayerPreactivation:parameters:labels:workspace:)``
    /// a copy.
    public func firstLayerOutput(in w: Workspace) -> UnsafeMutablePointer<Float> {
        precondition(w.layerCount == layers.count && w.parameterCount == parameterCount, "workspace for another model")
        return w.outputs[0]
    }

    /// The mean softmax cross-entropy and the number of correctly classified records (arg-max of
    /// the outputs, the first on ties) of the model whose first layer gave `z`, the other layers'
    /// parameters read from `parameters`: the rest of the forward pass, without gradients.
    ///
    /// - Parameters:
    ///   - z: `labels.count × firstLayerWidth` pre-activations (copied into the workspace unless
    ///     they are already at ``firstLayerOutput(in:)``).
    ///   - parameters: ``parameterCount`` values (the first layer's are not read).
    /// - Precondition: ``firstLayerIsDense``; 0 < `labels.count` ≤ the workspace's capacity.
    public func evaluate(firstLayerPreactivation z: UnsafePointer<Float>, parameters: UnsafePointer<Float>,
                         labels: UnsafeBufferPointer<UInt8>, workspace w: Workspace) -> (loss: Float, correct: Int) {
        let rows = labels.count
        precondition(firstLayerIsDense, "the first-layer split needs a dense first layer")
        precondition(rows > 0 && rows <= w.capacity && w.layerCount == layers.count && w.parameterCount == parameterCount,
                     "workspace too small or for another model")
        let first = w.outputs[0]
        if UnsafePointer(first) != z { first.update(from: z, count: rows * firstLayerWidth) }
        for l in 1..<layers.count {
            layers[l].forward(parameters + offsets[l], input: UnsafePointer(w.outputs[l - 1]), output: w.outputs[l],
                              rows: rows, layout: layouts[l], saved: w.saved[l])
        }
        let outputs = w.lastOutputs
        let loss = SoftmaxCrossEntropy().evaluate(outputs, width: outputCount, targets: labels.baseAddress!, rows: rows, gradient: nil)
        let correct = ClassLabels.correctCount(outputs: outputs, width: outputCount, targets: labels.baseAddress!, rows: rows)!
        return (loss, correct)
    }
}
