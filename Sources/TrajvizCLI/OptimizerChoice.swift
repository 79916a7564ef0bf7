import Optimizers
import Stepping

/// The optimizers a command runs, from its `--opt` arguments, `--lr` and `--schedule`: shared by the
/// surface command and `mnist`, so both parse, fill in learning rates, attach schedules and refuse
/// bad values alike.
enum OptimizerChoice {
    /// One optimizer to run: the spec as written, the rule built from it, its schedule.
    struct Choice {
        var spec: OptimizerSpec
        var optimizer: any Optimizer
        var schedule: Schedule?
    }

    /// Every `--opt` argument parsed into specs, in order (`all` and lists expanded).
    static func parse(_ arguments: [String]) throws(CLIError) -> [OptimizerSpec] {
        var specs: [OptimizerSpec] = []
        for argument in arguments {
            do { specs += try OptimizerSpec.parseList(argument) } catch { throw .usage(error.message) }
        }
        return specs
    }

    /// `--schedule`'s text parsed, so that a typo is reported once, as the option's.
    static func parseSchedule(_ text: String?) throws(CLIError) -> Schedule? {
        guard let text else { return nil }
        do { return try Schedule.parse(text) } catch { throw .usage("invalid --schedule '\(text)': \(error.message)") }
    }

    /// The optimizers, built and validated, in spec order, each with its schedule.
    ///
    /// The learning rate of a spec that names none comes from `learningRate` (`--lr`) when given.
    /// Otherwise a bare name (`adam`, or `all`) takes `suggested[rateKey]` (a surface's readable
    /// rates), while a spec that writes hyperparameters (`sgd:momentum=0.8`) is read as the
    /// reference's constructor call and keeps the reference's default lr, so that its path is the
    /// one torch gives for the same arguments.
    ///
    /// A spec's own schedule (after `@`) wins over `schedule` (`--schedule`). Every schedule is
    /// built on its optimizer and stepped `scheduleSteps` times before any work (``check(_:steps:)``
    /// when the count is known only later), so that what torch would refuse on the way (a cycled
    /// momentum the optimizer lacks, onecycle stepped past total_steps) is a usage error now, not a
    /// failure halfway.
    ///
    /// - Throws: a usage error for a label given twice or a value the reference refuses, naming
    ///   `--lr` or `--schedule` when that is where the bad value came from.
    static func build(_ specs: [OptimizerSpec], learningRate: Double?, suggested: [String: Double] = [:],
                      schedule: Schedule? = nil, scheduleSteps: Int?) throws(CLIError) -> [Choice] {
        var seen = Set<String>()
        var result: [Choice] = []
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
                } else if spec.overrides.entries.isEmpty, let lr = suggested[spec.kind.rateKey] {
                    overrides["lr"] = .number(lr)
                }
            }
            let optimizer: any Optimizer
            do {
                optimizer = try spec.kind.make(overrides)
            } catch {
                // The spec's label already names the optimizer: its name again before the
                // reference's words would stutter ("for adam: adam: Invalid learning rate").
                let reason = error.message.hasPrefix("\(spec.kind.name): ")
                    ? String(error.message.dropFirst(spec.kind.name.count + 2)) : error.message
                throw .usage(fromOption ? "invalid --lr \(formatNumber(learningRate!)) for \(spec.label): \(reason)"
                                        : "invalid optimizer '\(spec.label)': \(reason)")
            }
            var chosen: Schedule? = schedule
            if let text = spec.schedule {
                do { chosen = try Schedule.parse(text) } catch {
                    throw .usage("invalid schedule '\(text)' in '\(spec.label)': \(error.message)")
                }
            }
            let choice = Choice(spec: spec, optimizer: optimizer, schedule: chosen)
            if let scheduleSteps { try check([choice], steps: scheduleSteps) }
            result.append(choice)
        }
        return result
    }

    /// Builds every choice's schedule on its optimizer and steps it `steps` times, as the run will.
    ///
    /// - Throws: a usage error naming the spec and the schedule, in torch's words.
    static func check(_ choices: [Choice], steps: Int) throws(CLIError) {
        for choice in choices {
            guard let schedule = choice.schedule else { continue }
            do {
                try schedule.check(lr: choice.optimizer.learningRate, cycledMomentum: type(of: choice.optimizer).cycledMomentum,
                                   steps: steps)
            } catch {
                throw .usage(choice.spec.schedule != nil
                             ? "invalid schedule '\(schedule.text)' in '\(choice.spec.label)': \(error.message)"
                             : "invalid --schedule '\(schedule.text)' for \(choice.spec.label): \(error.message)")
            }
        }
    }
}
