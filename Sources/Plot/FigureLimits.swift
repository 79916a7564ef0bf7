import Numbers
import Surfaces

/// What a surface figure accepts, in one place: the command line and a manifest's `figure`
/// member are checked by the same ``SurfacePlotOptions/validated()``, so a hand-edited manifest
/// cannot ask for what the command line refuses (a 32767-pixel page, 100,000 levels, an empty
/// range, a 10 MB title).
///
/// * width and height: 100 to 10,000 pixels (a 10,000 × 10,000 PNG is 400 MB of pixels);
/// * levels: 2 to 200 filled bands;
/// * xlim and ylim: two finite numbers with min < max and a finite width;
/// * font_scale: 0.5 to 3 (beyond, text overruns the panels or vanishes);
/// * title and subtitle: at most 500 characters (one line of a page is under 200);
/// * azimuth −360 to 360 and elevation −90 to 90 degrees (``Camera3D``);
/// * fps 1 to 50 and duration 0.5 to 120 seconds (``AnimationTimeline``).
public enum FigureLimits {
    /// Page width and height in pixels.
    public static let pixels = 100...10_000
    /// Number of filled contour bands.
    public static let levels = 2...200
    /// The factor on every text size.
    public static let fontScale = 0.5...3.0
    /// Characters in a title or subtitle.
    public static let textLength = 500

    /// The accepted values of the figure's enumerated fields, by field name (for messages
    /// about a manifest's figure that names a value not in the list).
    public static let choices: [String: [String]] = [
        "layout": SurfacePlotOptions.Layout.allCases.map(\.rawValue),
        "scale": LevelScale.allCases.map(\.rawValue),
        "facet": SurfacePlotOptions.Facet.allCases.map(\.rawValue),
        "aspect": SurfacePlotOptions.Aspect.allCases.map(\.rawValue),
        "colormap": Colormap.allCases.map(\.rawValue),
        "theme": Theme.allCases.map(\.rawValue),
        "background": PageBackground.allCases.map(\.rawValue),
        "loss_scale": SurfacePlotOptions.LossScale.allCases.map(\.rawValue),
        "view": SurfacePlotOptions.View.allCases.map(\.rawValue),
    ]

    /// What each limited field accepts, in words, by field name.
    public static let expectations: [String: String] = [
        "levels": "a whole number from \(levels.lowerBound) to \(levels.upperBound)",
        "width": "a whole number of pixels from \(pixels.lowerBound) to \(pixels.upperBound)",
        "height": "a whole number of pixels from \(pixels.lowerBound) to \(pixels.upperBound)",
        "xlim": "two finite numbers [min, max] with min < max",
        "ylim": "two finite numbers [min, max] with min < max",
        "font_scale": "a number from \(shownNumber(fontScale.lowerBound)) to \(shownNumber(fontScale.upperBound))",
        "title": "text of at most \(textLength) characters",
        "subtitle": "text of at most \(textLength) characters",
        "azimuth": "degrees from \(shownNumber(Camera3D.azimuthLimits.lowerBound)) to \(shownNumber(Camera3D.azimuthLimits.upperBound))",
        "elevation": "degrees from \(shownNumber(Camera3D.elevationLimits.lowerBound)) to \(shownNumber(Camera3D.elevationLimits.upperBound))",
        "orbit": "true or false",
        "fps": "a whole number from \(AnimationTimeline.fpsLimits.lowerBound) to \(AnimationTimeline.fpsLimits.upperBound) (frames under 20 ms play slowly in browsers)",
        "duration": "seconds from \(shownNumber(AnimationTimeline.durationLimits.lowerBound)) to \(shownNumber(AnimationTimeline.durationLimits.upperBound))",
    ]

    static func violation(_ field: String, _ value: String) -> LimitViolation {
        LimitViolation(field: field, value: value, expected: expectations[field]!)
    }
}

extension SurfacePlotOptions {
    /// These options, when every field is within ``FigureLimits``: the one check of figure
    /// options, for the command line and for manifests alike.
    ///
    /// - Throws: ``LimitViolation`` for the first field out of its limits, named as a
    ///   manifest names it (`font_scale`).
    @discardableResult
    public func validated() throws(LimitViolation) -> SurfacePlotOptions {
        if let levels, !FigureLimits.levels.contains(levels) { throw FigureLimits.violation("levels", String(levels)) }
        for (field, value) in [("width", width), ("height", height)] {
            if let value, !FigureLimits.pixels.contains(value) { throw FigureLimits.violation(field, String(value)) }
        }
        for (field, range) in [("xlim", xlim), ("ylim", ylim)] {
            guard let range else { continue }
            let (a, b) = (range.lowerBound, range.upperBound)
            guard a.isFinite, b.isFinite, a < b, (b - a).isFinite else {
                throw FigureLimits.violation(field, "[\(shownNumber(a)), \(shownNumber(b))]")
            }
        }
        if let fontScale, !(fontScale.isFinite && FigureLimits.fontScale.contains(fontScale)) {
            throw FigureLimits.violation("font_scale", shownNumber(fontScale))
        }
        for (field, text) in [("title", title), ("subtitle", subtitle)] {
            if let text, text.count > FigureLimits.textLength {
                throw FigureLimits.violation(field, "of \(text.count) characters")
            }
        }
        for (field, value, range) in [("azimuth", azimuth, Camera3D.azimuthLimits), ("elevation", elevation, Camera3D.elevationLimits),
                                      ("duration", duration, AnimationTimeline.durationLimits)] {
            if let value, !(value.isFinite && range.contains(value)) { throw FigureLimits.violation(field, shownNumber(value)) }
        }
        if let fps, !AnimationTimeline.fpsLimits.contains(fps) { throw FigureLimits.violation("fps", String(fps)) }
        return self
    }
}
