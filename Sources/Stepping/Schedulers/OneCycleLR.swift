import Optimizers

/// `torch.optim.lr_scheduler.OneCycleLR`: the 1cycle policy. The rate rises from
/// max_lr/div_factor to max_lr over pct_start of `total_steps`, then anneals to
/// max_lr/(div_factor·final_div_factor); with `three_phase` it first comes back down to the start
/// rate symmetrically. With `cycle_momentum` the momentum (SGD, RMSprop) or beta1 (the Adam
/// family) moves the other way, between max_momentum and base_momentum.
///
/// ```
/// phase i from s₀ to s₁ (s₁ = pct_start·total − 1, then total − 1):
///     pct = (t − s₀)/(s₁ − s₀)
///     cos:    end + (start − end)/2·(1 + cos(π·pct));   linear: (end − start)·pct + start
/// ```
/// Stepping past `total_steps` is an error, as in torch.
///
/// Paper: Smith & Topin, "Super-Convergence: Very Fast Training of Neural Networks Using Large
/// Learning Rates" (2018).
struct OneCycleLR: TorchScheduler {
    var lastEpoch = -1, stepCount = 0, isInitial = false, baseLr = 0.0

    /// A group key a phase starts or ends at.
    enum Key: Sendable { case initialLr, maxLr, minLr, maxMomentum, baseMomentum }
    struct Phase: Sendable {
        var endStep: Double
        var startLr: Key, endLr: Key, startMomentum: Key, endMomentum: Key
    }

    let totalSteps: Int
    let phases: [Phase]
    let linear: Bool
    let cycleMomentum: Bool

    init(maxLr: Double, totalSteps: Int, pctStart: Double, annealStrategy: String, cycleMomentum: Bool,
         baseMomentum: Double, maxMomentum: Double, divFactor: Double, finalDivFactor: Double, threePhase: Bool,
         group: inout ParamGroup) throws(ScheduleError) {
        if totalSteps <= 0 {
            throw ScheduleError("onecycle: Expected positive integer total_steps, but got \(totalSteps)")
        }
        self.totalSteps = totalSteps
        let total = Double(totalSteps)
        if threePhase {
            phases = [
                Phase(endStep: pctStart * total - 1, startLr: .initialLr, endLr: .maxLr, startMomentum: .maxMomentum, endMomentum: .baseMomentum),
                Phase(endStep: 2 * pctStart * total - 2, startLr: .maxLr, endLr: .initialLr, startMomentum: .baseMomentum, endMomentum: .maxMomentum),
                Phase(endStep: total - 1, startLr: .initialLr, endLr: .minLr, startMomentum: .maxMomentum, endMomentum: .maxMomentum),
            ]
        } else {
            phases = [
                Phase(endStep: pctStart * total - 1, startLr: .initialLr, endLr: .maxLr, startMomentum: .maxMomentum, endMomentum: .baseMomentum),
                Phase(endStep: total - 1, startLr: .maxLr, endLr: .minLr, startMomentum: .baseMomentum, endMomentum: .maxMomentum),
            ]
        }
        if pctStart < 0 || pctStart > 1 {
            throw ScheduleError("onecycle: Expected float between 0 and 1 pct_start, but got \(pythonRepr(pctStart))")
        }
        linear = annealStrategy == "linear"
        let initial = try pyDiv(maxLr, divFactor, in: "onecycle")
        group.initialLr = initial
        group.maxLr = maxLr
        group.minLr = try pyDiv(initial, finalDivFactor, in: "onecycle")
        self.cycleMomentum = cycleMomentum
        if cycleMomentum {
            try checkCycling(group, schedule: "onecycle")
            group.momentum = maxMomentum
            group.maxMomentum = maxMomentum
            group.baseMomentum = baseMomentum
        }
        try register(&group)
    }

    private func value(_ key: Key, _ group: ParamGroup) -> Double {
        switch key {
        case .initialLr: return group.initialLr!
        case .maxLr: return group.maxLr!
        case .minLr: return group.minLr!
        case .maxMomentum: return group.maxMomentum!
        case .baseMomentum: return group.baseMomentum!
        }
    }

    private func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        if linear { return (end - start) * pct + start }
        let cosOut = pyCos(Double.pi * pct) + 1
        return end + (start - end) / 2.0 * cosOut
    }

    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double {
        let stepNum = lastEpoch
        if stepNum > totalSteps {
            throw ScheduleError("onecycle: Tried to step \(stepNum) times. The specified number of total steps is \(totalSteps) (total_steps defaults to the run's steps; give a total_steps of at least the steps run)")
        }
        var startStep = 0.0
        for (i, phase) in phases.enumerated() {
            if Double(stepNum) <= phase.endStep || i == phases.count - 1 {
                let pct = try pyDiv(Double(stepNum) - startStep, phase.endStep - startStep, in: "onecycle")
                let computed = anneal(value(phase.startLr, group), value(phase.endLr, group), pct)
                if cycleMomentum {
                    group.momentum = anneal(value(phase.startMomentum, group), value(phase.endMomentum, group), pct)
                }
                return computed
            }
            startStep = phase.endStep
        }
        preconditionFailure("the last phase always matches")
    }
}

/// torch's check that a momentum-cycling scheduler has something to cycle.
func checkCycling(_ group: ParamGroup, schedule: String) throws(ScheduleError) {
    if group.cycles == .none {
        throw ScheduleError("\(schedule): optimizer must support momentum or beta1 with `cycle_momentum` option enabled (this optimizer has neither; add cycle_momentum=false)")
    }
}
