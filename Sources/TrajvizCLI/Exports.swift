import Jobs
import Optimizers
import Plot
import Regression
import Stepping
import SurfaceFiles
import Surfaces

/// The data files of a run: paths as CSV, and the JSON manifest that can replay them, written
/// as pieces formatted on every core and sent to the output in order.
enum Exports {
    /// A piece of an export: appends its bytes.
    typealias Piece = @Sendable (inout [UInt8]) -> Void

    /// Rows per CSV piece: about 1.3 MB of text, large enough for one write per piece.
    static let rowsPerPiece = 1 << 14

    /// The manifest of a run without its paths, which ``ManifestStream`` adds one by one.
    static func manifest(surface: any Surface, definition: SurfaceDefinition?, start: Point,
                         figure: SurfacePlotOptions, noise: GradientNoise? = nil, runs: Int? = nil) throws(CLIError) -> Manifest {
        let options: JSONValue, recorded: JSONValue?
        do {
            options = try JSONValue(encoding: figure)
            recorded = try definition.map { try JSONValue(encoding: $0) }
        } catch {
            throw .failure("cannot record the run in the manifest: \(error)")
        }
        return Manifest(surface: surface, definition: recorded, start: start, trajectories: [], figure: options,
                        noise: noise, runs: runs)
    }

    /// The CSV rows of `path` in pieces of ``rowsPerPiece`` rows.
    static func csvPieces(of path: Trajectory, runs: Bool) -> [Piece] {
        let rows = PathCSV.rowCount(of: path)
        return stride(from: 0, to: rows, by: rowsPerPiece).map { from in
            { out in PathCSV.appendRows(of: path, runs: runs, points: from..<min(from + rowsPerPiece, rows), to: &out) }
        }
    }

    /// Formats `pieces` a few at a time on every core and writes them to `sink` in order: memory
    /// holds one batch of pieces (a few MB), whatever the length of the path.
    static func write(_ pieces: [Piece], to sink: OutputSink) throws(CLIError) {
        let batch = 2 * Jobs.workerCount
        for from in stride(from: 0, to: pieces.count, by: batch) {
            let group = Array(pieces[from..<min(from + batch, pieces.count)])
            let bytes = parallelMap(group, workers: group.count > 1 ? Jobs.workerCount : 1) { piece -> [UInt8] in
                var out: [UInt8] = []
                piece(&out)
                return out
            }
            for chunk in bytes { try sink.write(chunk) }
        }
    }
}
