/// The limits of every figure option, checked in one place for the command line and for a
/// manifest's `figure` member alike, so that a hand-edited manifest cannot ask for what the
/// command line refuses (a 32767-pixel page, 100,000 levels, an empty range).
extension SurfacePlotOptions {
    public static let levelLimits = 2...200
    public static let pixelLimits = 100...10_000
    public static let fontScaleLimits = 0.5...3.0
    /// Characters in a title or subtitle.
    public static let textLimit = 500

    /// Throws the first option out of its limits, named as `name` spells it (`--levels` on the
    /// command line, `levels` in a manifest).
    ///
    ///     try options.validate { "--" + $0.replacingOccurrences(of: "_", with: "-") }
    public func validate(naming name: (String) -> String = { $0 }) throws(FigureOptionsError) {
        if let levels, !Self.levelLimits.contains(levels) {
            throw FigureOptionsError("invalid \(name("levels")) \(levels); expected a whole number from \(Self.levelLimits.lowerBound) to \(Self.levelLimits.upperBound)")
        }
        for (field, value) in [("width", width), ("height", height)] {
            if let value, !Self.pixelLimits.contains(value) {
                throw FigureOptionsError("invalid \(name(field)) \(value); width and height must be between \(Self.pixelLimits.lowerBound) and \(Self.pixelLimits.upperBound) pixels")
            }
        }
        for (field, range) in [("xlim", xlim), ("ylim", ylim)] {
            guard let range else { continue }
            guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw FigureOptionsError("invalid \(name(field)) [\(range.lowerBound), \(range.upperBound)]; both numbers must be finite")
            }
            guard range.lowerBound < range.upperBound else {
                throw FigureOptionsError("invalid \(name(field)) [\(range.lowerBound), \(range.upperBound)]; the first number must be less than the second")
            }
            guard (range.upperBound - range.lowerBound).isFinite else {
                throw FigureOptionsError("invalid \(name(field)) [\(range.lowerBound), \(range.upperBound)]; the range is wider than a number can hold")
            }
        }
        if let fontScale, !(fontScale.isFinite && Self.fontScaleLimits.contains(fontScale)) {
            throw FigureOptionsError("invalid \(name("font_scale")) \(fontScale); expected a number from \(Self.fontScaleLimits.lowerBound) to \(Self.fontScaleLimits.upperBound)")
        }
        for (field, text) in [("title", title), ("subtitle", subtitle)] {
            if let text, text.count > Self.textLimit {
                throw FigureOptionsError("\(name(field)) is \(text.count) characters long; at most \(Self.textLimit)")
            }
        }
    }
}
