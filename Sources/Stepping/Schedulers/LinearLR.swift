/// `torch.optim.lr_scheduler.LinearLR`: the rate's factor moves linearly from `start_factor` to
/// `end_factor` over `total_iters` steps (a warm-up when start_factor < end_factor).
///
/// Chainable form at step t ∈ 1...total_iters:
/// lr ← lr·(1 + (end − start) / (total_iters·start + (t − 1)·(end − start))).
/// Closed form: base_lr·(start + (end − start)·min(total_iters, t)/total_iters).
struct LinearLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let startFactor: Double
    let endFactor: Double
    let totalIters: Int

    init(startFactor: Double, endFactor: Double, totalIters: Int, group: inout ParamGroup) throws(ScheduleError) {
        if startFactor > 1.0 || startFactor <= 0 {
            throw ScheduleError("linear: Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        }
        if endFactor > 1.0 || endFactor < 0 {
            throw ScheduleError("linear: Ending multiplicative factor expected to be between 0 and 1.")
        }
        self.startFactor = startFactor; self.endFactor = endFactor; self.totalIters = totalIters
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        if lastEpoch == 0 { return group.lr * startFactor }
        if isInitial || lastEpoch > totalIters { return group.lr }
        let denominator = Double(totalIters) * startFactor + Double(lastEpoch - 1) * (endFactor - startFactor)
        return group.lr * (1.0 + (try pyDiv(endFactor - startFactor, denominator, in: "linear")))
    }

    func closedFormLr() throws(ScheduleError) -> Double? {
        baseLr * (startFactor + (try pyDiv((endFactor - startFactor) * Double(min(totalIters, lastEpoch)), Double(totalIters), in: "linear")))
    }
}
