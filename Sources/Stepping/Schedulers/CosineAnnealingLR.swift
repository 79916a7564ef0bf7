/// `torch.optim.lr_scheduler.CosineAnnealingLR`, in torch's recursive form, which keeps going past
/// `T_max` (the rate rises again towards the base rate, a period of 2·T_max).
///
/// ```
/// lr_t = (1 + cos(π·t/T)) / (1 + cos(π·(t − 1)/T)) · (lr_{t−1} − η_min) + η_min
/// lr_t = lr_{t−1} + (base − η_min)·(1 − cos(π/T))/2          when (t − 1 − T) mod 2T = 0
/// ```
/// Closed form (at a chain milestone): η_min + (base − η_min)·(1 + cos(π·t/T))/2.
///
/// Paper: Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts" (ICLR 2017).
struct CosineAnnealingLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0
    let tMax: Int
    let etaMin: Double

    init(tMax: Int, etaMin: Double, group: inout ParamGroup) throws(ScheduleError) {
        self.tMax = tMax; self.etaMin = etaMin
        try register(&group)
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        let t = Double(lastEpoch), T = Double(tMax)
        if isInitial { return group.lr }
        if stepCount == 1 && lastEpoch > 0 {
            return etaMin + (baseLr - etaMin) * (1 + pyCos(t * Double.pi / T)) / 2
        }
        if pyMod(lastEpoch - 1 - tMax, 2 * tMax) == 0 {
            return group.lr + (baseLr - etaMin) * (1 - pyCos(Double.pi / T)) / 2
        }
        let ratio = try pyDiv(1 + pyCos(Double.pi * t / T), 1 + pyCos(Double.pi * (t - 1) / T), in: "cosine")
        return ratio * (group.lr - etaMin) + etaMin
    }

    func closedFormLr() throws(ScheduleError) -> Double? {
        etaMin + (baseLr - etaMin) * (1 + pyCos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2
    }
}
