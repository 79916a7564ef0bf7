// Temporary: replaced as the Regression and Plot libraries land.
import Optimizers
import Surfaces

enum Exports {
    static func csv(_ paths: [Trajectory]) throws(CLIError) -> String { throw .failure("CSV export is not available yet") }
    static func manifest(surface: any Surface, paths: [Trajectory], start: Point, steps: Int, figure: FigureSettings) throws(CLIError) -> String {
        throw .failure("JSON export is not available yet")
    }
}

enum FigureOutput {
    static func fileStem(for surface: any Surface) -> String { surface.name }
    static func checkFormat(_ file: OutputFile) throws(CLIError) {
        guard ["png", "svg", "pdf"].contains(file.pathExtension) else {
            throw .usage("unsupported figure format '\(file.path)'; accepted extensions: .png, .svg, .pdf")
        }
    }
    static func render(surface: any Surface, paths: [Trajectory], options: FigureSettings, file: OutputFile) throws(CLIError) -> [UInt8] {
        throw .failure("figures are not available yet")
    }
}
