/// A 2D convolution, torch's `nn.Conv2d(inChannels, outChannels, kernel)` with stride 1, no
/// padding, no dilation (cross-correlation, as torch computes it):
///
///     y[o, i, j] = b[o] + Σ_c Σ_u Σ_v W[o, c, u, v] · x[c, i + u, j + v]
///
/// W: [outChannels, inChannels, k, k] row-major, b: [outChannels]; an H × W input gives an
/// (H − k + 1) × (W − k + 1) output.
///
/// Computed as one GEMM for the whole batch (im2col; Chellapilla, Puri & Simard, "High performance
/// convolutional neural networks for document processing", 2006): the columns matrix X̂ has one row
/// per (c, u, v) and one column per output position (record, i, j), so that
///
///     Y = W · X̂ + b        [outChannels × rows·P] = [outChannels × K] · [K × rows·P],  K = inChannels·k², P = out H·W
///
/// and the output comes channel after channel (``BatchLayout/channels``). Backward, with δ = dL/dY:
///
///     dW = δ · X̂ᵀ,   db[o] = Σ δ[o, ·],   dX̂ = Wᵀ · δ,   dL/dx = col2im(dX̂)  (the overlapping patches summed)
///
/// X̂ is kept from forward to backward (``savedBytes(rows:)``); dX̂ lives in shared scratch.
public struct Conv2d: Layer {
    public var inChannels: Int
    public var outChannels: Int
    public var kernel: Int
    public var inputHeight: Int
    public var inputWidth: Int

    public init(inChannels: Int, outChannels: Int, kernel: Int, input: RecordShape) {
        precondition(inChannels > 0 && outChannels > 0 && kernel > 0, "a convolution needs positive sizes")
        precondition(input.dimensions.count == 3 && input.channels == inChannels, "Conv2d takes [\(inChannels), H, W], got \(input)")
        precondition(input.height >= kernel && input.width >= kernel, "the input \(input) is smaller than the \(kernel)×\(kernel) kernel")
        self.inChannels = inChannels; self.outChannels = outChannels; self.kernel = kernel
        self.inputHeight = input.height; self.inputWidth = input.width
    }

    public var kind: String { "Conv2d" }
    var outputHeight: Int { inputHeight - kernel + 1 }
    var outputWidth: Int { inputWidth - kernel + 1 }
    /// Rows of the columns matrix: one per (input channel, kernel row, kernel column).
    var patch: Int { inChannels * kernel * kernel }
    public var inputShape: RecordShape { RecordShape([inChannels, inputHeight, inputWidth]) }
    public var outputShape: RecordShape { RecordShape([outChannels, outputHeight, outputWidth]) }
    public func outputLayout(for input: BatchLayout) -> BatchLayout { .channels }
    public var parameters: [ParameterInfo] {
        [ParameterInfo(name: "weight", shape: [outChannels, inChannels, kernel, kernel], role: .weight),
         ParameterInfo(name: "bias", shape: [outChannels], role: .bias)]
    }

    public func savedBytes(rows: Int) -> Int { patch * rows * outputHeight * outputWidth * MemoryLayout<Float>.stride }
    public func temporaryBytes(rows: Int) -> Int { savedBytes(rows: rows) }

    public func resetParameters(_ p: UnsafeMutableBufferPointer<Float>, using generator: inout SplitMix64) {
        resetUniform(p, fanIn: patch, using: &generator)
    }

    /// Where value (c, record n, y, x) of the input lies, for either layout.
    @inline(__always)
    private func plane(_ c: Int, _ n: Int, rows: Int, layout: BatchLayout) -> Int {
        (layout == .channels ? c * rows + n : n * inChannels + c) * inputHeight * inputWidth
    }

    public func forward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                        rows: Int, layout: BatchLayout, saved: UnsafeMutableRawPointer) {
        let columns = saved.assumingMemoryBound(to: Float.self)
        let positions = rows * outputHeight * outputWidth
        im2col(input, into: columns, rows: rows, layout: layout)
        let bias = p + outChannels * patch
        for o in 0..<outChannels { (output + o * positions).update(repeating: bias[o], count: positions) }
        BLAS.gemm(transA: false, transB: false, m: outChannels, n: positions, k: patch,
                  p, lda: patch, columns, ldb: positions, beta: 1, output, ldc: positions)
    }

    public func backward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                         outputGradient delta: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                         parameterGradient g: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout,
                         saved: UnsafeMutableRawPointer, temporary: UnsafeMutableRawPointer) {
        let columns = UnsafePointer(saved.assumingMemoryBound(to: Float.self))
        let positions = rows * outputHeight * outputWidth
        // dW = δ · X̂ᵀ: [out × positions] · [positions × patch].
        BLAS.gemm(transA: false, transB: true, m: outChannels, n: patch, k: positions,
                  delta, lda: positions, columns, ldb: positions, beta: 0, g, ldc: patch)
        let db = g + outChannels * patch
        for o in 0..<outChannels {
            // Eight running sums (a single one is a chain of dependent additions, 5 % of the CNN's
            // training); as accurate, summed in another order than torch's, as any two sums are.
            let d = delta + o * positions
            var partial = SIMD8<Float>(repeating: 0)
            var i = 0
            while i + 8 <= positions {
                partial += UnsafeRawPointer(d + i).loadUnaligned(as: SIMD8<Float>.self)
                i += 8
            }
            var sum = partial.sum()
            while i < positions { sum += d[i]; i += 1 }
            db[o] = sum
        }
        guard let below = inputGradient else { return }
        // dX̂ = Wᵀ · δ: [patch × out] · [out × positions].
        let dColumns = temporary.assumingMemoryBound(to: Float.self)
        BLAS.gemm(transA: true, transB: false, m: patch, n: positions, k: outChannels,
                  p, lda: patch, delta, ldb: positions, beta: 0, dColumns, ldc: positions)
        col2im(dColumns, into: below, rows: rows, layout: layout)
    }

    /// Row (c, u, v) of X̂, column (n, i, j) = x[c, n, i + u, j + v].
    private func im2col(_ x: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout) {
        let oh = outputHeight, ow = outputWidth, w = inputWidth
        var dst = columns
        for c in 0..<inChannels {
            for u in 0..<kernel {
                for v in 0..<kernel {
                    for n in 0..<rows {
                        let src = x + plane(c, n, rows: rows, layout: layout) + u * w + v
                        for i in 0..<oh {
                            (dst + i * ow).update(from: src + i * w, count: ow)
                        }
                        dst += oh * ow
                    }
                }
            }
        }
    }

    /// The adjoint of ``im2col``: dL/dx[c, n, i + u, j + v] = Σ over the patches that read it.
    private func col2im(_ columns: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout) {
        let oh = outputHeight, ow = outputWidth, w = inputWidth
        x.update(repeating: 0, count: rows * inChannels * inputHeight * inputWidth)
        var src = columns
        for c in 0..<inChannels {
            for u in 0..<kernel {
                for v in 0..<kernel {
                    for n in 0..<rows {
                        let dst = x + plane(c, n, rows: rows, layout: layout) + u * w + v
                        for i in 0..<oh {
                            let d = dst + i * w, s = src + i * ow
                            for j in 0..<ow { d[j] += s[j] }
                        }
                        src += oh * ow
                    }
                }
            }
        }
    }
}
