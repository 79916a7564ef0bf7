/// A model: layers in sequence, as torch's `nn.Sequential`, whose parameters are one flat `Float`
/// buffer owned by the caller, so that an optimizer updates all of them in one call.
///
/// Each layer's parameters are one slice of the buffer, layers in order, and within a layer its
/// tensors in torch's `state_dict()` order, each row-major in torch's layout: the buffer is
/// `torch.cat([p.reshape(-1) for p in model.parameters()])`.
///
///     let mlp = try Model.mlp(inputs: 784, hidden: [128], outputs: 10, activation: .relu)
///     mlp.parameterCount      // 101770 = 784·128 + 128 + 128·10 + 10
///     mlp.tensors.map(\.name) // ["0.weight", "0.bias", "2.weight", "2.bias"]
///     var p = mlp.initialParameters(seed: 0)
public struct Model: Sendable {
    /// The layers in order.
    public let layers: [any Layer]
    /// Where each layer's parameters start in the flat buffer.
    public let offsets: [Int]
    public let parameterCount: Int
    /// Every parameter tensor with its torch name and its place in the flat buffer.
    public let tensors: [ParameterTensor]
    /// The layout of each layer's input (`layouts[l]`) and of the model's output (`layouts.last`).
    let layouts: [BatchLayout]
    /// A short description for titles: `784-128-10 (relu)`, `CNN 1-32-64`.
    public let summary: String

    /// Chains `layers`; tensors are named as torch names them in an `nn.Sequential` of these
    /// layers (`0.weight`, `2.bias`: the index of the module, activations and pooling counted), or,
    /// with `sequential: false` and a single layer, by the attribute alone (`weight`), as the
    /// `state_dict()` of that module by itself.
    ///
    /// - Precondition: each layer's input shape is the previous layer's output shape, and the first
    ///   layer does not work in place (it would overwrite the data).
    public init(_ layers: [any Layer], sequential: Bool = true, summary: String) {
        precondition(!layers.isEmpty, "a model needs a layer")
        precondition(!layers[0].isInPlace, "the first layer must not work in place")
        precondition(sequential || layers.count == 1, "only a single layer can be named without its index")
        var offsets: [Int] = [], tensors: [ParameterTensor] = [], layouts: [BatchLayout] = [.records]
        var offset = 0
        for (l, layer) in layers.enumerated() {
            if l > 0 {
                precondition(layer.inputShape == layers[l - 1].outputShape,
                             "layer \(l) (\(layer.kind)) takes \(layer.inputShape) but gets \(layers[l - 1].outputShape)")
            }
            offsets.append(offset)
            for p in layer.parameters {
                tensors.append(ParameterTensor(name: sequential ? "\(l).\(p.name)" : p.name, shape: p.shape, role: p.role,
                                               offset: offset, layer: l))
                offset += p.count
            }
            layouts.append(layer.outputLayout(for: layouts[l]))
        }
        self.layers = layers; self.offsets = offsets; self.tensors = tensors; self.layouts = layouts
        self.parameterCount = offset
        self.summary = summary
    }

    /// Values per input record.
    public var inputCount: Int { layers[0].inputShape.count }
    /// Values per output record (classes, for a classifier).
    public var outputCount: Int { layers[layers.count - 1].outputShape.count }

    /// The OpenBLAS thread count a single training of this model runs best on: a model with a
    /// convolution splits each batch over two threads (``DataParallel``: 0.57x torch's epoch where
    /// one thread is about 1x), the MLP's small GEMMs run fastest on one (`scripts/bench-mnist.sh`).
    /// A fixed 2, not the core count, so that the same command sums in the same order, and gives
    /// the same numbers, on every machine.
    public var preferredThreads: Int { layers.contains { $0 is Conv2d } ? 2 : 1 }

    /// The parameters of a fresh model, drawn from one ``SplitMix64`` seeded with `seed`, layer by
    /// layer and tensor by tensor in buffer order:
    ///
    /// * ``Initialization/torch``: each layer's `reset_parameters()` distribution (see ``Dense``,
    ///   ``Conv2d``);
    /// * ``Initialization/normal(std:)``: every weight from N(0, std²) (Marsaglia's polar method),
    ///   every bias 0, as `nn.init.normal_(w, std=std); nn.init.zeros_(b)`.
    ///
    /// - Complexity: O(``parameterCount``).
    public func initialParameters(seed: UInt64, initialization: Initialization = .torch) -> [Float] {
        var p = [Float](repeating: 0, count: parameterCount)
        p.withUnsafeMutableBufferPointer { p in
            switch initialization {
            case .torch:
                var generator = SplitMix64(seed: seed)
                for (l, layer) in layers.enumerated() where layer.parameterCount > 0 {
                    layer.resetParameters(UnsafeMutableBufferPointer(rebasing: p[offsets[l] ..< offsets[l] + layer.parameterCount]),
                                          using: &generator)
                }
            case .normal(let std):
                var normal = StandardNormal(seed: seed)
                for t in tensors where t.role == .weight {
                    for i in t.range { p[i] = Float(std * normal.next()) }
                }
            }
        }
        return p
    }
}

/// One parameter tensor of a model: its name in torch's `state_dict()`, its shape, and where it
/// lies in the flat buffer.
///
/// For a weight (``ParameterInfo/Role/weight``), the first dimension runs over the layer's output
/// neurons or filters: row `k` (``row(_:)``) holds the weights of output `k`, contiguous, which is
/// what filter normalisation (Li et al., "Visualizing the Loss Landscape of Neural Nets", 2018)
/// scales row by row.
public struct ParameterTensor: Sendable, Hashable {
    /// `0.weight`, `3.bias`, or `weight` for a model of one unnamed layer.
    public var name: String
    public var shape: [Int]
    public var role: ParameterInfo.Role
    /// The first value's index in the flat buffer.
    public var offset: Int
    /// The index of the layer that owns it.
    public var layer: Int

    public var count: Int { shape.reduce(1, *) }
    /// The indices of its values in the flat buffer.
    public var range: Range<Int> { offset ..< offset + count }
    /// Rows, one per output neuron or filter (`shape[0]`).
    public var rows: Int { shape[0] }
    /// The indices of row `k`: output `k`'s weights (or its bias, a row of one).
    public func row(_ k: Int) -> Range<Int> {
        let length = count / rows
        return offset + k * length ..< offset + (k + 1) * length
    }
    /// `[32, 1, 3, 3]`.
    public var shapeDescription: String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}

/// How a fresh model's parameters are drawn.
public enum Initialization: Sendable, Hashable, CustomStringConvertible {
    /// torch's default of every layer (`reset_parameters()`).
    case torch
    /// Weights from N(0, std²), biases 0.
    case normal(std: Double)

    public var description: String {
        switch self {
        case .torch: "torch"
        case .normal(let std): "normal:std=\(std)"
        }
    }
}
