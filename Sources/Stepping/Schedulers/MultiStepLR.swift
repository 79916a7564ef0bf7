/// `torch.optim.lr_scheduler.MultiStepLR`: lr ← lr·gamma^k at a milestone listed k times.
///
/// Closed form (at a chain milestone): base_lr·gamma^(milestones ≤ t).
struct MultiStepLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    /// torch's `Counter(milestones)`.
    let counts: [Int: Int]
    let sorted: [Int]
    let gamma: Double

    init(milestones: [Int], gamma: Double, group: inout ParamGroup) throws(ScheduleError) {
        counts = milestones.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        sorted = milestones.sorted()
        self.gamma = gamma
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        guard let k = counts[lastEpoch] else { return group.lr }
        return group.lr * (try pyPow(gamma, Double(k), in: "multistep"))
    }

    func closedFormLr() throws(ScheduleError) -> Double? {
        baseLr * (try pyPow(gamma, Double(bisectRight(sorted, lastEpoch)), in: "multistep"))
    }
}
