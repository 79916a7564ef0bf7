import Optimizers
import Regression
import Surfaces

/// Turns what the user asked for (specs, `--lr`, start, steps) into optimizer paths on a surface.
/// Learning rates are filled in by ``OptimizerChoice/build(_:learningRate:suggested:)`` with the
/// surface's suggested rates; the value used is recorded in the trajectory like every other
/// hyperparameter.
struct PathRunner {
    var surface: any Surface
    var specs: [OptimizerSpec]
    var learningRate: Double?
    var start: Point
    var steps: Int

    /// The optimizers, built and validated, in spec order.
    func optimizers() throws(CLIError) -> [(spec: OptimizerSpec, optimizer: any Optimizer)] {
        try OptimizerChoice.build(specs, learningRate: learningRate, suggested: surface.suggestedLearningRates)
    }

    /// Every path, in spec order.
    func run() throws(CLIError) -> [Trajectory] {
        // The same objective as `replay`, so that a replayed path is identical to the bit.
        let f = objective(of: surface)
        return try optimizers().map { spec, optimizer in
            var path = trace(optimizer, label: spec.label, name: spec.name, start: (start.x, start.y), steps: steps, objective: f)
            path.appearance = spec.appearance
            return path
        }
    }
}
