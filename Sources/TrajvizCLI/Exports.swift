import Optimizers
import Plot
import Regression
import Surfaces

/// The data files of a run: paths as CSV, and the JSON manifest that can replay them.
enum Exports {
    static func csv(_ paths: [Trajectory]) -> String { PathCSV.write(paths) }

    static func manifest(surface: any Surface, definition: JSONValue?, paths: [Trajectory], start: Point,
                         figure: SurfacePlotOptions) throws(CLIError) -> [UInt8] {
        let options: JSONValue
        do { options = try JSONValue(encoding: figure) } catch {
            throw .failure("cannot record the figure options: \(error)")
        }
        return Manifest(surface: surface, definition: definition, start: start, trajectories: paths, figure: options).encode()
    }
}
