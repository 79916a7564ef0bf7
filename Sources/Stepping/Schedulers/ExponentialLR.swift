/// `torch.optim.lr_scheduler.ExponentialLR`: lr ← lr·gamma every step.
///
/// Closed form: base_lr·gamma^t.
struct ExponentialLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let gamma: Double

    init(gamma: Double, group: inout ParamGroup) throws(ScheduleError) {
        self.gamma = gamma
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        isInitial ? group.lr : group.lr * gamma
    }

    func closedFormLr() throws(ScheduleError) -> Double? {
        baseLr * (try pyPow(gamma, Double(lastEpoch), in: "exponential"))
    }
}
