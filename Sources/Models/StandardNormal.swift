import Stepping

/// Standard normal draws for initialisation, from the project's one Gaussian source: a
/// ``NoiseStream`` (Marsaglia's polar method on ``SplitMix64``), the stream of run 1 of noise
/// seeded with `seed`. scripts/models/gen_fixtures.py draws the same values.
struct StandardNormal {
    private var stream: NoiseStream

    init(seed: UInt64) { stream = GradientNoise(sigma: 1, seed: seed).stream(run: 1) }

    mutating func next() -> Double { stream.next() }
}
