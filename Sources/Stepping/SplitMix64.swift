/// SplitMix64, the small generator behind every random choice of trajviz: the MLP's initial weights
/// and the order of its training records, and gradient noise (``GradientNoise``).
///
///     state <- state + 0x9e3779b97f4a7c15
///     z <- (state ^ (state >> 30)) * 0xbf58476d1ce4e5b9
///     z <- (z ^ (z >> 27)) * 0x94d049bb133111eb
///     return z ^ (z >> 31)
///
/// Guy L. Steele, Doug Lea, Christine H. Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; constants from Sebastiano Vigna's reference `splitmix64.c`. Written out here rather
/// than using the standard library's generator so that a seed gives the same weights and the same
/// shuffles on every platform and Swift version (runs are meant to be compared and regression-tested).
/// It is not torch's Mersenne Twister: trajviz's weights are torch's *distribution*, not its values.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A Float uniform in [0, 1): the top 24 bits, so every value is exact.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// An integer uniform in `0..<n`, by Lemire's multiply-shift (the high word of a 64×64 product;
    /// the bias is below n / 2^64, far too small to matter for shuffles of a few thousand records).
    public mutating func nextIndex(below n: Int) -> Int {
        precondition(n > 0, "n must be positive")
        return Int(UInt64(n).multipliedFullWidth(by: next()).high)
    }
}
