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
    /// The learning rate each step used: `lrs[k]` took point k to point k + 1 (so one fewer than
    /// the points when recorded); empty when the rate was not recorded.
    public var lrs: [Double]
    /// The schedule as written after `@` in the spec (`cosine:T_max=300`); nil for a constant rate.
    public var schedule: String?
    /// Which of `--runs` noisy runs this is (1-based); nil without `--runs`.
    public var run: Int?
    /// How the figure shows the path (the spec's `label=` and `color=`).
    public var appearance: PathAppearance

    public init(label: String, optimizer: String, hyperparameters: Hyperparameters, steps: Int,
                xs: [Double], ys: [Double], losses: [Double], divergedAt: Int?,
                lrs: [Double] = [], schedule: String? = nil, run: Int? = nil,
                appearance: PathAppearance = PathAppearance()) {
        self.label = label; self.optimizer = optimizer; self.hyperparameters = hyperparameters
        self.steps = steps; self.xs = xs; self.ys = ys; self.losses = losses; self.divergedAt = divergedAt
        self.lrs = lrs; self.schedule = schedule; self.run = run; self.appearance = appearance
    }
}
