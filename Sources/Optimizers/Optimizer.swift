import RealModule

/// The scalar types an update rule runs in: `Double` for 2D paths, `Float` for the MLP.
public protocol OptimizerScalar: Real, BinaryFloatingPoint, Sendable {}
extension Float: OptimizerScalar {}
extension Double: OptimizerScalar {}

/// A gradient-based update rule with validated hyperparameters.
///
/// An optimizer value holds hyperparameters only; everything that changes from step to step
/// lives in an explicit ``OptimizerState`` that the caller owns and passes back in, the way
/// `torch.optim`'s functional API and optax do. One rule, written once and generic over
/// ``OptimizerScalar``, drives a 2D point (Double) and all the weights of the MLP (Float) through
/// a flat buffer; every rule here is element-wise given the step count, so one flat buffer gives
/// exactly torch's per-tensor result.
///
/// Every step receives a ``StepContext`` from the loop that drives it: the learning rate of this
/// step (a schedule may have changed it), the rate the rule was built with, and a cycled momentum
/// or beta1. Rules read the rate and beta1 from the context and never from their stored values, as
/// torch's rules read `group['lr']` and `group['betas']` afresh at every step.
///
/// Adding an optimizer means one new file with a conforming type and one line in
/// ``OptimizerRegistry``.
public protocol Optimizer: Sendable {
    /// The hyperparameters this rule accepts, in the order they are shown and recorded,
    /// with the reference implementation's names (tuples split: `beta1`, `beta2`, ...) and defaults.
    static var parameters: [HyperparameterInfo] { get }

    /// Builds the rule from a complete set of values (every name in ``parameters``),
    /// rejecting values the reference rejects, with the reference's message
    /// (`Invalid learning rate: -1.0`).
    init(_ values: Hyperparameters) throws(HyperparameterError)

    /// Every hyperparameter with the value in use, in ``parameters`` order.
    var values: Hyperparameters { get }

    /// The learning rate the rule was built with (its `lr`): the base of a schedule, and the
    /// `initial lr` of the rules whose reference remembers it (AdaBound, Lion).
    var learningRate: Double { get }

    /// Which value a schedule that cycles momentum (`cycle_momentum` of OneCycleLR and CyclicLR)
    /// moves in this rule, as torch decides it from the optimizer's defaults: `beta1` when they
    /// hold `betas`, else `momentum` when they hold `momentum`, else none (the schedule refuses).
    static var cycledMomentum: CycledMomentum { get }

    /// Fresh state for `count` parameters (what the reference creates lazily on its first step).
    func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T>

    /// One step: reads `gradient`, updates `parameters` and `state` in place, at the rate and
    /// with the momentum or beta1 that `context` gives.
    ///
    /// - Precondition: `parameters.count == gradient.count == state.count`.
    func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>,
        gradient: UnsafeBufferPointer<T>,
        state: inout OptimizerState<T>,
        context: StepContext)
}

extension Optimizer {
    /// One step at the rule's own constant rate (no schedule): ``StepContext/constant(_:)``.
    @inlinable
    public func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>, gradient: UnsafeBufferPointer<T>, state: inout OptimizerState<T>
    ) {
        step(parameters, gradient: gradient, state: &state, context: .constant(learningRate, step: state.step + 1))
    }
}

/// What the loop tells a rule about one step: torch's `param_groups[0]` at the moment of
/// `optimizer.step()`.
///
/// - `lr`: the rate of this step (`group['lr']`, which a schedule moves).
/// - `baseLr`: the rate the rule was built with (``Optimizer/learningRate``): AdaBound scales its
///   `final_lr` by `lr / baseLr`, Lion divides a decoupled weight decay by it.
/// - `step`: the number of this step in the loop, from 1.
/// - `momentum`: the momentum (SGD, RMSprop) or beta1 (the Adam family) a cycling schedule has set,
///   which replaces the rule's own; nil when no schedule has touched it.
public struct StepContext: Sendable, Hashable {
    public var lr: Double
    public var baseLr: Double
    public var step: Int
    public var momentum: Double?

    @inlinable
    public init(lr: Double, baseLr: Double, step: Int, momentum: Double? = nil) {
        self.lr = lr; self.baseLr = baseLr; self.step = step; self.momentum = momentum
    }

    /// The context of an unscheduled step: the rate is the base rate.
    @inlinable
    public static func constant(_ lr: Double, step: Int) -> StepContext {
        StepContext(lr: lr, baseLr: lr, step: step)
    }
}

/// The hyperparameter a momentum-cycling schedule moves (see ``Optimizer/cycledMomentum``).
public enum CycledMomentum: String, Sendable, Hashable {
    /// `betas[0]`: the Adam family, AdaBound, Lion, Yogi, AdaBelief.
    case beta1
    /// `momentum`: SGD and RMSprop.
    case momentum
    /// Neither: torch refuses `cycle_momentum` for this optimizer.
    case none
}

/// The state an optimizer carries between steps, for `count` parameters.
///
/// `slots` holds the per-element buffers (first moment, second moment, ...) one after another:
/// slot `k` is `slots[k * count ..< (k + 1) * count]`. `scalars` holds per-group running values
/// (NAdam's μ product). `step` counts completed steps, as torch's `state['step']`.
public struct OptimizerState<T: OptimizerScalar>: Sendable {
    public var count: Int
    public var step: Int = 0
    public var slots: [T]
    public var scalars: [Double]

    public init(count: Int, slots slotCount: Int, fill: T = 0, scalars: [Double] = []) {
        self.count = count
        self.slots = Array(repeating: fill, count: count * slotCount)
        self.scalars = scalars
    }

    /// Starts one step of a rule: checks that the buffers and the state are the same size and
    /// counts the step (torch's `state['step'] += 1`, done before the update). Returns the size.
    @inlinable @inline(__always)
    public mutating func beginStep(_ parameters: UnsafeMutableBufferPointer<T>, _ gradient: UnsafeBufferPointer<T>) -> Int {
        let n = parameters.count
        precondition(gradient.count == n && count == n, "parameter, gradient and state sizes differ")
        step += 1
        return n
    }
}
