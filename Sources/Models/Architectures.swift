/// The models trajviz trains, each built from layers as the torch module of the same name.
extension Model {
    /// A multilayer perceptron: `nn.Sequential(Linear, act, Linear, act, ..., Linear)`, the
    /// activation between dense layers and none after the last.
    ///
    /// - Throws: ``ModelError/invalidHidden(_:)`` when a width is not positive.
    public static func mlp(inputs: Int, hidden: [Int], outputs: Int, activation: Activation) throws(ModelError) -> Model {
        guard hidden.allSatisfy({ $0 > 0 }) else { throw .invalidHidden(hidden.map(String.init).joined(separator: ",")) }
        precondition(inputs > 0 && outputs > 0, "inputs and outputs must be positive")
        let sizes = [inputs] + hidden + [outputs]
        var layers: [any Layer] = []
        for (i, (a, b)) in zip(sizes, sizes.dropFirst()).enumerated() {
            layers.append(Dense(inputs: a, outputs: b))
            if i < sizes.count - 2 { layers.append(ActivationLayer(activation, shape: RecordShape([b]))) }
        }
        return Model(layers, summary: "MLP \(sizes.map(String.init).joined(separator: "-")) (\(activation.rawValue))")
    }

    /// The CNN of the seeds' MNIST experiment, for `side × side` single-channel images:
    ///
    ///     nn.Sequential(Conv2d(1, 32, 3), ReLU(), MaxPool2d(2), Conv2d(32, 64, 3), ReLU(), MaxPool2d(2),
    ///                   Flatten(), Linear(64·5·5, 128), ReLU(), Linear(128, classes))
    ///
    /// (1600 inputs to the first dense layer for 28 × 28 images.) Tensors: `0.*`, `3.*`, `7.*`, `9.*`.
    public static func cnn(side: Int = 28, classes: Int = 10) -> Model {
        var layers: [any Layer] = []
        func add(_ layer: any Layer) { layers.append(layer) }
        let image = RecordShape([1, side, side])
        add(Conv2d(inChannels: 1, outChannels: 32, kernel: 3, input: image))
        add(ActivationLayer(.relu, shape: layers.last!.outputShape))
        add(MaxPool2d(size: 2, input: layers.last!.outputShape))
        add(Conv2d(inChannels: 32, outChannels: 64, kernel: 3, input: layers.last!.outputShape))
        add(ActivationLayer(.relu, shape: layers.last!.outputShape))
        add(MaxPool2d(size: 2, input: layers.last!.outputShape))
        add(Flatten(input: layers.last!.outputShape))
        add(Dense(inputs: layers.last!.outputShape.count, outputs: 128))
        add(ActivationLayer(.relu, shape: RecordShape([128])))
        add(Dense(inputs: 128, outputs: classes))
        return Model(layers, summary: "CNN conv 32-64, dense \(layers[7].inputShape.count)-128-\(classes)")
    }

    /// One dense layer without bias, `nn.Linear(inputs, outputs, bias=False)` by itself: its one
    /// tensor is named `weight`.
    public static func linear(inputs: Int, outputs: Int) -> Model {
        Model([Dense(inputs: inputs, outputs: outputs, bias: false)], sequential: false,
              summary: "Linear(\(inputs), \(outputs), bias=False)")
    }
}
