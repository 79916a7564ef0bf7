import Foundation
import Optimizers
import Plot
import Regression

/// The figure options that apply to a landscape figure (`trajviz landscape`, and `trajviz replay`
/// of its manifest): the page, the colours, the text and the contour levels. The rest shape a
/// surface's window and panels; given for a landscape they are refused by name rather than
/// silently ignored.
enum LandscapeFigureOptions {
    /// The page a landscape figure has unless `--size` says otherwise.
    static let defaultSize = (width: 1500, height: 1000)

    /// `figure`'s options over `recorded` (a manifest's), checked: each given option replaces the
    /// recorded one.
    static func resolve(_ figure: FigureOptions, over recorded: SurfacePlotOptions = SurfacePlotOptions()) throws(CLIError) -> SurfacePlotOptions {
        let refused: [(String, Bool)] = [
            ("--xlim", figure.xlim != nil), ("--ylim", figure.ylim != nil), ("--layout", figure.layout != nil),
            ("--facet", figure.facet != nil), ("--aspect", figure.aspect != nil), ("--log/--linear", figure.scale != nil),
            ("--loss-scale", figure.lossScale != nil),
        ]
        if let (name, _) = refused.first(where: \.1) {
            throw .usage("\(name) does not apply to a landscape figure (its window covers every projected path: use --span; "
                         + "its contours and panels are fixed); accepted figure options: --size, --title, --subtitle, --levels, "
                         + "--colormap, --theme, --background, --font-scale; and --view, --azimuth, --elevation, --orbit, --fps, --duration")
        }
        return try figure.resolve(over: recorded)
    }

    /// The drawing style of `options`.
    static func style(_ options: SurfacePlotOptions) -> LandscapeFigureStyle {
        LandscapeFigureStyle(width: options.width ?? defaultSize.width, height: options.height ?? defaultSize.height,
                             theme: options.theme ?? .light, colormap: options.colormap ?? .viridis,
                             fontScale: options.fontScale ?? 1, levels: options.levels ?? 24,
                             background: options.background ?? .opaque)
    }

    /// The options as the manifest records them; nil when none was given.
    static func record(_ options: SurfacePlotOptions) throws(CLIError) -> JSONValue? {
        guard options != SurfacePlotOptions() else { return nil }
        do { return try JSONValue(encoding: options) } catch { throw .failure(error.description) }
    }

    /// The options a manifest recorded, read strictly and checked by the command line's limits
    /// (as a surface manifest's are).
    static func recorded(_ json: JSONValue?, manifest: String) throws(CLIError) -> SurfacePlotOptions {
        guard let json else { return SurfacePlotOptions() }
        let options: SurfacePlotOptions
        do {
            options = try json.decode(SurfacePlotOptions.self, at: "figure", choices: FigureLimits.choices,
                                      expectations: FigureLimits.expectations)
        } catch {
            throw .failure("\(manifest): \(error.message)")
        }
        do { return try options.validated() } catch { throw .failure("\(manifest): \(error.message(at: "figure.\(error.field)"))") }
    }
}

/// The 3D view and animation of a landscape figure: `--view 3d` (the camera, `--orbit`) and the
/// frames of a .gif or .webp (`--fps`, `--duration`) are figure options, recorded in the
/// manifest's `figure` with the rest, so that `trajviz replay` draws the same view again.
enum LandscapeView {
    /// `options` with the view and frames given on the command line, checked against the
    /// figure's format and the animation's limits (as the surface command's), before any work.
    static func resolve(view: ViewOptions, animation: AnimationOptions, format: FigureFormat?,
                        options: SurfacePlotOptions) throws(CLIError) -> SurfacePlotOptions {
        let animated = format?.isAnimated ?? false
        let options = try view.resolve(over: animation.resolve(over: options, animated: animated), animated: animated)
        guard case .animation(let kind)? = format else { return options }
        let style = LandscapeFigureOptions.style(options)
        // Frames × pixels: each frame is drawn and compared whole.
        let frames = Int((Double(options.fps ?? AnimationTimeline.defaultFPS) * (options.duration ?? AnimationTimeline.defaultDuration)).rounded())
        guard frames * style.width * style.height <= RunOutputs.maximumAnimationPixels else {
            throw .usage("too much work for one animation: \(frames) frames of \(style.width)x\(style.height) pixels; at most "
                         + "\(RunOutputs.maximumAnimationPixels / 1_000_000_000)·10⁹ pixels in all: lower --fps, --duration or --size")
        }
        if kind == .gif, options.background == .transparent {
            throw .usage("--background transparent cannot be kept in a GIF (a pixel is transparent or not); write a .webp or .png")
        }
        return options
    }
}
