import Numbers
import Surfaces

/// What a surface figure accepts, in one place: the command line (`--levels`, `--size`,
/// `--xlim`, `--ylim`, `--layout`) and a manifest's `figure` member are checked by the same
/// ``SurfacePlotOptions/validated()``, so a limit cannot be passed by replaying a manifest.
///
/// * width and height: 100 to 10,000 pixels (a 10,000 × 10,000 PNG is 400 MB of pixels);
/// * levels: 2 to 200 filled bands;
/// * xlim and ylim: two finite numbers with min < max.
public enum FigureLimits {
    /// Page width and height in pixels.
    public static let pixels = 100...10_000
    /// Number of filled contour bands.
    public static let levels = 2...200

    /// The accepted values of the figure's enumerated fields, by field name (for messages
    /// about a manifest's figure that names a value not in the list).
    public static let choices: [String: [String]] = [
        "layout": SurfacePlotOptions.Layout.allCases.map(\.rawValue),
        "scale": LevelScale.allCases.map(\.rawValue),
    ]

    /// What each limited field accepts, in words, by field name.
    public static let expectations: [String: String] = [
        "levels": "a whole number from \(levels.lowerBound) to \(levels.upperBound)",
        "width": "a whole number of pixels from \(pixels.lowerBound) to \(pixels.upperBound)",
        "height": "a whole number of pixels from \(pixels.lowerBound) to \(pixels.upperBound)",
        "xlim": "two finite numbers [min, max] with min < max",
        "ylim": "two finite numbers [min, max] with min < max",
    ]

    /// The `levels` limit: `a whole number from 2 to 200`.
    public static func check(levels value: Int) throws(LimitViolation) {
        guard levels.contains(value) else {
            throw LimitViolation(field: "levels", value: String(value), expected: expectations["levels"]!)
        }
    }

    /// The `width` or `height` limit.
    public static func check(pixels value: Int, field: String) throws(LimitViolation) {
        guard pixels.contains(value) else {
            throw LimitViolation(field: field, value: String(value), expected: expectations["width"]!)
        }
    }

    /// The `xlim` or `ylim` limit: finite, min < max.
    public static func check(range: ClosedRange<Double>, field: String) throws(LimitViolation) {
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw LimitViolation(field: field, value: "[\(shownNumber(range.lowerBound)), \(shownNumber(range.upperBound))]",
                                 expected: expectations["xlim"]!)
        }
    }
}

extension SurfacePlotOptions {
    /// These options, when every field is within ``FigureLimits``: the one check of figure
    /// options, for the command line and for manifests alike.
    ///
    /// - Throws: ``LimitViolation`` for the first field out of its limits.
    public func validated() throws(LimitViolation) -> SurfacePlotOptions {
        if let levels { try FigureLimits.check(levels: levels) }
        if let width { try FigureLimits.check(pixels: width, field: "width") }
        if let height { try FigureLimits.check(pixels: height, field: "height") }
        if let xlim { try FigureLimits.check(range: xlim, field: "xlim") }
        if let ylim { try FigureLimits.check(range: ylim, field: "ylim") }
        return self
    }
}
