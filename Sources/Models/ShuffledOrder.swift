import Stepping

/// The MLP's generator is the project's one generator (its weights, its shuffles); the alias keeps
/// `MLP.SplitMix64` for code written before the generator moved to Stepping.
public typealias SplitMix64 = Stepping.SplitMix64

/// The order in which one epoch visits `count` records: a Fisher–Yates shuffle (Durstenfeld's
/// in-place form) driven by `generator`. Keeping one generator across epochs gives a new order
/// each epoch and the same sequence of orders for every optimizer started from the same seed.
///
/// - Complexity: O(count).
public func shuffledOrder(count: Int, using generator: inout SplitMix64) -> [Int] {
    var order = Array(0..<count)
    var i = count - 1
    while i > 0 {
        let j = generator.nextIndex(below: i + 1)
        order.swapAt(i, j)
        i -= 1
    }
    return order
}
