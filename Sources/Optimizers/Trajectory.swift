/// A path of one optimizer across a 2D surface: the points and losses from step 0 (the start)
/// to the last finite step, and the step at which it diverged, if it did.
public struct Trajectory: Sendable, Hashable {
    /// Unique per run: the spec as written (`adam:lr=0.05`) or the bare name.
    public var label: String
    /// The registry name (`adam`, `momentum`, ...).
    public var optimizer: String
    /// Every hyperparameter used, defaults included, in the rule's order.
    public var hyperparameters: Hyperparameters
    /// The steps asked for (the path holds `steps + 1` points unless it diverged).
    public var steps: Int
    public var xs: [Double]
    public var ys: [Double]
    public var losses: [Double]
    /// The first step whose point, loss or gradient was not finite; nil if none.
    public var divergedAt: Int?

    public init(label: String, optimizer: String, hyperparameters: Hyperparameters, steps: Int,
                xs: [Double], ys: [Double], losses: [Double], divergedAt: Int?) {
        self.label = label; self.optimizer = optimizer; self.hyperparameters = hyperparameters
        self.steps = steps; self.xs = xs; self.ys = ys; self.losses = losses; self.divergedAt = divergedAt
    }
}
