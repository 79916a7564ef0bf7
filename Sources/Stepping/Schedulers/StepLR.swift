/// `torch.optim.lr_scheduler.StepLR`: lr ← lr·gamma every `step_size` steps.
///
/// Chainable form: the rate is unchanged at step 0 and between multiples of step_size, multiplied
/// by gamma at each multiple. Closed form (at a chain milestone): base_lr·gamma^⌊t/step_size⌋.
struct StepLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let stepSize: Int
    let gamma: Double

    init(stepSize: Int, gamma: Double, group: inout ParamGroup) throws(ScheduleError) {
        self.stepSize = stepSize; self.gamma = gamma
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        if lastEpoch == 0 || pyMod(lastEpoch, stepSize) != 0 { return group.lr }
        return group.lr * gamma
    }

    func closedFormLr() throws(ScheduleError) -> Double? {
        baseLr * (try pyPow(gamma, Double(pyFloorDiv(lastEpoch, stepSize)), in: "step"))
    }
}
