import Foundation

/// `torch.optim.lr_scheduler.CyclicLR`: the rate cycles between `base_lr` and `max_lr`, rising for
/// step_size_up steps and falling for step_size_down; `triangular` keeps the amplitude,
/// `triangular2` halves it each cycle, `exp_range` scales it by gamma^t. With `cycle_momentum` the
/// momentum or beta1 cycles the other way between max_momentum and base_momentum.
///
/// ```
/// cycle = ⌊1 + t/(up + down)⌋;  x = 1 + t/(up + down) − cycle
/// s = x/r if x ≤ r else (x − 1)/(r − 1),  r = up/(up + down)
/// lr = base_lr + (max_lr − base_lr)·s·scale(cycle or t)
/// ```
///
/// Paper: Smith, "Cyclical Learning Rates for Training Neural Networks" (WACV 2017).
struct CyclicLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let maxLr: Double
    let totalSize: Double
    let stepRatio: Double
    let mode: String
    let gamma: Double
    let cycleMomentum: Bool
    let baseMomentum: Double
    let maxMomentum: Double

    init(baseLr: Double, maxLr: Double, stepSizeUp: Double, stepSizeDown: Double?, mode: String, gamma: Double,
         cycleMomentum: Bool, baseMomentum: Double, maxMomentum: Double, group: inout ParamGroup) throws(ScheduleError) {
        group.lr = baseLr
        self.maxLr = maxLr
        let down = stepSizeDown ?? stepSizeUp
        totalSize = stepSizeUp + down
        stepRatio = try pyDiv(stepSizeUp, totalSize, in: "cyclic")
        self.mode = mode
        self.gamma = gamma
        self.cycleMomentum = cycleMomentum
        self.baseMomentum = baseMomentum
        self.maxMomentum = maxMomentum
        if cycleMomentum {
            try checkCycling(group, schedule: "cyclic")
            group.momentum = maxMomentum
            group.maxMomentum = maxMomentum
            group.baseMomentum = baseMomentum
        }
        // torch's base class sets base_lrs from initial_lr for the initial step; CyclicLR sets its
        // own base_lrs only afterwards.
        try register(&group)
        self.baseLr = baseLr
    }

    private func scale(_ x: Double) throws(ScheduleError) -> Double {
        switch mode {
        case "triangular2": return try pyDiv(1, try pyPow(2.0, x - 1, in: "cyclic"), in: "cyclic")
        case "exp_range": return try pyPow(gamma, x, in: "cyclic")
        default: return 1.0
        }
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        let t = Double(lastEpoch)
        let cycle = (1 + t / totalSize).rounded(.down)
        let x = 1.0 + t / totalSize - cycle
        let scaleFactor = x <= stepRatio ? try pyDiv(x, stepRatio, in: "cyclic") : try pyDiv(x - 1, stepRatio - 1, in: "cyclic")
        // triangular and triangular2 scale by cycle; exp_range by the step.
        let scaleArgument = mode == "exp_range" ? t : cycle
        let lr = baseLr + (maxLr - baseLr) * scaleFactor * (try scale(scaleArgument))
        if cycleMomentum {
            let height = (maxMomentum - baseMomentum) * scaleFactor
            group.momentum = maxMomentum - height * (try scale(scaleArgument))
        }
        return lr
    }
}
