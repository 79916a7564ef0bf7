/// A fully connected layer, torch's `nn.Linear(inputs, outputs, bias:)`:
///
///     y = x Wᵀ + b        W: [outputs, inputs] row-major, b: [outputs]
///
/// Backward, with δ = dL/dy for a batch of B records (rows of x):
///
///     dW = δᵀ x,   db = Σ_rows δ,   dL/dx = δ W
///
/// Three GEMMs through OpenBLAS; batches are laid out record after record.
public struct Dense: Layer {
    public var inputs: Int
    public var outputs: Int
    public var hasBias: Bool

    public init(inputs: Int, outputs: Int, bias: Bool = true) {
        precondition(inputs > 0 && outputs > 0, "a dense layer needs positive sizes")
        self.inputs = inputs; self.outputs = outputs; self.hasBias = bias
    }

    public var kind: String { "Linear" }
    public var inputShape: RecordShape { RecordShape([inputs]) }
    public var outputShape: RecordShape { RecordShape([outputs]) }
    public var parameters: [ParameterInfo] {
        [ParameterInfo(name: "weight", shape: [outputs, inputs], role: .weight)]
            + (hasBias ? [ParameterInfo(name: "bias", shape: [outputs], role: .bias)] : [])
    }

    public func resetParameters(_ p: UnsafeMutableBufferPointer<Float>, using generator: inout SplitMix64) {
        resetUniform(p, fanIn: inputs, using: &generator)
    }

    public func forward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                        rows: Int, layout: BatchLayout, saved: UnsafeMutableRawPointer) {
        precondition(layout == .records, "a dense layer reads records; put Flatten before it")
        // Start every row at the bias, then add X·Wᵀ with beta = 1.
        if hasBias {
            for r in 0..<rows { (output + r * outputs).update(from: p + inputs * outputs, count: outputs) }
        }
        BLAS.gemm(transA: false, transB: true, m: rows, n: outputs, k: inputs,
                  input, lda: inputs, p, ldb: inputs, beta: hasBias ? 1 : 0, output, ldc: outputs)
    }

    public func backward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                         outputGradient delta: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                         parameterGradient g: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout,
                         saved: UnsafeMutableRawPointer, temporary: UnsafeMutableRawPointer) {
        // dW = δᵀ · x: [out × rows] · [rows × in].
        BLAS.gemm(transA: true, transB: false, m: outputs, n: inputs, k: rows,
                  delta, lda: outputs, input, ldb: inputs, beta: 0, g, ldc: inputs)
        if hasBias {
            let db = g + inputs * outputs
            db.update(repeating: 0, count: outputs)
            for r in 0..<rows {
                let d = delta + r * outputs
                for j in 0..<outputs { db[j] += d[j] }
            }
        }
        if let below = inputGradient {
            // dL/dx = δ · W: [rows × out] · [out × in].
            BLAS.gemm(transA: false, transB: false, m: rows, n: inputs, k: outputs,
                      delta, lda: outputs, p, ldb: inputs, beta: 0, below, ldc: inputs)
        }
    }
}
