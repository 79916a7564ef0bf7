import RealModule

/// Mean softmax cross-entropy over a batch, as torch's `nn.CrossEntropyLoss()` (reduction "mean"):
///
///     L = (1/B) Σ_b [ log Σ_j exp(z_bj) − z_b,y_b ]
///     dL/dz_bj = (softmax(z_b)_j − [j = y_b]) / B
///
/// The log-sum-exp subtracts each row's maximum first, so large logits do not overflow. Per-row
/// sums run in Float as torch's do; the batch mean is accumulated in Double so that it does not
/// depend on the batch size's rounding.
///
/// - Complexity: O(B · classes).
public struct SoftmaxCrossEntropy: Loss {
    public typealias Target = ClassLabels
    public init() {}
    public var name: String { "CrossEntropyLoss" }

    public func evaluate(_ logits: UnsafePointer<Float>, width classes: Int, targets labels: UnsafePointer<UInt8>, rows: Int,
                         gradient: UnsafeMutablePointer<Float>?) -> Float {
        var total = 0.0
        let scale = 1 / Float(rows)
        for b in 0..<rows {
            let z = logits + b * classes
            let y = Int(labels[b])
            precondition(y < classes, "label \(y) is out of range for \(classes) classes")
            var m = z[0]
            for j in 1..<classes where z[j] > m { m = z[j] }
            var sum: Float = 0
            for j in 0..<classes { sum += Float.exp(z[j] - m) }
            let logSum = Float.log(sum)
            total += Double(logSum - (z[y] - m))
            if let gradient {
                let g = gradient + b * classes
                for j in 0..<classes { g[j] = Float.exp(z[j] - m - logSum) * scale }
                g[y] -= scale
            }
        }
        return Float(total / Double(rows))
    }
}
