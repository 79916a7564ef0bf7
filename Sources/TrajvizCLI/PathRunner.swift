import Optimizers
import Regression
import Surfaces

/// Turns what the user asked for (specs, `--lr`, start, steps) into optimizer paths on a surface.
///
/// The learning rate of a spec that names none comes from `--lr` when given. Otherwise a bare
/// name (`adam`, or `all`) takes the surface's suggested rate, so that `--opt all` gives paths a
/// reader can follow, while a spec that writes hyperparameters (`sgd:momentum=0.8`) is read as the
/// reference's constructor call and keeps the reference's default lr, so that its path is the one
/// torch gives for the same arguments. The value used is recorded in the trajectory like every
/// other hyperparameter.
struct PathRunner {
    var surface: any Surface
    var specs: [OptimizerSpec]
    var learningRate: Double?
    var start: Point
    var steps: Int

    /// The optimizers, built and validated, in spec order. Throws a usage error for a value the
    /// reference refuses or a label given twice.
    func optimizers() throws(CLIError) -> [(spec: OptimizerSpec, optimizer: any Optimizer)] {
        var seen = Set<String>()
        var result: [(OptimizerSpec, any Optimizer)] = []
        for spec in specs {
            guard seen.insert(spec.label).inserted else {
                throw .usage("optimizer '\(spec.label)' is given twice; each --opt must differ (e.g. adam:lr=0.01 and adam:lr=0.1)")
            }
            var overrides = spec.overrides
            var fromOption = false
            if overrides["lr"] == nil {
                if let lr = learningRate {
                    overrides["lr"] = .number(lr)
                    fromOption = true
                } else if spec.overrides.entries.isEmpty, let lr = surface.suggestedLearningRates[spec.name] {
                    overrides["lr"] = .number(lr)
                }
            }
            do {
                result.append((spec, try spec.kind.make(overrides)))
            } catch {
                throw .usage(fromOption ? "invalid --lr \(formatNumber(learningRate!)) for \(spec.label): \(error.message)"
                                        : "invalid optimizer '\(spec.label)': \(error.message)")
            }
        }
        return result
    }

    /// Every path, in spec order.
    func run() throws(CLIError) -> [Trajectory] {
        // The same objective as `replay`, so that a replayed path is identical to the bit.
        let f = objective(of: surface)
        return try optimizers().map { spec, optimizer in
            trace(optimizer, label: spec.label, name: spec.name, start: (start.x, start.y), steps: steps, objective: f)
        }
    }
}
