/// Mean squared error over every output of a batch, as torch's `nn.MSELoss()` (reduction "mean"):
///
///     L = (1/N) Σ_i (o_i − t_i)²,   dL/do_i = (2/N)·(o_i − t_i),   N = rows · width
///
/// The gradient is computed as torch's kernel computes it, `Float(2/N) · (o − t)`; the mean is
/// accumulated in Double.
public struct MeanSquaredError: Loss {
    public typealias Target = TargetValues
    public init() {}
    public var name: String { "MSELoss" }

    public func evaluate(_ outputs: UnsafePointer<Float>, width: Int, targets: UnsafePointer<Float>, rows: Int,
                         gradient: UnsafeMutablePointer<Float>?) -> Float {
        let n = rows * width
        let alpha = Float(2 / Double(n))
        var total = 0.0
        for i in 0..<n {
            let d = outputs[i] - targets[i]
            total += Double(d * d)
            gradient?[i] = alpha * d
        }
        return Float(total / Double(n))
    }
}
