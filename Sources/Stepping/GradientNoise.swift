#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seeded isotropic Gaussian noise added to every gradient: g̃ₜ = gₜ + σₜ·z, z ~ N(0, I), with
///
///     σₜ² = σ² / (1 + t)^γ        (t = 0 for the first step)
///
/// the annealed schedule of Neelakantan et al., "Adding Gradient Noise Improves Learning for Very
/// Deep Networks" (2015), who use γ = 0.55; γ = 0 (the default) keeps σ constant.
///
/// Each run draws from its own stream (``stream(run:)``), fixed by the seed and the run's number
/// alone: run k of every optimizer sees the same sequence of draws (common random numbers), so
/// paths differ by the optimizer, not by luck, and a manifest replays any run by its number.
/// σ = 0 adds nothing at all: the path is exactly the noiseless one.
public struct GradientNoise: Sendable, Hashable {
    /// σ ≥ 0: the standard deviation of every gradient component's noise at t = 0.
    public var sigma: Double
    /// γ ≥ 0: how fast the variance anneals.
    public var decay: Double
    public var seed: UInt64

    public init(sigma: Double, decay: Double = 0, seed: UInt64 = 0) {
        precondition(sigma >= 0 && sigma.isFinite && decay >= 0 && decay.isFinite, "sigma and decay must be finite and >= 0")
        self.sigma = sigma; self.decay = decay; self.seed = seed
    }

    /// σₜ = σ·(1 + t)^(−γ/2).
    @inlinable
    public func sigma(at t: Int) -> Double {
        decay == 0 ? sigma : sigma * pow(1 + Double(t), -decay / 2)
    }

    /// The draws of run `run` (1-based).
    public func stream(run: Int) -> NoiseStream {
        // Hash seed and run apart: consecutive SplitMix64 seeds give shifted copies of one stream.
        var mixer = SplitMix64(seed: seed)
        let base = mixer.next()
        var runMixer = SplitMix64(seed: base ^ (UInt64(truncatingIfNeeded: run) &* 0xD1B5_4A32_D192_ED03))
        return NoiseStream(generator: SplitMix64(seed: runMixer.next()))
    }
}

/// A stream of standard normal draws (Marsaglia's polar method on SplitMix64 uniforms).
public struct NoiseStream: Sendable {
    var generator: SplitMix64
    private var spare: Double?

    init(generator: SplitMix64) { self.generator = generator }

    /// The next draw from N(0, 1) (the second of each pair is kept for the next call).
    public mutating func next() -> Double {
        if let s = spare { spare = nil; return s }
        let (a, b) = pair()
        spare = b
        return a
    }

    /// Two independent draws from N(0, 1).
    ///
    /// Marsaglia & Bray's polar method ("A convenient method for generating normal variables",
    /// SIAM Review 6(3), 1964): u, v uniform in (−1, 1) from the top 53 bits of two draws, kept
    /// when 0 < s = u² + v² < 1 (π/4 of the time); then z₀ = u·√(−2 ln s / s), z₁ = v·√(−2 ln s / s).
    /// One `log` and one square root a pair, no trigonometry: the MLP draws one per parameter.
    @inline(__always)
    public mutating func pair() -> (Double, Double) {
        while true {
            let u = Double(generator.next() >> 11) * 0x1p-52 - 1
            let v = Double(generator.next() >> 11) * 0x1p-52 - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                return (u * factor, v * factor)
            }
        }
    }

    /// Adds σ·z to every element of `gradient` (one draw per element).
    ///
    /// - Complexity: O(gradient.count); about one `log` and one square root per two elements.
    public mutating func perturb<T: BinaryFloatingPoint>(_ gradient: UnsafeMutableBufferPointer<T>, sigma: Double) {
        guard sigma != 0 else { return }
        let n = gradient.count
        var i = 0
        if let s = spare, n > 0 {
            gradient[0] += T(sigma * s); spare = nil; i = 1
        }
        while i + 1 < n {
            let (a, b) = pair()
            gradient[i] += T(sigma * a)
            gradient[i + 1] += T(sigma * b)
            i += 2
        }
        if i < n { gradient[i] += T(sigma * next()) }
    }
}
