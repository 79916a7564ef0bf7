import Foundation

/// `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts`: cosine annealing from the base rate to
/// `eta_min` over T_i steps, then a restart; T_0 steps at first, each period T_mult times longer.
///
/// ```
/// lr = η_min + (base − η_min)·(1 + cos(π·T_cur/T_i))/2
/// ```
/// It overrides torch's `step()` (T_cur counts within the period) and has no closed form: at a
/// chain milestone its rate comes from its current T_cur.
///
/// Paper: Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts" (ICLR 2017).
struct CosineAnnealingWarmRestarts: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let t0: Int
    let tMult: Int
    let etaMin: Double
    /// Python ints, or floats after an explicit epoch with T_mult ≠ 1: kept as Doubles (exact).
    var tI: Double
    var tCur: Double

    init(t0: Int, tMult: Int, etaMin: Double, group: inout ParamGroup) throws(ScheduleError) {
        if t0 <= 0 { throw ScheduleError("cosine_restarts: Expected positive integer T_0, but got \(t0)") }
        if tMult < 1 { throw ScheduleError("cosine_restarts: Expected integer T_mult >= 1, but got \(tMult)") }
        self.t0 = t0; self.tMult = tMult; self.etaMin = etaMin
        tI = Double(t0); tCur = -1
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        etaMin + (baseLr - etaMin) * (1 + pyCos(Double.pi * tCur / tI)) / 2
    }

    mutating func step(_ group: inout ParamGroup) throws(ScheduleError) {
        var epoch: Double? = nil
        if lastEpoch < 0 { epoch = 0 }
        if let e = epoch {
            let T0 = Double(t0)
            if e >= T0 {
                if tMult == 1 {
                    tCur = pyMod(e, T0)
                } else {
                    let m = Double(tMult)
                    let n = Double(Int(log(e / T0 * (m - 1) + 1) / log(m)))
                    tCur = e - T0 * (pow(m, n) - 1) / (m - 1)
                    tI = T0 * pow(m, n)
                }
            } else {
                tI = T0
                tCur = e
            }
            lastEpoch = Int(e.rounded(.down))
        } else {
            lastEpoch += 1
            tCur += 1
            if tCur >= tI {
                tCur = pyMod(tCur, tI)
                tI *= Double(tMult)
            }
        }
        group.lr = try lr(&group)
    }
}
