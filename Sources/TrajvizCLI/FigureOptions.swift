import ArgumentParser
import Plot
import Surfaces

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

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Number of contour levels (2...\(Limits.maxLevels); default: chosen for the surface).", valueName: "N"))
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

    func resolve() throws(CLIError) -> SurfacePlotOptions {
        var options = SurfacePlotOptions(layout: layout == .both ? .both : .contour)
        if let levels {
            guard (2...Limits.maxLevels).contains(levels) else {
                throw .usage("invalid --levels \(levels); expected a whole number from 2 to \(Limits.maxLevels)")
            }
            options.levels = levels
        }
        options.scale = scale.map { $0 == .log ? LevelScale.log : LevelScale.linear }
        if let xlim {
            let (a, b) = try ValueParsing.range(xlim, option: "--xlim", example: "-2,2")
            options.xlim = a...b
        }
        if let ylim {
            let (a, b) = try ValueParsing.range(ylim, option: "--ylim", example: "-1,3")
            options.ylim = a...b
        }
        if let size {
            let (w, h) = try ValueParsing.size(size, option: "--size", minimum: Limits.minPixels, maximum: Limits.maxPixels)
            options.width = w
            options.height = h
        }
        return options
    }
}
