import Optimizers

/// A schedule in progress: torch's scheduler objects and the optimizer's param group they move.
///
/// ``lr`` and ``momentum`` are what the next optimizer step uses; ``step(loss:)`` is torch's
/// `sched.step()` (`sched.step(loss)` for plateau), called after every optimizer step.
public struct ScheduleState: Sendable {
    var group: ParamGroup
    private var driver: Driver

    private enum Driver: Sendable {
        case single(any TorchScheduler)
        case chain(SequentialLR)
        case plateau(ReduceLROnPlateau)
    }

    /// The rate of the next step: `param_groups[0]['lr']`.
    public var lr: Double { group.lr }
    /// The momentum or beta1 a cycling schedule has set for the next step; nil when none has.
    public var momentum: Double? { group.momentum }

    /// The context of the optimizer's next step.
    @inlinable
    public func context(baseLr: Double, step: Int) -> StepContext {
        StepContext(lr: lr, baseLr: baseLr, step: step, momentum: momentum)
    }

    /// Steps the schedule once, after an optimizer step whose loss was `loss`.
    ///
    /// - Throws: ``ScheduleError`` when torch would raise here: OneCycleLR stepped past
    ///   `total_steps`, or a division by zero that torch's arithmetic hits.
    public mutating func step(loss: Double) throws(ScheduleError) {
        switch driver {
        case .single(var s):
            try s.step(&group)
            driver = .single(s)
        case .chain(var s):
            try s.step(&group)
            driver = .chain(s)
        case .plateau(var s):
            s.step(&group, metric: loss)
            driver = .plateau(s)
        }
    }

    init(_ schedule: Schedule, lr: Double, cycledMomentum: CycledMomentum, steps: Int) throws(ScheduleError) {
        group = ParamGroup(lr: lr, cycles: cycledMomentum)
        if schedule.isPlateau {
            driver = .plateau(try Self.plateau(schedule.stages[0]))
            return
        }
        var built: [any TorchScheduler] = []
        for stage in schedule.stages { built.append(try Self.build(stage, group: &group, steps: steps)) }
        if built.count == 1 {
            driver = .single(built[0])
        } else {
            driver = .chain(try SequentialLR(schedulers: built, milestones: schedule.milestones, group: &group))
        }
    }

    private static func plateau(_ stage: Schedule.Stage) throws(ScheduleError) -> ReduceLROnPlateau {
        let a = Arguments(stage)
        return try ReduceLROnPlateau(mode: a.word("mode"), factor: a.number("factor"), patience: a.integer("patience"),
                                     threshold: a.number("threshold"), thresholdMode: a.word("threshold_mode"),
                                     cooldown: a.integer("cooldown"), minLr: a.number("min_lr"), eps: a.number("eps"))
    }

    /// Constructs the torch scheduler of `stage` on `group`, as `Scheduler(optimizer, **args)` does.
    private static func build(_ stage: Schedule.Stage, group: inout ParamGroup, steps: Int) throws(ScheduleError) -> any TorchScheduler {
        let a = Arguments(stage)
        switch stage.kind.name {
        case "step":
            return try StepLR(stepSize: a.integer("step_size"), gamma: a.number("gamma"), group: &group)
        case "multistep":
            return try MultiStepLR(milestones: a.integers("milestones"), gamma: a.number("gamma"), group: &group)
        case "exponential":
            return try ExponentialLR(gamma: a.number("gamma"), group: &group)
        case "cosine":
            return try CosineAnnealingLR(tMax: a.integer("T_max"), etaMin: a.number("eta_min"), group: &group)
        case "cosine_restarts":
            return try CosineAnnealingWarmRestarts(t0: a.integer("T_0"), tMult: a.integer("T_mult"), etaMin: a.number("eta_min"), group: &group)
        case "linear":
            return try LinearLR(startFactor: a.number("start_factor"), endFactor: a.number("end_factor"),
                                totalIters: a.integer("total_iters"), group: &group)
        case "constant":
            return try ConstantLR(factor: a.number("factor"), totalIters: a.integer("total_iters"), group: &group)
        case "polynomial":
            return try PolynomialLR(totalIters: a.integer("total_iters"), power: a.number("power"), group: &group)
        case "onecycle":
            return try OneCycleLR(maxLr: a.number("max_lr"), totalSteps: a.optionalInteger("total_steps") ?? steps,
                                  pctStart: a.number("pct_start"), annealStrategy: a.word("anneal_strategy"),
                                  cycleMomentum: a.flag("cycle_momentum"), baseMomentum: a.number("base_momentum"),
                                  maxMomentum: a.number("max_momentum"), divFactor: a.number("div_factor"),
                                  finalDivFactor: a.number("final_div_factor"), threePhase: a.flag("three_phase"), group: &group)
        case "cyclic":
            return try CyclicLR(baseLr: a.number("base_lr"), maxLr: a.number("max_lr"), stepSizeUp: a.number("step_size_up"),
                                stepSizeDown: a.optionalNumber("step_size_down"), mode: a.word("mode"), gamma: a.number("gamma"),
                                cycleMomentum: a.flag("cycle_momentum"), baseMomentum: a.number("base_momentum"),
                                maxMomentum: a.number("max_momentum"), group: &group)
        default:
            preconditionFailure("plateau is built apart; parsing only produces known schedules")
        }
    }
}

