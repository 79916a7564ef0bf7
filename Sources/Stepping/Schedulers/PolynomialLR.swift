/// `torch.optim.lr_scheduler.PolynomialLR`: the rate decays to 0 as (1 − t/total_iters)^power.
///
/// Chainable form at step t ∈ 1...total_iters:
/// lr ← lr·((1 − t/T) / (1 − (t − 1)/T))^power; unchanged after.
/// Closed form: base_lr·(1 − min(T, t)/T)^power.
struct PolynomialLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let totalIters: Int
    let power: Double

    init(totalIters: Int, power: Double, group: inout ParamGroup) throws(ScheduleError) {
        self.totalIters = totalIters; self.power = power
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        if isInitial || lastEpoch > totalIters { return group.lr }
        let t = Double(lastEpoch), total = Double(totalIters)
        let ratio = try pyDiv(1.0 - t / total, 1.0 - (t - 1) / total, in: "polynomial")
        return group.lr * (try pyPow(ratio, power, in: "polynomial"))
    }

    func closedFormLr() throws(ScheduleError) -> Double? {
        let fraction = try pyDiv(Double(min(totalIters, lastEpoch)), Double(totalIters), in: "polynomial")
        return baseLr * (try pyPow(1.0 - fraction, power, in: "polynomial"))
    }
}
