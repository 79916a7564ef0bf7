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

    /// Fresh state for `count` parameters (what the reference creates lazily on its first step).
    func makeState<T: OptimizerScalar>(count: Int, as: T.Type) -> OptimizerState<T>

    /// One step: reads `gradient`, updates `parameters` and `state` in place.
    ///
    /// - Precondition: `parameters.count == gradient.count == state.count`.
    func step<T: OptimizerScalar>(
        _ parameters: UnsafeMutableBufferPointer<T>,
        gradient: UnsafeBufferPointer<T>,
        state: inout OptimizerState<T>)
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
