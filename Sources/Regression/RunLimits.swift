import Numbers

/// What one run of paths may ask for, checked in one place for the command line (`--steps`,
/// the `--opt` specs) and for a manifest that is replayed (`paths[i].steps`, the number of
/// paths), so that replaying a manifest cannot pass a limit the command line holds.
///
/// * steps: 0 to 1,000,000 per path;
/// * paths: at most 1,000 in one run;
/// * all paths together: at most 20,000,000 steps (`--opt all --steps 1000000` is 18,000,000),
///   about 0.5 GB of points in memory.
public enum RunLimits {
    public static let steps = 0...1_000_000
    public static let maximumPaths = 1_000
    public static let maximumTotalSteps = 20_000_000

    /// The `steps` limit of one path.
    public static func check(steps value: Int) throws(LimitViolation) {
        guard steps.contains(value) else {
            throw LimitViolation(field: "steps", value: String(value),
                                 expected: "a whole number from \(steps.lowerBound) to \(steps.upperBound)")
        }
    }

    /// The limits of a whole run: how many paths, and their steps together.
    ///
    /// - Parameter steps: the steps of each path.
    public static func check(run steps: [Int]) throws(LimitViolation) {
        guard steps.count <= maximumPaths else {
            throw LimitViolation(field: "paths", value: "\(steps.count) paths", expected: "at most \(maximumPaths) paths in one run")
        }
        var total = 0
        for s in steps {
            try check(steps: s)
            total += s
        }
        guard total <= maximumTotalSteps else {
            throw LimitViolation(field: "steps", value: "\(total) steps in all (\(steps.count) paths)",
                                 expected: "at most \(maximumTotalSteps) steps in one run")
        }
    }
}
