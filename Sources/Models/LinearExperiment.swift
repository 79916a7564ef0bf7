/// The seeds' linear experiment: a bias-free `nn.Linear(20, 20)` fitted to one record,
///
///     y = w·x + 2,   x ~ N(0, 1)^20,   w ~ N(0, 1) (a scalar)
///
/// under `MSELoss` or `L1Loss`. With one input the fit is exact for many weight matrices, so under
/// MSE the loss can reach ~0; under L1 the subgradient's constant size keeps every optimizer
/// hopping around the minimum.
///
/// Draws, all from `seed`: x (20 values) then w from the standard normal stream of run 2
/// (``StandardNormal``), rounded to Float; y_i = Float(Double(w)·Double(x_i) + 2); the weights from
/// `Model.initialParameters(seed:)` (nn.Linear's U(±1/√20)). scripts/models/gen_fixtures.py draws the same.
public struct LinearExperiment: Sendable {
    public static let size = 20
    public var seed: UInt64
    public var x: [Float]
    public var w: Float
    public var y: [Float]

    public init(seed: UInt64) {
        self.seed = seed
        var normal = StandardNormal(seed: seed, run: 2)
        x = (0..<Self.size).map { _ in Float(normal.next()) }
        w = Float(normal.next())
        let w = self.w
        y = x.map { Float(Double(w) * Double($0) + 2) }
    }

    public var model: Model { .linear(inputs: Self.size, outputs: Self.size) }

    /// The one record, as a data set.
    public var data: Dataset<TargetValues> {
        Dataset(features: Self.size, inputs: x, targets: TargetValues(values: y, width: Self.size))
    }

    /// The settings a bare name takes in this experiment (the seeds' choices); other names keep their defaults.
    public static let settings: [String: [(String, Double)]] = [
        "sgd": [("lr", 0.1)],
        "momentum": [("lr", 0.1), ("momentum", 0.9)],
        "adam": [("lr", 0.1), ("beta1", 0.9), ("beta2", 0.99), ("eps", 1e-9)],
        "rmsprop": [],
    ]
    /// The optimizers run when none is named.
    public static let defaultOptimizers = ["sgd", "momentum", "adam", "rmsprop"]
}
