/// Mean absolute error over every output of a batch, as torch's `nn.L1Loss()` (reduction "mean"):
///
///     L = (1/N) Σ_i |o_i − t_i|,   dL/do_i = sign(o_i − t_i) / N,   N = rows · width
///
/// with torch's subgradient at a tie: sign(0) = 0 (autograd's `sgn`), so an output that equals its
/// target gets no gradient. The gradient's scale is `1/N` rounded to Float, as torch's mean
/// backward divides; the mean is accumulated in Double.
public struct MeanAbsoluteError: Loss {
    public typealias Target = TargetValues
    public init() {}
    public var name: String { "L1Loss" }

    public func evaluate(_ outputs: UnsafePointer<Float>, width: Int, targets: UnsafePointer<Float>, rows: Int,
                         gradient: UnsafeMutablePointer<Float>?) -> Float {
        let n = rows * width
        let scale = 1 / Float(n)
        var total = 0.0
        for i in 0..<n {
            let d = outputs[i] - targets[i]
            total += Double(abs(d))
            // sign(NaN) is NaN, so a non-finite output still shows in the gradient.
            gradient?[i] = d > 0 ? scale : d < 0 ? -scale : d == 0 ? 0 : .nan
        }
        return Float(total / Double(n))
    }
}
