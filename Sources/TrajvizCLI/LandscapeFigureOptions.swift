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
                         + "--colormap, --theme, --background, --font-scale")
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

/// How a landscape figure is drawn beyond its options: flat or in 3D (the camera, an orbit), and,
/// for a .gif or .webp, the animation's frames; what its manifest records in `view` and
/// `animation`, so that `trajviz replay` draws the same 3D view or animation again.
struct LandscapeView: Sendable {
    /// The 3D camera, or nil for contours.
    var camera: Camera3D?
    /// With a camera and an animated figure: turn the camera instead of growing the paths.
    var orbit = false
    /// The frames of an animated figure (nil: a still one).
    var animation: AnimationOptions.Animation?

    /// The options given on the command line, checked against the figure's format (`--orbit`,
    /// `--fps` and `--duration` only with a .gif or .webp) and the animation's limits. Values
    /// `recorded` by a manifest fill what is not given: the view (unless `--view 2d`), its camera
    /// angles, its orbit (for an animated figure) and its frames.
    static func resolve(view: ViewOptions, animation: AnimationOptions, format: FigureFormat?, options: SurfacePlotOptions,
                        recorded: LandscapeView = LandscapeView()) throws(CLIError) -> LandscapeView {
        let animated = format?.isAnimated ?? false
        var view = view, animation = animation
        if let camera = recorded.camera, view.view != .flat {
            view.view = .solid
            if view.azimuth == nil { view.azimuth = formatNumber(camera.azimuth) }
            if view.elevation == nil { view.elevation = formatNumber(camera.elevation) }
            if recorded.orbit && animated { view.orbit = true }
        }
        if animated, let frames = recorded.animation {
            if animation.fps == nil { animation.fps = frames.fps }
            if animation.duration == nil { animation.duration = formatNumber(frames.duration) }
        }
        let frames = try animation.resolve(animated: animated)
        let (camera, orbit) = try view.resolve(animated: animated)
        let style = LandscapeFigureOptions.style(options)
        try RunOutputs.checkAnimation(frames, format: format, size: (style.width, style.height), background: options.background)
        return LandscapeView(camera: camera, orbit: orbit, animation: animated ? frames : nil)
    }

    /// The manifest's `view` member: null for contours.
    var viewJSON: JSONValue? {
        camera.map { c in
            .object([("kind", .string("3d")), ("azimuth", .number(c.azimuth)), ("elevation", .number(c.elevation)), ("orbit", .bool(orbit))])
        }
    }

    /// The manifest's `animation` member: null for a still figure.
    var animationJSON: JSONValue? {
        animation.map { .object([("fps", .number(Double($0.fps))), ("duration", .number($0.duration))]) }
    }

    /// What a manifest recorded, read strictly (each member named in a message) and checked by
    /// the command line's limits.
    static func recorded(view: JSONValue?, animation: JSONValue?, manifest: String) throws(CLIError) -> LandscapeView {
        func fail(_ path: String, _ what: String) -> CLIError { .failure("\(manifest): \(path): \(what)") }
        func number(_ object: JSONValue, _ key: String, _ parent: String, in range: ClosedRange<Double>) throws(CLIError) -> Double {
            guard case .number(let v)? = object[key] else { throw fail("\(parent).\(key)", "expected a number") }
            guard range.contains(v) else { throw fail("\(parent).\(key)", "\(formatNumber(v)) is outside \(formatNumber(range.lowerBound))...\(formatNumber(range.upperBound))") }
            return v
        }
        func members(_ object: JSONValue, _ parent: String, _ allowed: [String]) throws(CLIError) {
            guard case .object(let m) = object else { throw fail(parent, "expected an object or null") }
            if let extra = m.first(where: { !allowed.contains($0.key) }) {
                throw fail("\(parent).\(extra.key)", "unknown member; expected " + allowed.joined(separator: ", "))
            }
        }
        var out = LandscapeView()
        if let view {
            try members(view, "view", ["kind", "azimuth", "elevation", "orbit"])
            guard view["kind"] == .string("3d") else { throw fail("view.kind", "expected \"3d\"") }
            out.camera = Camera3D(azimuth: try number(view, "azimuth", "view", in: Camera3D.azimuthLimits),
                                  elevation: try number(view, "elevation", "view", in: Camera3D.elevationLimits))
            guard case .bool(let orbit)? = view["orbit"] else { throw fail("view.orbit", "expected true or false") }
            out.orbit = orbit
        }
        if let animation {
            try members(animation, "animation", ["fps", "duration"])
            let fps = try number(animation, "fps", "animation",
                                 in: Double(AnimationTimeline.fpsLimits.lowerBound)...Double(AnimationTimeline.fpsLimits.upperBound))
            guard fps == fps.rounded() else { throw fail("animation.fps", "expected a whole number") }
            out.animation = AnimationOptions.Animation(fps: Int(fps),
                                                       duration: try number(animation, "duration", "animation", in: AnimationTimeline.durationLimits))
        }
        return out
    }
}
