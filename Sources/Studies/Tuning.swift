import Jobs
import Optimizers
import Regression
import Stepping
import Surfaces

/// One optimizer to tune: how to build it from the values of the dimensions searched for it.
public struct TuneTarget: Sendable {
    public var label: String
    /// The registry name.
    public var name: String
    public var kind: OptimizerKind
    /// The spec's own values (the surface's suggested rate for a bare name), complete, which the
    /// searched values replace.
    public var base: Hyperparameters
    public var schedule: Schedule?
    /// The space's dimensions searched for this optimizer.
    public var dimensions: [SearchDimension]

    public init(label: String, name: String, kind: OptimizerKind, base: Hyperparameters, schedule: Schedule?,
                dimensions: [SearchDimension]) {
        self.label = label; self.name = name; self.kind = kind; self.base = base; self.schedule = schedule
        self.dimensions = dimensions
    }

    /// The hyperparameters with `values` for the searched dimensions.
    public func hyperparameters(_ values: [Double]) -> Hyperparameters {
        var h = base
        for (d, v) in zip(dimensions, values) { h[d.name] = .number(v) }
        return h
    }

    /// The base values of the searched dimensions.
    public var baselineValues: [Double] { dimensions.map { base[$0.name]?.number ?? .nan } }
}

/// Tunes every target with the same budget, seed and objective; the evaluations of all targets in
/// one round run as independent jobs on every core.
///
/// Each evaluation builds the optimizer from the target's values (a value its rule refuses, or a
/// schedule that cannot run on it, scores *diverged*), steps it `steps` steps from every start, and
/// scores the median of the objective over the starts (``MetricValue/median(_:)``).
///
/// - Returns: one ``Tuner`` per target, finished, with its evaluations and best point.
public func tune(_ targets: [TuneTarget], on surface: any Surface, objective metric: StudyMetric, steps: Int,
                 starts: [Point], budget: Int, seed: UInt64,
                 progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> [Tuner] {
    var tuners = targets.map { Tuner(dimensions: $0.dimensions, budget: budget, seed: seed, baseline: $0.baselineValues) }
    let minima = surface.minima, fStar = surface.minimumValue
    var done = 0
    let total = targets.count * budget
    while true {
        var batches: [(target: Int, values: [[Double]])] = []
        for i in tuners.indices {
            let p = tuners[i].proposals()
            if !p.isEmpty { batches.append((i, p)) }
        }
        if batches.isEmpty { break }
        struct Job: Sendable { var target: Int; var values: [Double]; var start: Point }
        var jobs: [Job] = []
        for (t, proposals) in batches {
            for values in proposals { for s in starts { jobs.append(Job(target: t, values: values, start: s)) } }
        }
        let workers = jobs.count * max(1, steps) >= 20_000 ? Jobs.workerCount : 1
        let scores = parallelMap(jobs, workers: workers) { job -> MetricValue in
            let target = targets[job.target]
            let optimizer: any Optimizer
            do { optimizer = try target.kind.make(target.hyperparameters(job.values)) } catch { return .diverged }
            let f = objective(of: surface)
            guard let path = try? trace(optimizer, label: target.label, name: target.name, start: (job.start.x, job.start.y),
                                        steps: steps, schedule: target.schedule, objective: f) else { return .diverged }
            return metric.value(of: RunOutcome(path, minima: minima, tolerance: metric.tolerance), minimumValue: fStar)
        }
        var k = 0
        for (t, proposals) in batches {
            var s: [MetricValue] = []
            for _ in proposals {
                s.append(MetricValue.median(Array(scores[k..<(k + starts.count)])))
                k += starts.count
            }
            tuners[t].report(s)
            done += proposals.count
        }
        progress(done, total)
    }
    return tuners
}