/// A stage's arguments with torch's defaults filled in. Parsing has checked every value's kind and
/// that the required ones are present, so a missing or mistyped value here is a programmer error.
private struct Arguments {
    let stage: Schedule.Stage

    init(_ stage: Schedule.Stage) { self.stage = stage }

    private func value(_ name: String) -> ScheduleValue? {
        if let v = stage[name] { return v }
        guard case .value(let v)? = stage.kind.argument(name)?.defaultValue else { return nil }
        return v
    }

    func optionalNumber(_ name: String) -> Double? {
        guard case .number(let v)? = value(name) else { return nil }
        return v
    }
    func number(_ name: String) -> Double { optionalNumber(name)! }
    func optionalInteger(_ name: String) -> Int? { optionalNumber(name).map { Int($0) } }
    func integer(_ name: String) -> Int { Int(number(name)) }
    func integers(_ name: String) -> [Int] {
        guard case .numbers(let vs)? = value(name) else { preconditionFailure("\(name) is a list") }
        return vs.map { Int($0) }
    }
    func flag(_ name: String) -> Bool {
        guard case .flag(let b)? = value(name) else { preconditionFailure("\(name) is a flag") }
        return b
    }
    func word(_ name: String) -> String {
        guard case .word(let w)? = value(name) else { preconditionFailure("\(name) is a word") }
        return w
    }
}

extension Schedule {
    /// The schedule built on an optimizer whose lr is `lr`, before its first step: torch's
    /// `Scheduler(optimizer, ...)` (and `SequentialLR` for a chain), with its initial step taken.
    ///
    /// - Parameters:
    ///   - cycledMomentum: what the optimizer lets a cycling schedule move
    ///     (``Optimizer/cycledMomentum``).
    ///   - steps: how many times the schedule will be stepped: OneCycleLR's default `total_steps`.
    /// - Throws: ``ScheduleError`` for a value torch refuses when it builds the scheduler, in
    ///   torch's words (`linear: Starting multiplicative factor expected to be ...`).
    public func start(lr: Double, cycledMomentum: CycledMomentum, steps: Int) throws(ScheduleError) -> ScheduleState {
        try ScheduleState(self, lr: lr, cycledMomentum: cycledMomentum, steps: steps)
    }

    /// Builds the schedule and steps it `steps` times, as a run will, so that every error torch
    /// would raise on the way (OneCycleLR stepped past `total_steps`, a division by zero) is
    /// reported before any work. Plateau's rate depends on the losses, but it never fails.
    ///
    /// - Complexity: O(`steps`) scalar operations.
    public func check(lr: Double, cycledMomentum: CycledMomentum, steps: Int) throws(ScheduleError) {
        var state = try start(lr: lr, cycledMomentum: cycledMomentum, steps: steps)
        for _ in 0..<steps { try state.step(loss: 0) }
    }
}
