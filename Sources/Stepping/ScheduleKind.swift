import Optimizers

/// One of the eleven schedules of `torch.optim.lr_scheduler` that trajviz runs, with torch's
/// argument names, types and defaults (torch 2.x).
///
/// The table is the only list of schedules: parsing, `trajviz list schedules` and the help text
/// all read it.
public struct ScheduleKind: Sendable, Hashable {
    /// The name written after `@`: `cosine`, `onecycle`, ...
    public var name: String
    /// The torch class it reproduces: `CosineAnnealingLR`.
    public var torchClass: String
    /// One line for `trajviz list schedules`.
    public var summary: String
    /// The constructor's arguments in torch's order (without `optimizer` and `last_epoch`).
    public var arguments: [ScheduleArgument]
    /// The argument whose value is the schedule's length in a chain when `until` is not given,
    /// in this order of preference (the spec's own keys only, never a default).
    public static let lengthKeys = ["until", "total_iters", "T_max", "step_size", "T_0"]

    public func argument(_ name: String) -> ScheduleArgument? { arguments.first { $0.name == name } }
}

/// An argument of a schedule: its name, what it holds, its default.
public struct ScheduleArgument: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A finite number.
        case real
        /// A whole number (`30`, also `30.0` or `3e1`) within `minimum...`.
        case integer(minimum: Int)
        /// Whole numbers separated by `/`: `milestones=30/80`.
        case integers
        /// `true` or `false`.
        case flag
        /// One of these words.
        case choice([String])
    }

    /// What a missing argument means.
    public enum Default: Sendable, Hashable {
        /// torch has no default: the spec must give it.
        case required
        case value(ScheduleValue)
        /// Computed when the schedule is built; the text says how (`the run's steps`).
        case computed(String)
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: Default
    public var help: String

    init(_ name: String, _ kind: Kind, _ defaultValue: Default, _ help: String) {
        self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.help = help
    }
}

/// A value of a schedule argument.
public enum ScheduleValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case numbers([Double])
    case flag(Bool)
    case word(String)

    /// As the spec writes it: `0.1`, `30/80`, `true`, `cos`.
    public var description: String {
        switch self {
        case .number(let v): return formatNumber(v)
        case .numbers(let vs): return vs.map(formatNumber).joined(separator: "/")
        case .flag(let b): return b ? "true" : "false"
        case .word(let w): return w
        }
    }
}

