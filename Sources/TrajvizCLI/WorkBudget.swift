import Numbers
import SurfaceFiles
import Surfaces

/// The cost a run of paths may have on a surface read from a file: every step evaluates f with
/// its gradient once, so the work is f's operations times the steps of all paths. Built-in
/// surfaces are a few dozen operations of compiled code and always fit.
///
/// The budget, 5·10⁹ operations, is about half a minute at the few nanoseconds a dual-number
/// operation takes here: `--opt all --steps 1000000` (18 million steps) on Müller–Brown (under
/// 100 operations) fits; the same on a formula of thousands of terms would run for hours, and
/// is refused before it starts, saying what to reduce.
enum WorkBudget {
    static let maximumOperations = 5_000_000_000

    /// Refuses a run whose paths would evaluate `surface` more than the budget allows.
    ///
    /// - Parameters:
    ///   - steps: the steps of each path.
    ///   - origin: where the steps were asked for, for the message (`--steps 1000000`).
    static func check(surface: any Surface, steps: [Int], origin: String) throws(CLIError) {
        guard let file = surface as? ExpressionSurface else { return }
        let operations = file.expression.instructionCount
        let evaluations = steps.reduce(0) { $0 + $1 }
        let (work, overflow) = operations.multipliedReportingOverflow(by: evaluations)
        guard overflow || work > maximumOperations else { return }
        throw .usage("too much work for one run: f of '\(surface.name)' has \(operations) operations and \(steps.count) paths "
                     + "take \(evaluations) steps in all (\(origin)), about \(shownNumber(Double(work))) operations; "
                     + "at most \(shownNumber(Double(maximumOperations))): ask for fewer steps or paths, or simplify f")
    }
}
