/// What a parser did with one input: accepted it (and everything downstream ran), or refused it
/// with a typed error. A crash is the third outcome, and the one a fuzz run looks for: it never
/// returns.
public enum FuzzOutcome: Sendable, Hashable {
    case accepted
    case refused
}

/// One parser under fuzzing: how to make inputs for it and how to feed it one.
///
/// Inputs come half from a grammar-aware generator (valid-ish text or bytes built from the
/// format's grammar, with odd values where values go), half from byte-level mutations
/// (``Mutator``) of the seeds or of generated inputs. ``input(at:seed:corpus:)`` is a pure
/// function of the seed and the index.
public struct FuzzTarget: Sendable {
    /// The name on the command line and the folder of its crashers: `spec`, `expression`, ...
    public let name: String
    /// What `run` feeds, for the report.
    public let summary: String
    /// Hand-written inputs to mutate (valid ones and near misses).
    public let seeds: [[UInt8]]
    /// Tokens of the format, inserted whole by the mutator.
    public let dictionary: [String]
    /// A valid-ish input from the grammar.
    public let generate: @Sendable (inout FuzzRandom) -> [UInt8]
    /// Feeds one input to the parser and, when it is accepted, to what consumes the result.
    public let run: @Sendable ([UInt8]) -> FuzzOutcome
    /// Whether `run` changes the process (its current folder, its stdout), so that it may only
    /// run in a worker process of its own, never inside a test run.
    public let isolated: Bool

    public init(name: String, summary: String, seeds: [String], dictionary: [String],
                generate: @escaping @Sendable (inout FuzzRandom) -> [UInt8],
                run: @escaping @Sendable ([UInt8]) -> FuzzOutcome) {
        self.init(name: name, summary: summary, binarySeeds: seeds.map { Array($0.utf8) }, dictionary: dictionary,
                  generate: generate, run: run)
    }

    public init(name: String, summary: String, binarySeeds: [[UInt8]], dictionary: [String], isolated: Bool = false,
                generate: @escaping @Sendable (inout FuzzRandom) -> [UInt8],
                run: @escaping @Sendable ([UInt8]) -> FuzzOutcome) {
        self.name = name; self.summary = summary; self.seeds = binarySeeds; self.dictionary = dictionary
        self.generate = generate; self.run = run; self.isolated = isolated
    }

    /// Input number `index` of the run with `seed`: 40% generated, 60% a generated input, a seed
    /// or a corpus file with one to eight mutations (splicing with another such input).
    public func input(at index: Int, seed: UInt64, corpus: [[UInt8]] = []) -> [UInt8] {
        var rng = FuzzRandom(seed: seed, stream: UInt64(truncatingIfNeeded: index))
        if rng.below(10) < 4 { return generate(&rng) }
        let pool = seeds + corpus
        func base(_ rng: inout FuzzRandom) -> [UInt8] {
            rng.chance(0.5) && !pool.isEmpty ? rng.pick(pool) : generate(&rng)
        }
        var bytes = base(&rng)
        let other = rng.chance(0.3) ? base(&rng) : []
        Mutator.mutate(&bytes, rounds: 1 + rng.smallSize(7), rng: &rng, dictionary: dictionary, other: other)
        return bytes
    }
}

/// Every parser trajviz reads user input with.
public enum FuzzTargets {
    public static let all: [FuzzTarget] = [
        SpecFuzz.target, ExpressionFuzz.target, SurfaceFileFuzz.target, IDXFuzz.target, PathCSVFuzz.target,
        ManifestFuzz.target, CommandLineFuzz.target,
    ]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    public static var names: [String] { all.map(\.name) }
}
