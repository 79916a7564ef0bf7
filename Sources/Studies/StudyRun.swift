import Jobs
import Optimizers
import Regression
import Stepping
import Surfaces

/// One run of a study: a built optimizer with its schedule, from a start, for a noise run.
public struct StudyRun: Sendable {
    /// Unique in the study: the spec with the run's rate (`adam:lr=0.001`), or the spec and its
    /// start (`adam from (-5, -4.75)`).
    public var label: String
    /// The registry name.
    public var name: String
    public var optimizer: any Optimizer
    public var schedule: Schedule?
    public var appearance: PathAppearance
    public var start: Point
    /// Which of `--runs` noisy runs (1-based); nil without `--runs`.
    public var run: Int?

    public init(label: String, name: String, optimizer: any Optimizer, schedule: Schedule?,
                appearance: PathAppearance = PathAppearance(), start: Point, run: Int?) {
        self.label = label; self.name = name; self.optimizer = optimizer; self.schedule = schedule
        self.appearance = appearance; self.start = start; self.run = run
    }
}

/// Steps every run on `surface` as independent jobs on every core (``parallelMap``), each turned
/// by `transform` inside its own job right after it is stepped, so that a basin map of thousands
/// of runs never holds more than one full path per core. Results come in the order of `runs`, so
/// the bytes written from them do not depend on scheduling.
///
/// Every run goes through Stepping's ``trace(_:label:name:start:steps:schedule:noise:run:objective:)``
/// with Regression's ``objective(of:)``, as the surface command and `replay` do: a run of a study
/// is the path the surface command draws for the same spec, rate and start, to the bit.
///
/// - Returns: each run's transform, or the schedule error that stopped it.
/// - Complexity: O(runs × steps) objective evaluations, spread over the cores.
public func stepRuns<T: Sendable>(
    _ runs: [StudyRun], on surface: any Surface, steps: Int, noise: GradientNoise?,
    transform: @escaping @Sendable (Trajectory) -> T
) -> [Result<T, ScheduleError>] {
    // Jobs of a few thousand steps in all are not worth a thread.
    let workers = runs.count * max(1, steps) >= 20_000 ? Jobs.workerCount : 1
    return parallelMap(runs, workers: workers) { r -> Result<T, ScheduleError> in
        let f = objective(of: surface)
        return Result { () throws(ScheduleError) -> T in
            var path = try trace(r.optimizer, label: r.label, name: r.name, start: (r.start.x, r.start.y), steps: steps,
                                 schedule: r.schedule, noise: noise, run: r.run, objective: f)
            path.appearance = r.appearance
            return transform(path)
        }
    }
}
