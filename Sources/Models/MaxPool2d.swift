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
                // The 2 × 2 window of every CNN here, unrolled in torch's scan order.
                for i in 0..<oh {
                    for j in 0..<ow {
                        let first = 2 * i * w + 2 * j
                        var best = first
                        var value = x[first]
                        @inline(__always) func visit(_ at: Int) {
                            let candidate = x[at]
                            if candidate > value || candidate.isNaN { value = candidate; best = at }
                        }
                        visit(first + 1); visit(first + w); visit(first + w + 1)
                        y[i * ow + j] = value
                        k[i * ow + j] = Int32(truncatingIfNeeded: best)
                    }
                }
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

    public func backward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                         outputGradient delta: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                         parameterGradient: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout,
                         saved: UnsafeMutableRawPointer, temporary: UnsafeMutableRawPointer) {
        guard let below = inputGradient else { return }
        let choice = UnsafePointer(saved.assumingMemoryBound(to: Int32.self))
        let inPlane = inputHeight * inputWidth, outPlane = outputHeight * outputWidth
        below.update(repeating: 0, count: rows * channels * inPlane)
        for plane in 0..<(rows * channels) {
            let d = delta + plane * outPlane, k = choice + plane * outPlane, b = below + plane * inPlane
            for o in 0..<outPlane { b[Int(k[o])] += d[o] }
        }
    }
}
