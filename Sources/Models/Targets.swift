/// What a model is trained to produce for each record: the type a ``Loss`` reads.
///
/// Targets are stored record after record, ``width`` values of ``Element`` each, so that a batch's
/// targets are gathered the same way as its inputs.
public protocol Targets: Sendable {
    associatedtype Element: Sendable
    /// Values per record: 1 for a class label.
    var width: Int { get }
    /// `count × width` values.
    var values: [Element] { get }
    init(values: [Element], width: Int)
    /// How many of `rows` records a model's `outputs` get right, or nil when the targets have no
    /// notion of right (regression).
    static func correctCount(outputs: UnsafePointer<Float>, width: Int, targets: UnsafePointer<Element>, rows: Int) -> Int?
    /// Refuses targets that a model with `outputs` values per record cannot be trained on.
    func check(outputs: Int) throws(ModelError)
}

extension Targets {
    public var count: Int { values.count / width }
}

/// One class index per record (torch's `Long` targets of `CrossEntropyLoss`).
public struct ClassLabels: Targets {
    public var values: [UInt8]
    public var width: Int { 1 }

    public init(values: [UInt8], width: Int = 1) {
        precondition(width == 1, "class labels have one value per record")
        self.values = values
    }

    public init(_ labels: [UInt8]) { values = labels }

    /// Every label must name one of the model's outputs.
    public func check(outputs: Int) throws(ModelError) {
        if let bad = values.first(where: { Int($0) >= outputs }) { throw .labelOutOfRange(label: Int(bad), classes: outputs) }
    }

    /// The arg-max of each row of outputs (the first on ties) against the label.
    public static func correctCount(outputs: UnsafePointer<Float>, width: Int, targets: UnsafePointer<UInt8>, rows: Int) -> Int? {
        var correct = 0
        for r in 0..<rows {
            let z = outputs + r * width
            var best = 0
            for j in 1..<width where z[j] > z[best] { best = j }
            if best == Int(targets[r]) { correct += 1 }
        }
        return correct
    }
}

/// `width` real values per record (the targets of `MSELoss` and `L1Loss`).
public struct TargetValues: Targets {
    public var values: [Float]
    public var width: Int

    public init(values: [Float], width: Int) {
        precondition(width > 0 && values.count % width == 0, "target values must fill whole records")
        self.values = values; self.width = width
    }

    public static func correctCount(outputs: UnsafePointer<Float>, width: Int, targets: UnsafePointer<Float>, rows: Int) -> Int? { nil }

    /// One target value per output.
    public func check(outputs: Int) throws(ModelError) {
        guard width == outputs else { throw .targetWidth(model: outputs, data: width) }
    }
}

/// Records to learn from: `count` rows of `features` inputs, each with its targets.
public struct Dataset<T: Targets>: Sendable {
    public var count: Int
    public var features: Int
    /// `count × features` values, row-major.
    public var inputs: [Float]
    public var targets: T

    public init(features: Int, inputs: [Float], targets: T) {
        precondition(features > 0 && inputs.count == targets.count * features, "inputs must hold count × features values")
        self.features = features; self.inputs = inputs; self.targets = targets; self.count = targets.count
    }

    /// The records at `indices`, in that order.
    public func subset(_ indices: some Sequence<Int>) -> Dataset {
        var x: [Float] = [], y: [T.Element] = []
        let w = targets.width
        for i in indices {
            x += inputs[i * features ..< (i + 1) * features]
            y += targets.values[i * w ..< (i + 1) * w]
        }
        return Dataset(features: features, inputs: x, targets: T(values: y, width: w))
    }
}

/// Images with class labels: the MNIST check's data.
public typealias LabeledData = Dataset<ClassLabels>

extension Dataset where T == ClassLabels {
    public init(features: Int, inputs: [Float], labels: [UInt8]) {
        self.init(features: features, inputs: inputs, targets: ClassLabels(labels))
    }

    public var labels: [UInt8] { targets.values }
}
