/// torch's `nn.Flatten()`: each record's `[C, H, W]` values become one row of C·H·W features, in
/// torch's order (channel, then row, then column), ready for a dense layer.
///
/// A convolution's batch comes channel after channel (``BatchLayout/channels``), so flattening is
/// a transposition of `[C][rows][H·W]` into `[rows][C][H·W]`; a batch already record after record
/// is copied as it is. Backward transposes the gradient back.
public struct Flatten: Layer {
    public var shape: RecordShape

    public init(input: RecordShape) { shape = input }

    public var kind: String { "Flatten" }
    public var inputShape: RecordShape { shape }
    public var outputShape: RecordShape { RecordShape([shape.count]) }
    public func outputLayout(for input: BatchLayout) -> BatchLayout { .records }

    public func forward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                        rows: Int, layout: BatchLayout, saved: UnsafeMutableRawPointer) {
        guard layout == .channels else { output.update(from: input, count: rows * shape.count); return }
        let c = shape.channels, plane = shape.height * shape.width
        for n in 0..<rows {
            for k in 0..<c {
                (output + (n * c + k) * plane).update(from: input + (k * rows + n) * plane, count: plane)
            }
        }
    }

    public func backward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                         outputGradient delta: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                         parameterGradient: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout,
                         saved: UnsafeMutableRawPointer, temporary: UnsafeMutableRawPointer) {
        guard let below = inputGradient else { return }
        guard layout == .channels else { below.update(from: delta, count: rows * shape.count); return }
        let c = shape.channels, plane = shape.height * shape.width
        for n in 0..<rows {
            for k in 0..<c {
                (below + (k * rows + n) * plane).update(from: delta + (n * c + k) * plane, count: plane)
            }
        }
    }
}
