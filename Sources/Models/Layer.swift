/// How a batch of records lies in one buffer between two layers.
///
/// * `records`: record after record, `[rows][features]` (a record's features in torch's `C, H, W`
///   order when it has channels): what the data, dense layers and `Flatten` produce.
/// * `channels`: channel after channel, `[C][rows][H][W]`: what `Conv2d` produces, so that one GEMM
///   computes a convolution for the whole batch (every channel's output is one contiguous row).
///
/// With one channel the two coincide, so images go straight into a first convolution.
public enum BatchLayout: Sendable, Hashable {
    case records, channels
}

/// The shape of one record between layers: `[features]`, or `[channels, height, width]`.
public struct RecordShape: Sendable, Hashable, CustomStringConvertible {
    public var dimensions: [Int]

    public init(_ dimensions: [Int]) {
        precondition(!dimensions.isEmpty && dimensions.allSatisfy { $0 > 0 }, "a shape needs positive sizes")
        self.dimensions = dimensions
    }

    /// Values per record.
    public var count: Int { dimensions.reduce(1, *) }
    /// Channels, height and width of an image-like shape (`[n]` is n channels of 1 × 1).
    public var channels: Int { dimensions[0] }
    public var height: Int { dimensions.count == 3 ? dimensions[1] : 1 }
    public var width: Int { dimensions.count == 3 ? dimensions[2] : 1 }

    public var description: String { "[" + dimensions.map(String.init).joined(separator: ", ") + "]" }
}

/// One parameter tensor of a layer, as torch's `state_dict()` lists it.
public struct ParameterInfo: Sendable, Hashable {
    public enum Role: Sendable, Hashable {
        /// A weight whose first dimension runs over the layer's output neurons (dense) or filters
        /// (convolution): `shape[0]` rows of `count / shape[0]` contiguous values, one row per output.
        case weight
        /// One value per output neuron or filter.
        case bias
    }

    /// The attribute name in torch: `weight`, `bias`.
    public var name: String
    public var shape: [Int]
    public var role: Role

    public var count: Int { shape.reduce(1, *) }
}

/// A differentiable function of a batch, whose parameters are a slice of the model's one flat
/// `Float` buffer.
///
/// A layer holds its shape only. The model gives it pointers: to its parameters (its slice of the
/// flat buffer, tensors in ``parameters`` order, each row-major in torch's layout), to its input
/// and output batches, and to scratch memory that lives from `forward` to `backward`. Layers whose
/// output overwrites their input (``isInPlace``: the activations) need no buffer of their own.
///
/// Adding a kind of layer means one conforming type; ``Model`` wires them.
public protocol Layer: Sendable {
    /// The module's class name in torch: `Linear`, `Conv2d`, `ReLU`, ...
    var kind: String { get }
    var inputShape: RecordShape { get }
    var outputShape: RecordShape { get }
    /// The layout this layer writes, given the layout it reads.
    func outputLayout(for input: BatchLayout) -> BatchLayout
    /// Parameter tensors in torch's `state_dict()` order (weight before bias).
    var parameters: [ParameterInfo] { get }
    /// Whether `forward` writes its output over its input (then `output == input`).
    var isInPlace: Bool { get }
    /// Bytes of scratch kept from `forward` to `backward` for `rows` records (im2col columns,
    /// max-pooling's choices).
    func savedBytes(rows: Int) -> Int
    /// Bytes of scratch used inside one `backward` call only, shared by every layer.
    func temporaryBytes(rows: Int) -> Int

    /// Draws the layer's parameters as torch's `reset_parameters()` distributes them, tensor by
    /// tensor in ``parameters`` order, from `generator`.
    func resetParameters(_ p: UnsafeMutableBufferPointer<Float>, using generator: inout SplitMix64)

    /// Computes the output batch of `rows` records.
    ///
    /// - Parameters:
    ///   - p: the layer's parameters.
    ///   - layout: how `input` is laid out (the output's layout is ``outputLayout(for:)``).
    ///   - saved: ``savedBytes(rows:)`` bytes for ``backward``.
    func forward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                 rows: Int, layout: BatchLayout, saved: UnsafeMutableRawPointer)

    /// Given dL/d(output) in `outputGradient`, writes dL/d(parameters) into `parameterGradient`
    /// (overwriting) and, when `inputGradient` is not nil, dL/d(input) into it. In-place layers
    /// get `inputGradient == outputGradient`. `output` holds what ``forward`` wrote (for in-place
    /// layers `input == output`).
    func backward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                  outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                  parameterGradient: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout,
                  saved: UnsafeMutableRawPointer, temporary: UnsafeMutableRawPointer)
}

extension Layer {
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
    public func outputLayout(for input: BatchLayout) -> BatchLayout { input }
    public var parameters: [ParameterInfo] { [] }
    public var isInPlace: Bool { false }
    public func savedBytes(rows: Int) -> Int { 0 }
    public func temporaryBytes(rows: Int) -> Int { 0 }
    public func resetParameters(_ p: UnsafeMutableBufferPointer<Float>, using generator: inout SplitMix64) {}
}

/// torch's default for `nn.Linear` and `nn.Conv2d`: weight by `kaiming_uniform_(a=√5)`, which is
/// U(−b, b) with b = gain·√(3/fan_in), gain = √(2/(1 + a²)) = √(1/3), so b = 1/√fan_in; bias
/// U(−1/√fan_in, 1/√fan_in). The draws come from trajviz's ``SplitMix64`` (torch's distribution,
/// not torch's values), weight before bias.
func resetUniform(_ p: UnsafeMutableBufferPointer<Float>, fanIn: Int, using generator: inout SplitMix64) {
    let bound = 1 / Float(fanIn).squareRoot()
    for i in p.indices { p[i] = (2 * generator.nextUnitFloat() - 1) * bound }
}
