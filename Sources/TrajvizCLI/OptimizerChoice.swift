import Optimizers

/// The optimizers a command runs, from its `--opt` arguments and `--lr`: shared by the surface
/// command and `mnist`, so both parse, fill in learning rates and refuse bad values alike.
enum OptimizerChoice {
    /// Every `--opt` argument parsed into specs, in order (`all` and lists expanded).
    static func parse(_ arguments: [String]) throws(CLIError) -> [OptimizerSpec] {
        var specs: [OptimizerSpec] = []
        for argument in arguments {
            do { specs += try OptimizerSpec.parseList(argument) } catch { throw .usage(error.message) }
        }
        return specs
    }

    /// The optimizers, built and validated, in spec order.
    ///
    /// The learning rate of a spec that names none comes from `learningRate` (`--lr`) when given.
    /// Otherwise a bare name (`adam`, or `all`) takes `suggested[name]` (a surface's readable
    /// rates), while a spec that writes hyperparameters (`sgd:momentum=0.8`) is read as the
    /// reference's constructor call and keeps the reference's default lr, so that its path is the
    /// one torch gives for the same arguments.
    ///
    /// - Throws: a usage error for a label given twice or a value the reference refuses, naming
    ///   `--lr` when that is where the bad value came from.
    static func build(_ specs: [OptimizerSpec], learningRate: Double?,
                      suggested: [String: Double] = [:]) throws(CLIError) -> [(spec: OptimizerSpec, optimizer: any Optimizer)] {
        var seen = Set<String>()
        var result: [(OptimizerSpec, any Optimizer)] = []
        for spec in specs {
            guard seen.insert(spec.label).inserted else {
                throw .usage("optimizer '\(spec.label)' is given twice; each --opt must differ (e.g. adam:lr=0.01 and adam:lr=0.1)")
            }
            var overrides = spec.overrides
            var fromOption = false
            if overrides["lr"] == nil {
                if let learningRate {
                    overrides["lr"] = .number(learningRate)
                    fromOption = true
                } else if spec.overrides.entries.isEmpty, let lr = suggested[spec.name] {
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
}
