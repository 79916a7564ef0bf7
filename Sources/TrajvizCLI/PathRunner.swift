import Jobs
import Optimizers
import Regression
import Stepping
import Surfaces

/// Turns what the user asked for (specs, `--lr`, `--schedule`, noise and runs, start, steps) into
/// optimizer paths on a surface. Learning rates are filled in by ``OptimizerChoice/build`` with the
/// surface's suggested rates; the value used is recorded in the trajectory like every other
/// hyperparameter.
struct PathRunner {
    var surface: any Surface
    var specs: [OptimizerSpec]
    var learningRate: Double?
    var schedule: Schedule?
    var noise: GradientNoise?
    /// `--runs`: each spec runs this many times (run 1...K); nil for one run without a number.
    var runs: Int?
    var start: Point
    var steps: Int
    /// Arrays of paths already consumed, for the next paths to step into (see ``TraceBuffers``);
    /// nil: every path allocates its own.
    var buffers: TraceBuffers? = nil

    /// The optimizers, built and validated with their schedules, in spec order.
    func choices() throws(CLIError) -> [OptimizerChoice.Choice] {
        try OptimizerChoice.build(specs, learningRate: learningRate, suggested: surface.suggestedLearningRates,
                                  schedule: schedule, scheduleSteps: steps)
    }

    /// Every path, in spec order, each spec's runs one after another. The paths are independent
    /// jobs, spread over the cores; results keep this order, so the bytes do not depend on them.
    func run() throws(CLIError) -> [Trajectory] {
        try run { $0 }
    }

    /// Every path, as ``run()`` steps them, turned by `transform` inside the path's own job right
    /// after it is stepped (a figure reduces it there), so that a million-step path need not
    /// outlive its job: memory holds one full path per core, not one per spec.
    func run<T: Sendable>(_ transform: @escaping @Sendable (Trajectory) -> T) throws(CLIError) -> [T] {
        var paths: [T] = []
        paths.reserveCapacity(pathCount)
        try stream(transform) { _, path throws(CLIError) in paths.append(path) }
        return paths
    }

    /// How many paths a run gives: each spec once, or `--runs` times.
    var pathCount: Int { specs.count * (runs ?? 1) }

    /// Every path, as ``run(_:)`` gives them, handed to `consume` in order as soon as it and
    /// the paths before it are done (with its index), while the next paths are stepped: at most
    /// one result per core is alive at once, the one being consumed included, so an export can
    /// write a path and drop it before the next is kept.
    ///
    /// - Parameter window: the most results alive at once (default: one per core); 1 when each
    ///   result is a whole path, so that one path is stepped while the one before is written.
    func stream<T: Sendable>(window: Int? = nil, _ transform: @escaping @Sendable (Trajectory) -> T,
                             consume: (Int, T) throws(CLIError) -> Void) throws(CLIError) {
        let choices = try self.choices()
        precondition(choices.count == specs.count, "one choice per spec")
        let runNumbers: [Int?] = runs.map { Array(1...$0).map(Optional.some) } ?? [nil]
        let jobs = choices.indices.flatMap { i in runNumbers.map { (choice: i, run: $0) } }
        let surface = self.surface, start = self.start, steps = self.steps, noise = self.noise, buffers = self.buffers
        let work = choices.map { Job(spec: $0.spec, optimizer: $0.optimizer, schedule: $0.schedule) }
        // A few hundred steps are not worth a thread, but a figure's paths are: each is reduced to
        // the pixels in its job (a quarter of a millisecond for 500 steps), and the default
        // figure's 18 paths were 6 ms on one core, before anything else could start (issue 17).
        let workers = jobs.count >= 2 && jobs.count * steps >= 4_000 ? Jobs.workerCount : 1
        try parallelStream(jobs, workers: workers, window: window, { job -> Result<T, ScheduleError> in
            // The same objective as `replay`, so that a replayed path is identical to the bit.
            let f = objective(of: surface)
            let w = work[job.choice]
            return Result { () throws(ScheduleError) -> T in
                var path = try trace(w.optimizer, label: w.spec.label, name: w.spec.name, start: (start.x, start.y), steps: steps,
                                     schedule: w.schedule, noise: noise, run: job.run, buffers: buffers, objective: f)
                path.appearance = w.spec.appearance
                return transform(path)
            }
        }) { (i, result) throws(CLIError) in
            switch result {
            case .success(let path): try consume(i, path)
            // choices() stepped every schedule through these steps already.
            case .failure(let error): throw .failure("\(choices[jobs[i].choice].spec.label): \(error.message)")
            }
        }
    }

    /// What one job needs of a choice (all of it Sendable).
    private struct Job: Sendable {
        var spec: OptimizerSpec
        var optimizer: any Optimizer
        var schedule: Schedule?
    }
}
