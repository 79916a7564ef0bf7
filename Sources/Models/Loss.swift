/// A loss over a batch of model outputs and their targets, with its gradient.
///
/// Every loss here is torch's with `reduction="mean"`: the batch mean, so that the gradient does
/// not grow with the batch. Each is its own type and names the ``Targets`` it reads.
public protocol Loss: Sendable {
    associatedtype Target: Targets
    /// torch's class name: `CrossEntropyLoss`, `MSELoss`, `L1Loss`.
    var name: String { get }

    /// The loss of `rows` records whose outputs (`width` values each, record after record) are
    /// `outputs`; when `gradient` is not nil, also dL/d(outputs) into it (the same layout, overwritten).
    ///
    /// - Precondition: the targets fit the outputs (labels below `width`; `width` values per record).
    func evaluate(_ outputs: UnsafePointer<Float>, width: Int, targets: UnsafePointer<Target.Element>, rows: Int,
                  gradient: UnsafeMutablePointer<Float>?) -> Float
}
