import Stepping

/// A scrambled Sobol sequence: points of [0, 1)^d that fill the cube far more evenly than
/// independent uniform draws, and a seed that picks one of many equally good such sets.
///
///     var s = ScrambledSobol(dimensions: 2, seed: 7)
///     let points = (0..<64).map { _ in s.next() }   // 64 points, 1 in each of the 64 cells of any
///                                                    // 2^a × 2^b dyadic grid with a + b = 6
///
/// **The sequence.** Sobol' (1967): coordinate j of point i is the XOR of the direction numbers
/// v_{j,k} for the set bits k of i's Gray code i ⊕ (i >> 1) (Antonov & Saleev 1979: the same
/// points in an order that changes one bit at a time), as 32-bit binary fractions. The direction
/// numbers come from Joe & Kuo's `new-joe-kuo-6.21201` table (S. Joe and F. Y. Kuo, "Constructing
/// Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30, 2008),
/// the table SciPy's `scipy.stats.qmc.Sobol` uses: the unscrambled points equal SciPy's
/// `Sobol(d, scramble=False, bits=32)` (a test checks 256 points in 21 dimensions).
///
/// **The scramble.** Each coordinate goes through a nested uniform (Owen) scramble in
/// Laine & Karras's hash form as improved by Burley ("Practical Hash-based Owen Scrambling",
/// JCGT 9(4), 2020): reverse the bits, apply the hash permutation keyed by a per-dimension seed,
/// reverse again. Scrambling keeps every dyadic-box property of the sequence, removes its
/// structure (the unscrambled first point is the cube's corner 0), and with a seed drawn from
/// `seed` (``SplitMix64``) makes the design reproducible on every machine: only integer arithmetic.
///
/// A value u becomes (u + ½) / 2³², so no coordinate is exactly 0 or 1.
public struct ScrambledSobol: Sendable {
    public let dimensions: Int
    private let directions: [[UInt32]]
    private let seeds: [UInt32]
    private var index: UInt32 = 0
    private var state: [UInt32]
    private let scrambles: Bool

    /// The most dimensions the table holds.
    public static let maximumDimensions = SobolTable.polynomials.count

    /// - Parameters:
    ///   - dimensions: 1...``maximumDimensions``.
    ///   - seed: picks the scramble; nil gives the plain (unscrambled) sequence.
    public init(dimensions: Int, seed: UInt64?) {
        precondition((1...Self.maximumDimensions).contains(dimensions), "Sobol dimensions must be 1...\(Self.maximumDimensions)")
        self.dimensions = dimensions
        directions = (0..<dimensions).map(SobolTable.directionNumbers)
        if let seed {
            var g = SplitMix64(seed: seed ^ 0x5EED_50B0_1000_0000)
            seeds = (0..<dimensions).map { _ in UInt32(truncatingIfNeeded: g.next() >> 32) }
            scrambles = true
        } else {
            seeds = Array(repeating: 0, count: dimensions)
            scrambles = false
        }
        state = Array(repeating: 0, count: dimensions)
    }

    /// The next point's coordinates as 32-bit fractions (before the scramble when unscrambled).
    public mutating func nextBits() -> [UInt32] {
        // Point 0 is 0; point i+1 flips the direction number of the lowest zero bit of i.
        if index > 0 {
            let k = (~(index - 1)).trailingZeroBitCount
            for j in 0..<dimensions { state[j] ^= directions[j][k] }
        }
        index &+= 1
        guard scrambles else { return state }
        return (0..<dimensions).map { j in Self.owenScramble(state[j], seed: seeds[j]) }
    }

    /// The next point in [0, 1)^d.
    public mutating func next() -> [Double] {
        nextBits().map { (Double($0) + 0.5) * 0x1p-32 }
    }

    /// Burley's nested uniform scramble of a 32-bit fraction.
    static func owenScramble(_ x: UInt32, seed: UInt32) -> UInt32 {
        var v = x.bitReversed
        v &+= seed
        v ^= v &* 0x6c50_b47c
        v ^= v &* 0xb82f_1e52
        v ^= v &* 0xc7af_e638
        v ^= v &* 0x8d22_f6e6
        return v.bitReversed
    }
}

extension UInt32 {
    /// The bits in reverse order.
    var bitReversed: UInt32 {
        var v = self
        v = ((v >> 1) & 0x5555_5555) | ((v & 0x5555_5555) << 1)
        v = ((v >> 2) & 0x3333_3333) | ((v & 0x3333_3333) << 2)
        v = ((v >> 4) & 0x0F0F_0F0F) | ((v & 0x0F0F_0F0F) << 4)
        v = ((v >> 8) & 0x00FF_00FF) | ((v & 0x00FF_00FF) << 8)
        return (v >> 16) | (v << 16)
    }
}

/// Joe & Kuo's direction numbers (`new-joe-kuo-6.21201`), first 21 dimensions.
enum SobolTable {
    /// Each dimension's primitive polynomial over GF(2) with its leading and constant terms as
    /// bits (7 = x² + x + 1); dimension 0 (van der Corput) has none (1).
    static let polynomials: [UInt32] = [1, 3, 7, 11, 13, 19, 25, 37, 41, 47, 55, 59, 61, 67, 91, 97, 103, 109, 115, 131, 137]
    /// The initial direction integers m₁ ... m_s of each dimension.
    static let initial: [[UInt32]] = [
        [1], [1], [1, 3], [1, 3, 1], [1, 1, 1], [1, 1, 3, 3], [1, 3, 5, 13], [1, 1, 5, 5, 17], [1, 1, 5, 5, 5],
        [1, 1, 7, 11, 19], [1, 1, 5, 1, 1], [1, 1, 1, 3, 11], [1, 3, 5, 5, 31], [1, 3, 3, 9, 7, 49],
        [1, 1, 1, 15, 21, 21], [1, 3, 1, 13, 27, 49], [1, 1, 1, 15, 7, 5], [1, 3, 1, 15, 13, 25],
        [1, 1, 5, 5, 19, 61], [1, 3, 7, 11, 23, 15, 103], [1, 3, 7, 13, 13, 15, 69],
    ]

    /// v_k = m_k · 2^(32−k), k = 1 ... 32, with m_k for k > s from Bratley & Fox's recurrence
    /// m_k = 2a₁m_{k−1} ⊕ 2²a₂m_{k−2} ⊕ ... ⊕ 2^{s−1}a_{s−1}m_{k−s+1} ⊕ 2^s m_{k−s} ⊕ m_{k−s}.
    static func directionNumbers(_ j: Int) -> [UInt32] {
        var v = [UInt32](repeating: 0, count: 32)
        if j == 0 {
            for k in 0..<32 { v[k] = 1 << (31 - k) }
            return v
        }
        let poly = polynomials[j]
        let s = UInt32.bitWidth - poly.leadingZeroBitCount - 1  // degree
        let a = (poly >> 1) & ((1 << (s - 1)) - 1)                  // the middle coefficients
        var m = [UInt32](repeating: 0, count: 32)
        for k in 0..<s { m[k] = initial[j][k] }
        if s < 32 {
            for k in s..<32 {
                var value = m[k - s] ^ (m[k - s] << s)
                for i in 1..<s where (a >> (s - 1 - i)) & 1 == 1 {
                    value ^= m[k - i] << i
                }
                m[k] = value
            }
        }
        for k in 0..<32 { v[k] = m[k] << (31 - k) }
        return v
    }
}
