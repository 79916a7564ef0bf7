import Optimizers
import Plot
import Regression
import Stepping
import SurfaceFiles
import Surfaces

/// The data files of a run: paths as CSV, and the JSON manifest that can replay them.
enum Exports {
    static func csv(_ paths: [Trajectory]) -> String { PathCSV.write(paths) }

    static func manifest(surface: any Surface, definition: SurfaceDefinition?, paths: [Trajectory], start: Point,
                         figure: SurfacePlotOptions, noise: GradientNoise? = nil, runs: Int? = nil,
                         study: JSONValue? = nil) throws(CLIError) -> [UInt8] {
        let options: JSONValue, recorded: JSONValue?
        do {
            options = try JSONValue(encoding: figure)
            recorded = try definition.map { try JSONValue(encoding: $0) }
        } catch {
            throw .failure("cannot record the run in the manifest: \(error)")
        }
        return Manifest(surface: surface, definition: recorded, start: start, trajectories: paths, figure: options,
                        noise: noise, runs: runs, study: study).encode()
    }
}
