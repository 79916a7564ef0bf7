import Optimizers
import Surfaces

extension PlotPath {
    /// The median path of noisy runs of one spec: at every sampled step, the median x, the median
    /// y and the median loss over the runs that are still finite there (coordinate-wise, as a
    /// robust centre of the runs), as long as at least half the runs are; reduced for `resolution`.
    ///
    /// Runs keep a sample every `⌈(steps + 1) / 4096⌉` steps (``Samples``), so up to 4,096 steps
    /// the median is exact per step and memory stays flat for a million.
    ///
    ///     let bold = PlotPath.median(of: runs, resolution: r)   // drawn over the faint runs
    ///
    /// Returns nil when no run kept samples.
    public static func median(of runs: [PlotPath], resolution: PlotResolution) -> PlotPath? {
        let sampled = runs.compactMap(\.samples)
        guard let first = runs.first, !sampled.isEmpty else { return nil }
        let longest = sampled.max { $0.steps.count < $1.steps.count }!  // non-empty
        var steps: [Int] = [], xs: [Double] = [], ys: [Double] = [], losses: [Double] = []
        for j in longest.steps.indices {
            let step = longest.steps[j]
            let alive = sampled.filter { j < $0.steps.count && $0.steps[j] == step }
            guard alive.count * 2 >= sampled.count else { break }
            steps.append(step)
            xs.append(middle(alive.map { $0.xs[j] }))
            ys.append(middle(alive.map { $0.ys[j] }))
            losses.append(middle(alive.map { $0.losses[j] }))
        }
        // The median divergence step, a run that never diverged counting as diverging never.
        let divergence = runs.map { $0.divergedAt ?? .max }.sorted()[(runs.count - 1) / 2]
        let diverged = divergence == .max ? nil : divergence
        var median = PlotPath(label: first.label, optimizer: first.optimizer, legend: first.legend, appearance: first.appearance,
                              run: nil, schedule: first.schedule, steps: first.steps, divergedAt: diverged,
                              resolution: resolution, xs: xs, ys: ys, losses: losses, stepNumbers: steps, lrs: [])
        median.lr = runs.first(where: { !$0.lr.isEmpty })?.lr ?? ReducedCurve()
        median.lrVaries = runs.contains { $0.lrVaries }
        return median
    }

    /// The median of a non-empty list (the mean of the two middle values for an even count).
    static func middle(_ values: [Double]) -> Double {
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }
}
