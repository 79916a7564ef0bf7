/// `torch.optim.lr_scheduler.ConstantLR`: lr·factor for `total_iters` steps, then lr again.
///
/// Chainable form: lr·factor at step 0, lr·(1/factor) at step total_iters, unchanged otherwise.
/// Closed form: base_lr·(factor + [t ≥ total_iters]·(1 − factor)).
struct ConstantLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let factor: Double
    let totalIters: Int

    init(factor: Double, totalIters: Int, group: inout ParamGroup) throws(ScheduleError) {
        if factor > 1.0 || factor < 0 {
            throw ScheduleError("constant: Constant multiplicative factor expected to be between 0 and 1.")
        }
        self.factor = factor; self.totalIters = totalIters
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        if lastEpoch == 0 { return group.lr * factor }
        if lastEpoch != totalIters { return group.lr }
        return group.lr * (try pyDiv(1.0, factor, in: "constant"))
    }

    func closedFormLr() throws(ScheduleError) -> Double? {
        baseLr * (factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor))
    }
}
