import RealModule

/// One evaluation of a tuning: the values tried and their score.
public struct Evaluation: Hashable, Sendable {
    /// Which part of the search proposed it.
    public enum Phase: String, Hashable, Sendable {
        /// The optimizer's own settings (the surface's suggested rate), when inside the space.
        case baseline
        /// A point of the scrambled Sobol design.
        case design
        /// A poll of the compass search around the best point so far.
        case refine
        /// A further Sobol point, after the compass search has converged.
        case explore
    }

    /// One value per dimension of the tuner, in its order.
    public var values: [Double]
    public var score: MetricValue
    public var phase: Phase

    public init(values: [Double], score: MetricValue, phase: Phase) {
        self.values = values; self.score = score; self.phase = phase
    }
}

/// The search of one optimizer's hyperparameters under a fixed budget of evaluations: a seeded
/// quasi-random design, then local refinement. Deterministic: the same dimensions, budget, seed and
/// scores give the same proposals, on every machine.
///
/// 1. **Design.** The optimizer's own settings first (``Evaluation/Phase/baseline``: the values it
///    would run with, when they lie in the space), then points of a scrambled Sobol sequence
///    (``ScrambledSobol``) mapped through each dimension (log or linear, rounded to its
///    resolution), until half the budget (at least 1) has been spent.
/// 2. **Refinement.** A compass search (Kolda, Lewis & Torczon, "Optimization by direct search",
///    SIAM Review 45(3), 2003) in the unit cube from the best point: poll the 2d points one step
///    h along each axis (+ then −, axis by axis), move to the best poll that scores strictly
///    better, or halve h when none does. h starts at half the design's spacing, ½·n₀^(−1/d).
/// 3. **Exploration.** When h falls below 2⁻¹² the search has converged; the rest of the budget
///    goes to further Sobol points, and a point better than the best so far starts a new compass
///    search there (at half the first step).
///
/// Values already evaluated (rounding makes neighbours meet) are not evaluated again and cost
/// nothing, so the search spends exactly `budget` evaluations unless the space's rounded grid has
/// fewer points.
///
/// Driven in rounds, so that the proposals of many tuners can run in parallel:
///
///     var t = Tuner(dimensions: space.dimensions, budget: 64, seed: 0, baseline: [0.05])
///     while case let batch = t.proposals(), !batch.isEmpty {
///         t.report(batch.map(score))   // scores in the order proposed
///     }
///     t.best   // the best evaluation; ties go to the first found
public struct Tuner: Sendable {
    public let dimensions: [SearchDimension]
    public let budget: Int
    public private(set) var evaluations: [Evaluation] = []

    private var sobol: ScrambledSobol?
    private let baseline: [Double]?
    private let designCount: Int
    private let firstStep: Double
    private static let smallestStep = 0x1p-12
    private var pending: [(values: [Double], phase: Evaluation.Phase)] = []
    private var stage: Stage = .design
    private var known: [[Double]: Int] = [:]
    private var drawAttempts = 0

    private enum Stage: Sendable {
        case design
        /// Polling around `centre` (an index into evaluations) with step `step`.
        case refine(centre: Int, step: Double)
        case explore
        case finished
    }

    /// - Parameters:
    ///   - dimensions: the hyperparameters searched, with their ranges (none: one evaluation of the baseline).
    ///   - budget: evaluations to spend, ≥ 1.
    ///   - seed: the Sobol scramble.
    ///   - baseline: the optimizer's own value of each dimension; evaluated first when every one
    ///     lies in its range.
    public init(dimensions: [SearchDimension], budget: Int, seed: UInt64, baseline: [Double]?) {
        precondition(budget >= 1, "a tuning needs a budget of at least 1")
        self.dimensions = dimensions
        self.budget = budget
        sobol = dimensions.isEmpty ? nil : ScrambledSobol(dimensions: dimensions.count, seed: seed)
        let inside = baseline.map { b in b.count == dimensions.count && zip(dimensions, b).allSatisfy { $0.contains($1) } } ?? false
        self.baseline = inside ? baseline : nil
        designCount = max(1, budget / 2)
        firstStep = dimensions.isEmpty ? 0 : 0.5 * Double.pow(Double(designCount), -1 / Double(dimensions.count))
    }

    /// The best evaluation so far (lowest score; the first of equals).
    public var best: Evaluation? { bestIndex.map { evaluations[$0] } }

    private var bestIndex: Int? {
        var b: Int? = nil
        for (i, e) in evaluations.enumerated() where b.map({ e.score.isBetter(than: evaluations[$0].score) }) ?? true { b = i }
        return b
    }

