import CairoRender
import Optimizers
import Plot
import Surfaces

/// The figure file of a run: its format from the extension, its bytes from the renderer.
enum FigureOutput {
    /// The default file name for a surface (`output/<stem>.png`): its name, made safe for a path.
    static func fileStem(for surface: any Surface) -> String {
        let safe = surface.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        return safe.isEmpty ? "surface" : String(safe)
    }

    /// The format the file's extension names; a usage error listing the accepted ones otherwise.
    static func format(of file: OutputFile) throws(CLIError) -> ImageFormat {
        if file.isStandardOutput {
            throw .usage("--output cannot be '-': the format follows the file extension; name a .png, .svg or .pdf file")
        }
        guard let format = ImageFormat(pathExtension: file.pathExtension) else {
            throw .usage("unsupported figure format '\(file.path)'; accepted extensions: "
                         + ImageFormat.allCases.map { "." + $0.rawValue }.joined(separator: ", "))
        }
        return format
    }

    /// Draws the paths (reduced for this figure: ``reduce(_:surface:options:)``) and returns the
    /// file's bytes; what the figure had to leave out or mark (an undefined region) is said on stderr.
    static func render(surface: any Surface, paths: [PlotPath], options: SurfacePlotOptions,
                       file: OutputFile) throws(CLIError) -> [UInt8] {
        let format = try format(of: file)
        let scene = surfaceScene(surface: surface, paths: paths, options: options)
        for note in scene.notes { Terminal.err("trajviz: warning: \(note)\n") }
        do {
            return try CairoRender.render(scene.figure(), format: format)
        } catch {
            throw .failure("cannot draw the figure for '\(file.path)': \(error.description)")
        }
    }

    /// `path` reduced to what a figure with `options` can show: called right after the path is
    /// stepped, so that a million-step trajectory need not be kept for the figure.
    static func reduce(_ path: Trajectory, surface: any Surface, options: SurfacePlotOptions) -> PlotPath {
        PlotPath(path, resolution: PlotResolution(surface: surface, options: options))
    }
}
