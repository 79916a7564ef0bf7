/// `torch.optim.lr_scheduler.ReduceLROnPlateau`: lr ← max(lr·factor, min_lr) once the loss has not
/// improved for more than `patience` steps, then `cooldown` steps of rest. Stepped with the loss
/// (`sched.step(loss)`), so it cannot sit inside a chain.
///
/// An improvement (mode min, threshold_mode rel): loss < best·(1 − threshold); abs: loss < best −
/// threshold; mode max mirrors both. A reduction smaller than `eps` is skipped.
struct ReduceLROnPlateau: Sendable {
    let minimize: Bool
    let relative: Bool
    let factor: Double
    let patience: Int
    let threshold: Double
    let cooldown: Int
    let minLr: Double
    let eps: Double
    var lastEpoch = 0
    var best: Double
    var cooldownCounter = 0
    var badEpochs = 0

    init(mode: String, factor: Double, patience: Int, threshold: Double, thresholdMode: String,
         cooldown: Int, minLr: Double, eps: Double) throws(ScheduleError) {
        if factor >= 1.0 { throw ScheduleError("plateau: Factor should be < 1.0.") }
        self.factor = factor; self.patience = patience; self.cooldown = cooldown; self.minLr = minLr; self.eps = eps
        self.threshold = threshold
        minimize = mode == "min"
        relative = thresholdMode == "rel"
        best = minimize ? .infinity : -.infinity
    }

    private func isBetter(_ a: Double, _ best: Double) -> Bool {
        switch (minimize, relative) {
        case (true, true): return a < best * (1.0 - threshold)
        case (true, false): return a < best - threshold
        case (false, true): return a > best * (threshold + 1.0)
        case (false, false): return a > best + threshold
        }
    }

    mutating func step(_ group: inout ParamGroup, metric current: Double) {
        lastEpoch += 1
        if isBetter(current, best) {
            best = current
            badEpochs = 0
        } else {
            badEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            badEpochs = 0
        }
        if badEpochs > patience {
            let old = group.lr
            let new = max(old * factor, minLr)
            if old - new > eps { group.lr = new }
            cooldownCounter = cooldown
            badEpochs = 0
        }
    }
}
