import ArgumentParser
import Foundation
import Plot
import Surfaces

/// The figure's options, shared by the surface command and `replay` (which reads them from the
/// manifest unless given again).
struct FigureOptions: ParsableArguments {
    enum Scale: String, EnumerableFlag {
        case log, linear
        static func help(for value: Scale) -> ArgumentHelp? {
            value == .log ? "Log-spaced contour levels (default for most surfaces)." : "Linearly spaced contour levels."
        }
    }

    enum Layout: String, ExpressibleByArgument, CaseIterable { case both, contour }
    enum Facet: String, ExpressibleByArgument, CaseIterable { case optimizer }
    enum Aspect: String, ExpressibleByArgument, CaseIterable { case equal, auto }
    enum ColormapName: String, ExpressibleByArgument, CaseIterable { case viridis, cividis, magma, gray }
    enum ThemeName: String, ExpressibleByArgument, CaseIterable { case light, dark }
    enum Background: String, ExpressibleByArgument, CaseIterable { case opaque, transparent }
    enum LossScale: String, ExpressibleByArgument, CaseIterable { case log, linear }

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Number of contour levels (\(FigureLimits.levels.lowerBound)...\(FigureLimits.levels.upperBound); default: chosen for the surface).", valueName: "N"))
    var levels: Int?

    @Flag(exclusivity: .exclusive)
    var scale: Scale?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The x range shown, e.g. --xlim=-2,2 (default: the surface's domain).", valueName: "A,B"))
    var xlim: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The y range shown, e.g. --ylim=-1,3.", valueName: "A,B"))
    var ylim: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Page size, e.g. 1200x900 (default; 900x860 with --layout contour): pixels in a PNG; CSS px (1/96 inch) in an SVG; 1/96 inch in a PDF (1200x900 is 12.5 x 9.4 inches).", valueName: "WxH"))
    var size: String?

    @Option(name: .long, help: ArgumentHelp("'both' (default): contour and loss panel side by side; 'contour': the contour alone."))
    var layout: Layout?

    @Option(name: .long, help: ArgumentHelp("Small multiples: one panel per optimizer spec, with shared axes and colorbar.", valueName: "optimizer"))
    var facet: Facet?

    @Option(name: .long, help: ArgumentHelp("The title (default: the surface's name; '' hides it).", valueName: "TEXT"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("The line under the title (default: the formula; '' hides it).", valueName: "TEXT"))
    var subtitle: String?

    @Option(name: .long, help: ArgumentHelp("'equal': one unit of x as long as one of y, so gradients cross contours at right angles; 'auto': a panel shaped like the window within 1:2 and 2:1 (default: equal unless the window is over 3 times wider than tall or the reverse)."))
    var aspect: Aspect?

    @Option(name: .long, help: ArgumentHelp("The contour colormap (default: viridis).", valueName: "NAME"))
    var colormap: ColormapName?

    @Option(name: .long, help: ArgumentHelp("'light' (default) or 'dark' page and text.", valueName: "NAME"))
    var theme: ThemeName?

    @Option(name: .long, help: ArgumentHelp("'transparent' leaves the page unpainted (PNG alpha; SVG, PDF without a page rectangle); default 'opaque'.", valueName: "MODE"))
    var background: Background?

    @Option(name: .customLong("font-scale"), parsing: .unconditional, help: ArgumentHelp("Multiplies every text size (\(FigureLimits.fontScale.lowerBound)...\(FigureLimits.fontScale.upperBound)). Text follows the page size (tick labels 14 px at 1200x900) but never gets smaller than 10 px tick labels.", valueName: "K"))
    var fontScale: String?

    @Option(name: .customLong("loss-scale"), help: ArgumentHelp("The loss panel's y axis: 'log' (f − f*; default when the losses are bounded below) or 'linear'.", valueName: "SCALE"))
    var lossScale: LossScale?

    /// The flags given, in the help's order (for a refusal that names them).
    var given: [String] {
        [("--levels", levels != nil), ("--log/--linear", scale != nil), ("--xlim", xlim != nil), ("--ylim", ylim != nil),
         ("--size", size != nil), ("--layout", layout != nil), ("--facet", facet != nil), ("--title", title != nil),
         ("--subtitle", subtitle != nil), ("--aspect", aspect != nil), ("--colormap", colormap != nil), ("--theme", theme != nil),
         ("--background", background != nil), ("--font-scale", fontScale != nil), ("--loss-scale", lossScale != nil)]
            .filter(\.1).map(\.0)
    }

    /// Whether any option was given (replay: then they replace the manifest's).
    var isEmpty: Bool {
        levels == nil && scale == nil && xlim == nil && ylim == nil && size == nil && layout == nil && facet == nil
            && title == nil && subtitle == nil && aspect == nil && colormap == nil && theme == nil && background == nil
            && fontScale == nil && lossScale == nil
    }

    /// The options given, over `recorded` (a manifest's) when replaying: each option given
    /// replaces the recorded one; the rest are kept.
    func resolve(over recorded: SurfacePlotOptions = SurfacePlotOptions()) throws(CLIError) -> SurfacePlotOptions {
        var options = recorded
        if let layout { options.layout = layout == .both ? .both : .contour }
        if let levels { options.levels = levels }
        if let scale { options.scale = scale == .log ? LevelScale.log : LevelScale.linear }
        if let xlim {
            let (a, b) = try ValueParsing.range(xlim, option: "--xlim", example: "-2,2")
            options.xlim = a...b
        }
        if let ylim {
            let (a, b) = try ValueParsing.range(ylim, option: "--ylim", example: "-1,3")
            options.ylim = a...b
        }
        if let size {
            let (w, h) = try ValueParsing.size(size, option: "--size", minimum: FigureLimits.pixels.lowerBound,
                                               maximum: FigureLimits.pixels.upperBound)
            options.width = w
            options.height = h
        }
        if facet != nil { options.facet = .optimizer }
        if let title { options.title = title }
        if let subtitle { options.subtitle = subtitle }
        if let aspect { options.aspect = SurfacePlotOptions.Aspect(rawValue: aspect.rawValue) }
        if let colormap { options.colormap = Colormap(rawValue: colormap.rawValue) }
        if let theme { options.theme = Theme(rawValue: theme.rawValue) }
        if let background { options.background = PageBackground(rawValue: background.rawValue) }
        if let fontScale { options.fontScale = try ValueParsing.number(fontScale, option: "--font-scale", example: "1.5") }
        if let lossScale { options.lossScale = SurfacePlotOptions.LossScale(rawValue: lossScale.rawValue) }
        // The one check of figure options, the same a manifest's figure gets on replay.
        do { try options.validated() } catch { throw .usage(error.commandLineMessage) }
        return options
    }
}