extension ScheduleKind {
    /// Every schedule, in the order `trajviz list schedules` shows them.
    public static let all: [ScheduleKind] = [
        ScheduleKind(name: "step", torchClass: "StepLR",
                     summary: "multiply the rate by gamma every step_size steps", arguments: [
                        .init("step_size", .integer(minimum: 1), .required, "steps between decays"),
                        .init("gamma", .real, .value(.number(0.1)), "multiplicative factor"),
                     ]),
        ScheduleKind(name: "multistep", torchClass: "MultiStepLR",
                     summary: "multiply the rate by gamma at each milestone", arguments: [
                        .init("milestones", .integers, .required, "steps at which to decay, e.g. 30/80"),
                        .init("gamma", .real, .value(.number(0.1)), "multiplicative factor"),
                     ]),
        ScheduleKind(name: "exponential", torchClass: "ExponentialLR",
                     summary: "multiply the rate by gamma every step", arguments: [
                        .init("gamma", .real, .required, "multiplicative factor"),
                     ]),
        ScheduleKind(name: "cosine", torchClass: "CosineAnnealingLR",
                     summary: "cosine from the rate down to eta_min over T_max steps, then back up (torch's recursive form)",
                     arguments: [
                        .init("T_max", .integer(minimum: 1), .required, "steps of the half period"),
                        .init("eta_min", .real, .value(.number(0)), "lowest rate"),
                     ]),
        ScheduleKind(name: "cosine_restarts", torchClass: "CosineAnnealingWarmRestarts",
                     summary: "cosine to eta_min, restarting after T_0 steps, each period T_mult times longer",
                     arguments: [
                        .init("T_0", .integer(minimum: Int.min), .required, "steps of the first period"),
                        .init("T_mult", .integer(minimum: Int.min), .value(.number(1)), "growth of each period"),
                        .init("eta_min", .real, .value(.number(0)), "lowest rate"),
                     ]),
        ScheduleKind(name: "linear", torchClass: "LinearLR",
                     summary: "scale the rate linearly from start_factor to end_factor over total_iters steps (warm-up)",
                     arguments: [
                        .init("start_factor", .real, .value(.number(1.0 / 3)), "factor at step 0, in (0, 1]"),
                        .init("end_factor", .real, .value(.number(1)), "factor from total_iters on, in [0, 1]"),
                        .init("total_iters", .integer(minimum: 0), .value(.number(5)), "steps of the ramp"),
                     ]),
        ScheduleKind(name: "constant", torchClass: "ConstantLR",
                     summary: "scale the rate by factor for total_iters steps, then restore it", arguments: [
                        .init("factor", .real, .value(.number(1.0 / 3)), "factor, in [0, 1]"),
                        .init("total_iters", .integer(minimum: 0), .value(.number(5)), "steps at the reduced rate"),
                     ]),
        ScheduleKind(name: "polynomial", torchClass: "PolynomialLR",
                     summary: "decay the rate to 0 as (1 - t/total_iters)^power", arguments: [
                        .init("total_iters", .integer(minimum: 0), .value(.number(5)), "steps of the decay"),
                        .init("power", .real, .value(.number(1)), "power of the polynomial"),
                     ]),
        ScheduleKind(name: "onecycle", torchClass: "OneCycleLR",
                     summary: "warm up to max_lr, then anneal far below the start (Smith's 1cycle); cycles momentum or beta1",
                     arguments: [
                        .init("max_lr", .real, .required, "the peak rate"),
                        .init("total_steps", .integer(minimum: Int.min), .computed("the run's steps"),
                              "steps of the cycle; stepping past it is an error"),
                        .init("epochs", .integer(minimum: Int.min), .computed("None"),
                              "torch's alternative to total_steps; total_steps, always set here, takes precedence"),
                        .init("steps_per_epoch", .integer(minimum: Int.min), .computed("None"),
                              "with epochs; total_steps takes precedence"),
                        .init("pct_start", .real, .value(.number(0.3)), "fraction of the cycle spent warming up"),
                        .init("anneal_strategy", .choice(["cos", "linear"]), .value(.word("cos")), "shape of each phase"),
                        .init("cycle_momentum", .flag, .value(.flag(true)),
                              "move momentum (SGD, RMSprop) or beta1 (Adam family) inversely to the rate"),
                        .init("base_momentum", .real, .value(.number(0.85)), "lowest momentum, at the peak rate"),
                        .init("max_momentum", .real, .value(.number(0.95)), "highest momentum, at the start and end"),
                        .init("div_factor", .real, .value(.number(25)), "start rate = max_lr / div_factor"),
                        .init("final_div_factor", .real, .value(.number(1e4)), "final rate = start rate / final_div_factor"),
                        .init("three_phase", .flag, .value(.flag(false)),
                              "warm up, come back down symmetrically, then anneal"),
                     ]),
        ScheduleKind(name: "cyclic", torchClass: "CyclicLR",
                     summary: "cycle the rate between base_lr and max_lr (triangular, triangular2, exp_range); cycles momentum or beta1",
                     arguments: [
                        .init("base_lr", .real, .required, "lower rate of the cycle (the optimizer's lr is replaced)"),
                        .init("max_lr", .real, .required, "upper rate of the cycle"),
                        .init("step_size_up", .real, .value(.number(2000)), "steps of the rising half"),
                        .init("step_size_down", .real, .computed("step_size_up"), "steps of the falling half"),
                        .init("mode", .choice(["triangular", "triangular2", "exp_range"]), .value(.word("triangular")),
                              "amplitude: constant, halved each cycle, or gamma^step"),
                        .init("gamma", .real, .value(.number(1)), "exp_range's factor"),
                        .init("scale_mode", .choice(["cycle", "iterations"]), .value(.word("cycle")),
                              "only for a custom scale_fn, which a spec cannot give: no effect, as in torch"),
                        .init("cycle_momentum", .flag, .value(.flag(true)),
                              "move momentum (SGD, RMSprop) or beta1 (Adam family) inversely to the rate"),
                        .init("base_momentum", .real, .value(.number(0.8)), "lowest momentum"),
                        .init("max_momentum", .real, .value(.number(0.9)), "highest momentum"),
                     ]),
        ScheduleKind(name: "plateau", torchClass: "ReduceLROnPlateau",
                     summary: "multiply the rate by factor when the loss stops improving (stepped with the loss)",
                     arguments: [
                        .init("mode", .choice(["min", "max"]), .value(.word("min")), "whether the loss should fall or rise"),
                        .init("factor", .real, .value(.number(0.1)), "multiplicative factor, < 1"),
                        .init("patience", .integer(minimum: Int.min), .value(.number(10)),
                              "steps without improvement before a reduction"),
                        .init("threshold", .real, .value(.number(1e-4)), "what counts as an improvement"),
                        .init("threshold_mode", .choice(["rel", "abs"]), .value(.word("rel")),
                              "threshold relative to the best loss, or absolute"),
                        .init("cooldown", .integer(minimum: Int.min), .value(.number(0)), "steps to wait after a reduction"),
                        .init("min_lr", .real, .value(.number(0)), "lowest rate"),
                        .init("eps", .real, .value(.number(1e-8)), "smaller reductions are skipped"),
                     ]),
    ]

    /// The schedule called `name`.
    public static func named(_ name: String) -> ScheduleKind? { all.first { $0.name == name } }

    /// Every schedule's name, in order.
    public static var names: [String] { all.map(\.name) }

    /// The key every schedule accepts in a chain: its length before the next schedule starts.
    public static let until = ScheduleArgument(
        "until", .integer(minimum: 1), .computed("total_iters, T_max, step_size or T_0 as written"),
        "in a chain: steps before the next schedule starts")
}
