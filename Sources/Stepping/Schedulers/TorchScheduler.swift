import Optimizers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// torch's schedulers, reproduced object for object: each one reads and writes the optimizer's
// `param_groups[0]` (``ParamGroup``), keeps torch's `last_epoch`, `_step_count` and `_is_initial`,
// and runs the same arithmetic in the same order (the recursive "chainable" forms of `get_lr`,
// the closed forms where torch uses them: at a SequentialLR milestone). Building them one after
// another on one group is what torch does for a chain, side effects included (each constructor
// takes its initial step; OneCycleLR overwrites `initial_lr`), so a chain's rates are torch's too.
// Source: torch/optim/lr_scheduler.py (torch 2.x).

/// What the schedulers see of the optimizer: torch's `optimizer.param_groups[0]` (one group, as
/// trajviz's paths and MLP have), with the keys schedulers read and write.
struct ParamGroup: Sendable {
    var lr: Double
    /// `initial_lr`, set by the first scheduler built (OneCycleLR overwrites it).
    var initialLr: Double?
    /// `momentum` or `betas[0]` as a cycling scheduler set it; nil until one does.
    var momentum: Double?
    var maxMomentum: Double?
    var baseMomentum: Double?
    /// OneCycleLR's `max_lr` and `min_lr` keys.
    var maxLr: Double?
    var minLr: Double?
    /// Which key the optimizer's defaults hold (`betas` or `momentum`), for `cycle_momentum`.
    let cycles: CycledMomentum
}

/// torch's `LRScheduler` base class: the state every scheduler keeps and the steps they share.
protocol TorchScheduler: Sendable {
    var lastEpoch: Int { get set }
    var stepCount: Int { get set }
    var isInitial: Bool { get set }
    /// `base_lrs[0]`.
    var baseLr: Double { get set }
    /// `get_lr()`: the chainable form, reading the group's current rate.
    mutating func lr(_ group: inout ParamGroup) throws(ScheduleError) -> Double
    /// `_get_closed_form_lr()`, or nil for the schedulers that have none.
    func closedFormLr() throws(ScheduleError) -> Double?
    /// `step()`: torch's, unless a scheduler overrides it.
    mutating func step(_ group: inout ParamGroup) throws(ScheduleError)
}

extension TorchScheduler {
    func closedFormLr() throws(ScheduleError) -> Double? { nil }

    mutating func step(_ group: inout ParamGroup) throws(ScheduleError) {
        stepCount += 1
        try updateLr(&group, epoch: nil)
    }

    /// `LRScheduler.__init__(optimizer, last_epoch=-1)`, after the subclass's own set-up:
    /// `initial_lr` defaults to the group's rate, `base_lrs` reads it, then the initial step.
    mutating func register(_ group: inout ParamGroup) throws(ScheduleError) {
        if group.initialLr == nil { group.initialLr = group.lr }
        baseLr = group.initialLr!
        lastEpoch = -1
        try initialStep(&group)
    }

    /// `_initial_step()`.
    mutating func initialStep(_ group: inout ParamGroup) throws(ScheduleError) {
        stepCount = 0
        isInitial = true
        defer { isInitial = false }
        try step(&group)
    }

    /// `_update_lr(epoch)`: the next epoch's chainable rate, or a given epoch's closed-form rate.
    mutating func updateLr(_ group: inout ParamGroup, epoch: Int?) throws(ScheduleError) {
        let value: Double
        if let epoch {
            lastEpoch = epoch
            if let closed = try closedFormLr() { value = closed } else { value = try lr(&group) }
        } else {
            lastEpoch += 1
            value = try lr(&group)
        }
        group.lr = value
    }
}

// MARK: - Python's arithmetic

/// `a ** b` for Python floats: C `pow`, with Python's refusals.
func pyPow(_ a: Double, _ b: Double, in name: String) throws(ScheduleError) -> Double {
    if b == 0 { return 1 }
    if a == 0 && b < 0 { throw ScheduleError("\(name): 0.0 cannot be raised to a negative power (torch raises ZeroDivisionError)") }
    if a < 0 && b != b.rounded() && b.isFinite {
        throw ScheduleError("\(name): a negative number raised to a fractional power (torch fails with a complex number)")
    }
    return pow(a, b)
}

/// `a / b` for Python floats, refusing a zero divisor as Python does.
func pyDiv(_ a: Double, _ b: Double, in name: String) throws(ScheduleError) -> Double {
    guard b != 0 else { throw ScheduleError("\(name): float division by zero (torch raises ZeroDivisionError here)") }
    return a / b
}

/// `a % b` for Python ints: the sign of the divisor.
func pyMod(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return r != 0 && (r < 0) != (b < 0) ? r + b : r
}

/// `a // b` for Python ints: rounded towards −∞.
func pyFloorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
}

/// `a % b` for Python floats: the sign of the divisor.
func pyMod(_ a: Double, _ b: Double) -> Double {
    let r = fmod(a, b)
    return r != 0 && (r < 0) != (b < 0) ? r + b : r
}

/// `bisect.bisect_right(sorted, x)`: how many elements are <= x.
func bisectRight(_ sorted: [Int], _ x: Int) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if x < sorted[mid] { hi = mid } else { lo = mid + 1 }
    }
    return lo
}

/// `math.cos`.
@inline(__always) func pyCos(_ x: Double) -> Double { cos(x) }
