import Animation
import CairoRender
import Optimizers
import Plot
import Regression
import Surfaces

/// The figure file of a run: its format from the extension, its bytes from the renderer.
enum FigureOutput {
    /// The default file name for a surface (`output/<stem>.png`): its name, made safe for a path.
    static func fileStem(for surface: any Surface) -> String {
        let safe = surface.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        return safe.isEmpty ? "surface" : String(safe)
    }

    /// The format the file's extension names; a usage error listing the accepted ones otherwise.
    static func format(of file: OutputFile) throws(CLIError) -> FigureFormat {
        if file.isStandardOutput {
            throw .usage("--output cannot be '-': the format follows the file extension; name a .png, .svg, .pdf, .gif or .webp file")
        }
        if let format = ImageFormat(pathExtension: file.pathExtension) { return .image(format) }
        if let format = AnimationFormat(pathExtension: file.pathExtension) { return .animation(format) }
        throw .usage("unsupported figure format '\(file.path)'; accepted extensions: "
                     + (ImageFormat.allCases.map(\.rawValue) + AnimationFormat.allCases.map(\.rawValue)).map { "." + $0 }.joined(separator: ", "))
    }

    /// Draws the paths (reduced for this figure: ``reduce(_:surface:options:)``) and returns the
    /// file's bytes; what the figure had to leave out or mark (an undefined region) is said on stderr.
    ///
    /// The options say the view (``SurfacePlotOptions/camera``) and, for a .gif or .webp, the
    /// timing and whether a 3D view orbits; a still figure ignores those two.
    static func render(surface: any Surface, paths: [PlotPath], options: SurfacePlotOptions,
                       file: OutputFile) throws(CLIError) -> [UInt8] {
        let format = try format(of: file)
        let camera = options.camera
        let scene = camera.map { surfaceScene3D(surface: surface, paths: paths, options: options, camera: $0) }
            ?? surfaceScene(surface: surface, paths: paths, options: options)
        for note in scene.notes { Terminal.err("trajviz: warning: \(note)\n") }
        switch format {
        case .image(let format):
            do {
                return try CairoRender.render(scene.figure(), format: format)
            } catch {
                throw .failure("cannot draw the figure for '\(file.path)': \(error.description)")
            }
        case .animation(let format):
            let progress = FrameProgress(enabled: Terminal.stderrIsTerminal)
            defer { progress.clear() }
            do {
                if options.orbit, let camera {
                    let turned = { @Sendable (degrees: Double) -> SurfaceScene in
                        var c = camera
                        c.azimuth += degrees
                        return surfaceScene3D(surface: surface, paths: paths, options: options, camera: c)
                    }
                    // One frame per fps × duration, whatever the steps: the camera, not the paths, moves.
                    let frames = options.timeline(lastStep: Int(AnimationTimeline.durationLimits.upperBound) * AnimationTimeline.fpsLimits.upperBound)
                    return try Animation.animateOrbit(turned, timeline: frames, format: format, progress: progress.update)
                }
                return try Animation.animate(scene, timeline: options.timeline(lastStep: scene.lastStep), format: format,
                                             progress: progress.update)
            } catch {
                throw .failure("cannot draw the animation for '\(file.path)': \(error.description)")
            }
        }
    }

    /// The still format of `file`, for a command whose figure does not unfold over steps (a
    /// sweep's grid, a basin map, a diff): an animation is refused with one line.
    static func stillFormat(of file: OutputFile, command: String) throws(CLIError) -> ImageFormat {
        guard case .image(let still) = try format(of: file) else { throw .usage(stillRefusal(command: command)) }
        return still
    }

    /// The refusal of an animated `--output` by a command that draws still figures.
    static func stillRefusal(command: String) -> String {
        "trajviz \(command) draws a still figure, not paths to animate; name a .png, .svg or .pdf --output"
    }

    /// `path` reduced to what a figure with `options` can show: called right after the path is
    /// stepped, so that a million-step trajectory need not be kept for the figure.
    static func reduce(_ path: Trajectory, surface: any Surface, options: SurfacePlotOptions) -> PlotPath {
        PlotPath(path, resolution: PlotResolution(surface: surface, options: options))
    }

    /// The figure of `trajviz diff`: both paths, and the gap between them in the loss panel.
    static func renderDiff(surface: any Surface, paths: [Trajectory], gap: PathGap, options: SurfacePlotOptions,
                           file: OutputFile) throws(CLIError) -> [UInt8] {
        let format = try stillFormat(of: file, command: "diff")
        let reduced = paths.map { reduce($0, surface: surface, options: options) }
        do {
            let figure = diffFigure(surface: surface, paths: reduced, gap: gap.distances, firstDifference: gap.firstDifference,
                                    options: options)
            return try CairoRender.render(figure, format: format)
        } catch {
            throw .failure("cannot draw the figure for '\(file.path)': \(error)")
        }
    }
}

/// What a figure file holds, by its extension: a still image (Cairo) or an animation.
enum FigureFormat: Equatable {
    case image(ImageFormat)
    case animation(AnimationFormat)

    var isAnimated: Bool { if case .animation = self { true } else { false } }
}

/// "frames 40/150" on stderr while an animation is drawn, when stderr is a terminal.
final class FrameProgress {
    let enabled: Bool
    private var drawn = false
    init(enabled: Bool) { self.enabled = enabled }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        Terminal.err("\r\u{1b}[2Kdrawing frames \(done)/\(total)")
        drawn = true
    }

    func clear() {
        if drawn { Terminal.err("\r\u{1b}[2K") }
        drawn = false
    }
}
