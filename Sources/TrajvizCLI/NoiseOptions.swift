import ArgumentParser
import Stepping

/// `--noise SIGMA` and `--noise-decay GAMMA`, shared by the surface command and `mnist`, with the
/// checks and limits of the noise options (each command keeps its own `--seed`, and the surface
/// command `--runs`).
struct NoiseOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Add seeded Gaussian noise of standard deviation SIGMA to every gradient component (default: none; 0 is exactly no noise).", valueName: "SIGMA"))
    var noise: String?

    @Option(name: .customLong("noise-decay"), parsing: .unconditional, help: ArgumentHelp("Anneal the noise's variance as SIGMA^2/(1+t)^GAMMA, t the step (Neelakantan et al. 2015 use 0.55; default 0: constant).", valueName: "GAMMA"))
    var noiseDecay: String?

    static let maxRuns = 1000
    /// Specs × runs × points kept in memory by `--runs`.
    static let maxPoints = 20_000_000
    /// Manifests record the seed as a JSON number: integers are exact up to 2^53 − 1.
    static let maxSeed: UInt64 = 9_007_199_254_740_991

    /// `--seed S` as typed, checked: a whole number from 0 to ``maxSeed``. The option takes its
    /// value unconditionally, so that `--seed -3` is refused as a negative seed, not as a missing one.
    static func seed(_ text: String) throws(CLIError) -> UInt64 {
        UInt64(try ValueParsing.integer(text, option: "--seed", range: 0...Int(maxSeed)))
    }

    /// `--runs K` as typed, checked: a whole number from 1 to ``maxRuns``; nil when not given.
    static func runs(_ text: String?) throws(CLIError) -> Int? {
        try text.map { text throws(CLIError) in try ValueParsing.integer(text, option: "--runs", range: 1...maxRuns) }
    }

    /// The noise these options ask for, checked, drawn from `seed` (``seed(_:)`` checked it, as
    /// ``runs(_:)`` checked `runs`); nil without `--noise`.
    func resolve(seed: UInt64, runs: Int?) throws(CLIError) -> GradientNoise? {
        guard let sigma = noise else {
            if noiseDecay != nil { throw .usage("--noise-decay anneals the gradient noise; give --noise SIGMA too, e.g. --noise 0.5 --noise-decay 0.55") }
            if runs != nil { throw .usage("--runs K draws K noisy runs of each spec; give --noise SIGMA too, e.g. --noise 0.5 --runs 20") }
            return nil
        }
        let s = try ValueParsing.number(sigma, option: "--noise", example: "0.5")
        guard s >= 0 else { throw .usage("invalid --noise '\(sigma)'; expected a standard deviation >= 0, e.g. --noise 0.5") }
        let g = try noiseDecay.map { text throws(CLIError) in try ValueParsing.number(text, option: "--noise-decay", example: "0.55") } ?? 0
        guard g >= 0 else { throw .usage("invalid --noise-decay '\(noiseDecay!)'; expected a number >= 0, e.g. --noise-decay 0.55") }
        return GradientNoise(sigma: s, decay: g, seed: seed)
    }
}
