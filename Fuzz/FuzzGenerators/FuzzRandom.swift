/// The random source of every generator: SplitMix64 (Steele, Lea & Flood, "Fast Splittable
/// Pseudorandom Number Generators", OOPSLA 2014), seeded per input.
///
/// Input `i` of a run with seed `s` comes from its own stream, `FuzzRandom(seed: s, stream: i)`,
/// so any input can be rebuilt from (seed, index) alone: a fuzz worker that died at input `i`
/// restarts at `i + 1`, and a crash is reproduced without replaying the inputs before it.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64, stream: UInt64 = 0) {
        // Mix the stream in through one SplitMix step so that neighbouring streams are unrelated.
        var s = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        state = Self.mix(&s)
    }

    private static func mix(_ s: inout UInt64) -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 { Self.mix(&state) }

    /// A uniform integer in `0..<n` (0 when `n` <= 0).
    public mutating func below(_ n: Int) -> Int {
        n <= 0 ? 0 : Int(next() % UInt64(n))
    }

    /// A uniform integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A small size, biased towards 0: sizes up to `limit`, mostly below `limit / 16`.
    public mutating func smallSize(_ limit: Int) -> Int {
        let bits = below(Int.bitWidth - limit.leadingZeroBitCount + 1)
        return below(Swift.min(limit, 1 << bits) + 1)
    }
}