    public var isFinished: Bool { if case .finished = stage { return true } else { return false } }

    /// The next values to evaluate (each a value per dimension), or none when the search is over.
    public mutating func proposals() -> [[Double]] {
        precondition(pending.isEmpty, "report the scores of the last proposals first")
        while true {
            let remaining = budget - evaluations.count
            if remaining <= 0 { stage = .finished }
            switch stage {
            case .finished:
                return []
            case .design:
                if dimensions.isEmpty {
                    // Nothing to tune: the optimizer's own settings, once.
                    pending = [([], .baseline)]
                    return [[]]
                }
                var batch: [(values: [Double], phase: Evaluation.Phase)] = []
                // The baseline exactly as the optimizer runs it, so the tuned score is never worse.
                if let baseline, evaluations.isEmpty { batch.append((baseline, .baseline)) }
                let want = min(designCount - evaluations.count, remaining)
                while batch.count < want, let p = drawSobol(excluding: batch.map(\.values)) { batch.append((p, .design)) }
                if batch.isEmpty {
                    stage = bestIndex.map { .refine(centre: $0, step: firstStep) } ?? .finished
                    continue
                }
                pending = batch
                return batch.map(\.values)
            case .refine(let centre, let step):
                if step < Self.smallestStep { stage = .explore; continue }
                var polls: [[Double]] = []
                let c = evaluations[centre].values
                for (i, d) in dimensions.enumerated() {
                    let u = d.position(of: c[i])
                    for sign in [1.0, -1.0] {
                        var p = c
                        p[i] = d.value(at: u + sign * step)
                        if p != c && !polls.contains(p) { polls.append(p) }
                    }
                }
                let fresh = polls.filter { known[$0] == nil }
                let chosen = Array(fresh.prefix(remaining))
                if chosen.isEmpty {
                    // Every poll is known: decide now.
                    decide(centre: centre, step: step, polls: polls)
                    continue
                }
                pending = chosen.map { ($0, .refine) }
                pollsOfRound = polls
                return chosen
            case .explore:
                var batch: [[Double]] = []
                while batch.count < min(remaining, max(1, designCount / 4)), let p = drawSobol(excluding: batch) { batch.append(p) }
                if batch.isEmpty { stage = .finished; continue }
                pending = batch.map { ($0, .explore) }
                return batch
            }
        }
    }

    private var pollsOfRound: [[Double]] = []

    /// The scores of the last ``proposals()``, in their order.
    public mutating func report(_ scores: [MetricValue]) {
        precondition(scores.count == pending.count, "one score per proposal")
        let bestBefore = bestIndex
        for (p, s) in zip(pending, scores) {
            known[p.values] = evaluations.count
            evaluations.append(Evaluation(values: p.values, score: s, phase: p.phase))
        }
        let phases = pending.map(\.phase)
        pending = []
        switch stage {
        case .design:
            if evaluations.count >= designCount || budget - evaluations.count <= 0 || dimensions.isEmpty {
                stage = dimensions.isEmpty ? .finished : .refine(centre: bestIndex!, step: firstStep)  // evaluations is not empty
            }
        case .refine(let centre, let step):
            decide(centre: centre, step: step, polls: pollsOfRound)
        case .explore:
            if let b = bestIndex, b != bestBefore, phases.contains(.explore) {
                stage = .refine(centre: b, step: firstStep / 2)
            }
        case .finished:
            break
        }
    }

    /// Moves to the best poll that beats the centre, or halves the step.
    private mutating func decide(centre: Int, step: Double, polls: [[Double]]) {
        var bestPoll: Int? = nil
        for p in polls {
            guard let i = known[p] else { continue }
            let score = evaluations[i].score
            if score.isBetter(than: bestPoll.map { evaluations[$0].score } ?? evaluations[centre].score) { bestPoll = i }
        }
        stage = bestPoll.map { .refine(centre: $0, step: step) } ?? .refine(centre: centre, step: step / 2)
    }

    /// The next Sobol point not yet evaluated nor in `excluding`, or nil when the rounded grid
    /// seems exhausted (64 draws per budgeted evaluation found nothing new).
    private mutating func drawSobol(excluding: [[Double]]) -> [Double]? {
        guard sobol != nil else { return nil }
        while drawAttempts < 64 * budget {
            drawAttempts += 1
            let u = sobol!.next()  // checked above
            let p = zip(dimensions, u).map { $0.value(at: $1) }
            if known[p] == nil && !excluding.contains(p) { return p }
        }
        return nil
    }
}
