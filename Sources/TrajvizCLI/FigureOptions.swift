import ArgumentParser

/// The figure's options, shared by the surface command and `replay`.
struct FigureOptions: ParsableArguments {
    enum Scale: String, EnumerableFlag {
        case log, linear
        static func help(for value: Scale) -> ArgumentHelp? {
            value == .log ? "Log-spaced contour levels (default for most surfaces)." : "Linearly spaced contour levels."
        }
    }

    enum Layout: String, ExpressibleByArgument, CaseIterable {
        case both, contour
    }

    @Option(name: .long, help: ArgumentHelp("Number of contour levels (2...\(Limits.maxLevels); default: chosen for the surface).", valueName: "N"))
    var levels: Int?

    @Flag(exclusivity: .exclusive)
    var scale: Scale?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The x range shown, e.g. --xlim=-2,2 (default: the surface's domain).", valueName: "A,B"))
    var xlim: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The y range shown, e.g. --ylim=-1,3.", valueName: "A,B"))
    var ylim: String?

    @Option(name: .long, help: ArgumentHelp("Image size in pixels (PNG) or points (SVG, PDF), e.g. 1200x900.", valueName: "WxH"))
    var size: String?

    @Option(name: .long, help: ArgumentHelp("'both': contour and loss panel side by side; 'contour': the contour alone."))
    var layout: Layout = .both

    func resolve() throws(CLIError) -> FigureSettings {
        var settings = FigureSettings()
        if let levels {
            guard (2...Limits.maxLevels).contains(levels) else {
                throw .usage("invalid --levels \(levels); expected a whole number from 2 to \(Limits.maxLevels)")
            }
            settings.levels = levels
        }
        settings.scale = scale?.rawValue
        if let xlim { settings.xlim = try ValueParsing.range(xlim, option: "--xlim", example: "-2,2") }
        if let ylim { settings.ylim = try ValueParsing.range(ylim, option: "--ylim", example: "-1,3") }
        if let size {
            settings.size = try ValueParsing.size(size, option: "--size", minimum: Limits.minPixels, maximum: Limits.maxPixels)
        }
        settings.layout = layout.rawValue
        return settings
    }
}

/// The figure options as the user gave them, before the renderer fills in defaults.
struct FigureSettings: Sendable {
    var levels: Int?
    var scale: String?
    var xlim: (Double, Double)?
    var ylim: (Double, Double)?
    var size: (Int, Int)?
    var layout: String = "both"
}
