import Stepping

/// Standard normal draws, from the project's one Gaussian source: a ``NoiseStream`` (Marsaglia's
/// polar method on ``SplitMix64``), the stream of run `run` of noise seeded with `seed` (run 1: the
/// weights of `--init normal`, run 2: the linear experiment's data). scripts/models/gen_fixtures.py
/// draws the same values.
struct StandardNormal {
    private var stream: NoiseStream

    init(seed: UInt64, run: Int = 1) { stream = GradientNoise(sigma: 1, seed: seed).stream(run: run) }

    mutating func next() -> Double { stream.next() }
}
