/// Where one dense layer's parameters live in the flat buffer: weight `[out, in]` row-major, then
/// bias `[out]`, torch's `nn.Linear` layout and `parameters()` order.
public struct DenseLayout: Sendable, Hashable {
    public var inputs: Int
    public var outputs: Int
    public var weightOffset: Int
    public var biasOffset: Int
    public var parameterCount: Int { inputs * outputs + outputs }
}

/// A multilayer perceptron: dense layers with one activation between them, softmax cross-entropy
/// on the last. It holds the shape only; the parameters are one flat `[Float]` owned by the caller,
/// so that an optimizer updates all of them in one call.
///
///     let net = try Network(inputs: 784, hidden: [128], outputs: 10, activation: .relu)
///     net.parameterCount      // 101770 = 784·128 + 128 + 128·10 + 10
///     var p = net.initialParameters(seed: 0)
public struct Network: Sendable, Hashable {
    public var inputs: Int
    public var hidden: [Int]
    public var outputs: Int
    public var activation: Activation
    public var layers: [DenseLayout]
    public var parameterCount: Int

    /// - Throws: ``MLPError/invalidHidden(_:)`` when a size is not positive.
    public init(inputs: Int, hidden: [Int], outputs: Int, activation: Activation) throws(MLPError) {
        guard hidden.allSatisfy({ $0 > 0 }) else {
            throw .invalidHidden(hidden.map(String.init).joined(separator: ","))
        }
        precondition(inputs > 0 && outputs > 0, "inputs and outputs must be positive")
        self.inputs = inputs; self.hidden = hidden; self.outputs = outputs; self.activation = activation
        let sizes = [inputs] + hidden + [outputs]
        var offset = 0
        var layers: [DenseLayout] = []
        for (i, o) in zip(sizes, sizes.dropFirst()) {
            layers.append(DenseLayout(inputs: i, outputs: o, weightOffset: offset, biasOffset: offset + i * o))
            offset += i * o + o
        }
        self.layers = layers
        self.parameterCount = offset
    }

    /// The widths of every layer, inputs first: `[784, 128, 10]`.
    public var sizes: [Int] { [inputs] + hidden + [outputs] }

    /// Parameters drawn as torch's `nn.Linear.reset_parameters` draws them: weight by Kaiming-uniform
    /// with a = √5, which is U(−1/√fan_in, 1/√fan_in), and bias U(−1/√fan_in, 1/√fan_in), layer by
    /// layer, weight before bias, from ``SplitMix64`` seeded with `seed` (the distribution of torch's
    /// weights, not torch's values).
    ///
    /// - Complexity: O(``parameterCount``).
    public func initialParameters(seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        var p = [Float](repeating: 0, count: parameterCount)
        for layer in layers {
            // gain = √(2 / (1 + a²)) = √(1/3); bound = gain · √(3 / fan_in) = 1 / √fan_in.
            let bound = 1 / Float(layer.inputs).squareRoot()
            for i in layer.weightOffset..<(layer.biasOffset + layer.outputs) {
                p[i] = (2 * generator.nextUnitFloat() - 1) * bound
            }
        }
        return p
    }
}
