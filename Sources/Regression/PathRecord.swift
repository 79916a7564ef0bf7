import Optimizers

/// One path as a data file holds it: the label, the optimizer, and the points from step 0 (the
/// start) to the last finite step. What `compare` checks, read from either a CSV or a manifest.
public struct PathRecord: Hashable, Sendable {
    /// Unique per file: the spec as written (`adam:lr=0.05`) or the bare name.
    public var label: String
    /// The registry name (`adam`, `momentum`, ...).
    public var optimizer: String
    public var xs: [Double]
    public var ys: [Double]
    public var losses: [Double]

    public init(label: String, optimizer: String, xs: [Double], ys: [Double], losses: [Double]) {
        precondition(xs.count == ys.count && ys.count == losses.count, "a path needs as many xs, ys and losses")
        self.label = label; self.optimizer = optimizer; self.xs = xs; self.ys = ys; self.losses = losses
    }

    /// The recorded part of a trajectory (its finite points).
    public init(_ trajectory: Trajectory) {
        self.init(label: trajectory.label, optimizer: trajectory.optimizer,
                  xs: trajectory.xs, ys: trajectory.ys, losses: trajectory.losses)
    }

    /// The number of recorded points (steps taken + 1, fewer after a divergence).
    public var count: Int { xs.count }
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
