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

    /// The optimizers, built and validated with their schedules, in spec order.
    func choices() throws(CLIError) -> [OptimizerChoice.Choice] {
        try OptimizerChoice.build(specs, learningRate: learningRate, suggested: surface.suggestedLearningRates,
                                  schedule: schedule, scheduleSteps: steps)
    }

    /// Every path, in spec order, each spec's runs one after another.
    func run() throws(CLIError) -> [Trajectory] {
        // The same objective as `replay`, so that a replayed path is identical to the bit.
        let f = objective(of: surface)
        var paths: [Trajectory] = []
        for choice in try choices() {
            for run in runs.map({ Array(1...$0).map(Optional.some) }) ?? [nil] {
                do {
                    var path = try trace(choice.optimizer, label: choice.spec.label, name: choice.spec.name,
                                         start: (start.x, start.y), steps: steps, schedule: choice.schedule,
                                         noise: noise, run: run, objective: f)
                    path.appearance = choice.spec.appearance
                    paths.append(path)
                } catch {
                    // choices() stepped every schedule through these steps already.
                    throw .failure("\(choice.spec.label): \(error.message)")
                }
            }
        }
        return paths
    }
}
