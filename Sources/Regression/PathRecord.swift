import Optimizers

/// One path as a data file holds it: the label (and run), the optimizer, the points from step 0
/// (the start) to the last finite step, and the rate of every step when the file records it.
/// What `compare` checks, read from either a CSV or a manifest.
public struct PathRecord: Hashable, Sendable {
    /// The spec as written (`adam:lr=0.05`) or the bare name; unique per file together with ``run``.
    public var label: String
    /// The registry name (`adam`, `momentum`, ...).
    public var optimizer: String
    /// Which of `--runs` noisy runs this is (1-based); nil without `--runs`.
    public var run: Int?
    public var xs: [Double]
    public var ys: [Double]
    public var losses: [Double]
    /// The rate each step used (`lrs[k]` took point k to k + 1); nil in files written before
    /// trajviz recorded rates.
    public var lrs: [Double]?

    public init(label: String, optimizer: String, run: Int? = nil, xs: [Double], ys: [Double], losses: [Double],
                lrs: [Double]? = nil) {
        precondition(xs.count == ys.count && ys.count == losses.count, "a path needs as many xs, ys and losses")
        self.label = label; self.optimizer = optimizer; self.run = run
        self.xs = xs; self.ys = ys; self.losses = losses; self.lrs = lrs
    }

    /// The recorded part of a trajectory (its finite points and its rates).
    public init(_ trajectory: Trajectory) {
        self.init(label: trajectory.label, optimizer: trajectory.optimizer, run: trajectory.run,
                  xs: trajectory.xs, ys: trajectory.ys, losses: trajectory.losses, lrs: Self.recordedRates(trajectory))
    }

    /// A trajectory's rates when it holds one per step taken; nil when it recorded none (or took none).
    static func recordedRates(_ t: Trajectory) -> [Double]? {
        !t.lrs.isEmpty && t.lrs.count == t.xs.count - 1 ? t.lrs : nil
    }

    /// The number of recorded points (steps taken + 1, fewer after a divergence).
    public var count: Int { xs.count }

    /// How reports name the path: its label, and its run when it has one (`adam (run 3)`).
    public var key: String { run.map { "\(label) (run \($0))" } ?? label }
}

/// A path file that cannot be loaded: the format is not known, or its content is malformed.
public struct PathFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension PathRecord {
    /// Reads the paths of a file written by trajviz, choosing the format by the name's extension:
    /// `.csv` (``PathCSV``) or `.json` (``Manifest``), in any letter case.
    ///
    ///     let a = try PathRecord.load(bytesOfA, name: "expected.json")
    ///
    /// - Throws: ``PathFileError`` naming the file and what is wrong (the line for CSV, the line
    ///   and column or the field for JSON), or that the extension is neither `.csv` nor `.json`.
    public static func load(_ bytes: [UInt8], name: String) throws(PathFileError) -> [PathRecord] {
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw PathFileError("\(name): not UTF-8 text")
            }
            do { return try PathCSV.read(text) } catch { throw PathFileError("\(name): \(error)") }
        }
        if lower.hasSuffix(".json") {
            do { return try Manifest.decode(bytes).paths.map(\.record) } catch { throw PathFileError("\(name): \(error)") }
        }
        throw PathFileError("\(name): unknown path file type; accepted: .csv, .json (as written by trajviz --csv / --json)")
    }
}
