/// Max pooling over non-overlapping windows, torch's `nn.MaxPool2d(size)` (stride = size, no
/// padding, floor mode: rows and columns that do not fill a window are dropped):
///
///     y[c, i, j] = max over u, v < size of x[c, size·i + u, size·j + v]
///
/// The gradient goes to the one input that gave each maximum; on ties, to the first in row-major
/// order within the window, and to the last NaN in a window that holds one, as torch's CPU kernel
/// does (`val > max || isnan(val)`). The choice is kept from forward to backward (one `Int32` per output).
/// Works in either layout: every (record, channel) plane is contiguous in both.
public struct MaxPool2d: Layer {
    public var size: Int
    public var channels: Int
    public var inputHeight: Int
    public var inputWidth: Int

    public init(size: Int, input: RecordShape) {
        precondition(size > 0, "a pooling window needs a positive size")
        precondition(input.dimensions.count == 3 && input.height >= size && input.width >= size,
                     "MaxPool2d(\(size)) needs [C, H, W] of at least \(size) × \(size), got \(input)")
        self.size = size; self.channels = input.channels
        self.inputHeight = input.height; self.inputWidth = input.width
    }

    public var kind: String { "MaxPool2d" }
    var outputHeight: Int { inputHeight / size }
    var outputWidth: Int { inputWidth / size }
    public var inputShape: RecordShape { RecordShape([channels, inputHeight, inputWidth]) }
    public var outputShape: RecordShape { RecordShape([channels, outputHeight, outputWidth]) }
    public func savedBytes(rows: Int) -> Int { rows * outputShape.count * MemoryLayout<Int32>.stride }

    public func forward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                        rows: Int, layout: BatchLayout, saved: UnsafeMutableRawPointer) {
        let choice = saved.assumingMemoryBound(to: Int32.self)
        let oh = outputHeight, ow = outputWidth, w = inputWidth
        let inPlane = inputHeight * inputWidth, outPlane = oh * ow
        for plane in 0..<(rows * channels) {
            let x = input + plane * inPlane, y = output + plane * outPlane, k = choice + plane * outPlane
            if size == 2 {
                for i in 0..<oh { pool2Row(x + 2 * i * w, width: w, outputs: ow, into: y + i * ow, choices: k + i * ow, base: 2 * i * w) }
                continue
            }
            for i in 0..<oh {
                for j in 0..<ow {
                    var best = (size * i) * w + size * j
                    var value = x[best]
                    for u in 0..<size {
                        for v in 0..<size {
                            let at = (size * i + u) * w + size * j + v
                            let candidate = x[at]
                            if candidate > value || candidate.isNaN { value = candidate; best = at }
                        }
                    }
                    y[i * ow + j] = value
                    k[i * ow + j] = Int32(best)
                }
            }
        }
    }

    /// One output row of a 2 × 2 pooling: outputs j read x[2j], x[2j + 1], x[w + 2j], x[w + 2j + 1] in
    /// torch's scan order, each taken when it is larger than the maximum so far or NaN. Four outputs at a
    /// time with selects, not branches: which input wins is as good as random, so a branch per
    /// comparison is mispredicted half the time (this loop was an eighth of the CNN's training).
    /// `base` is the offset of `x` in the plane, for the choices.
    @inline(__always)
    private func pool2Row(_ x: UnsafePointer<Float>, width w: Int, outputs ow: Int, into y: UnsafeMutablePointer<Float>,
                          choices k: UnsafeMutablePointer<Int32>, base: Int) {
        typealias V = SIMD4<Float>
        typealias I = SIMD4<Int32>
        var j = 0
        while 2 * j + 8 <= w && j + 4 <= ow {
            let top = UnsafeRawPointer(x + 2 * j).loadUnaligned(as: SIMD8<Float>.self)
            let bottom = UnsafeRawPointer(x + w + 2 * j).loadUnaligned(as: SIMD8<Float>.self)
            let at = I(repeating: Int32(truncatingIfNeeded: base + 2 * j)) &+ I(0, 2, 4, 6)
            var value = top.evenHalf, best = at
            @inline(__always) func visit(_ candidate: V, _ offset: Int) {
                // Selects by the mask's bits (−1 where taken), on the floats' bit patterns too:
                // `replace(with:where:)` compiles to a branch per lane, which had made this loop 9 %
                // of the CNN's training.
                let bits = (candidate .> value)._storage | (candidate .!= candidate)._storage
                value = unsafeBitCast((unsafeBitCast(value, to: I.self) & ~bits) | (unsafeBitCast(candidate, to: I.self) & bits), to: V.self)
                best = (best & ~bits) | ((at &+ Int32(truncatingIfNeeded: offset)) & bits)
            }
            visit(top.oddHalf, 1); visit(bottom.evenHalf, w); visit(bottom.oddHalf, w + 1)
            UnsafeMutableRawPointer(y + j).storeBytes(of: value, as: V.self)
            UnsafeMutableRawPointer(k + j).storeBytes(of: best, as: I.self)
            j += 4
        }
        while j < ow {
            var best = 2 * j, value = x[best]
            @inline(__always) func visit(_ at: Int) {
                if x[at] > value || x[at].isNaN { value = x[at]; best = at }
            }
            visit(2 * j + 1); visit(w + 2 * j); visit(w + 2 * j + 1)
            y[j] = value
            k[j] = Int32(truncatingIfNeeded: base + best)
            j += 1
        }
    }

    public func backward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                         outputGradient delta: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                         parameterGradient: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout,
                         saved: UnsafeMutableRawPointer, temporary: UnsafeMutableRawPointer) {
        guard let below = inputGradient else { return }
        let choice = UnsafePointer(saved.assumingMemoryBound(to: Int32.self))
        let inPlane = inputHeight * inputWidth, outPlane = outputHeight * outputWidth
        // Each band of `size` input rows is zeroed just before its outputs' gradients go in, while it is
        // in cache (zeroing the whole batch first, then scattering, went through memory twice); the
        // rows that fill no window are zeroed at the end. Windows do not overlap: one value each.
        let oh = outputHeight, ow = outputWidth, band = size * inputWidth
        for plane in 0..<(rows * channels) {
            let d = delta + plane * outPlane, k = choice + plane * outPlane, b = below + plane * inPlane
            for i in 0..<oh {
                (b + i * band).update(repeating: 0, count: band)
                for o in (i * ow)..<((i + 1) * ow) { b[Int(k[o])] = d[o] }
            }
            (b + oh * band).update(repeating: 0, count: inPlane - oh * band)
        }
    }
}
