import Surfaces

/// What a surface figure shows and how it looks. Every optional field left nil means the default
/// for the surface or the layout; the manifest's `figure` member records the fields that were set.
public struct SurfacePlotOptions: Hashable, Sendable {
    /// Which panels the figure has.
    public enum Layout: String, Codable, Hashable, Sendable, CaseIterable {
        /// The contour plot and the loss panel side by side.
        case both
        /// The contour plot alone.
        case contour
    }

    /// Small multiples: one panel per ... .
    public enum Facet: String, Codable, Hashable, Sendable, CaseIterable {
        /// ... path (a spec; its noisy runs share the panel).
        case optimizer
    }

    /// Whether one unit of x is as long as one unit of y on the page.
    public enum Aspect: String, Codable, Hashable, Sendable, CaseIterable {
        case equal, auto
    }

    /// The loss panel's y axis.
    public enum LossScale: String, Codable, Hashable, Sendable, CaseIterable {
        case log, linear
    }

    /// Number of filled bands; nil: 30 for log levels, 20 for linear. Clamped to 2...200.
    public var levels: Int?
    /// Level spacing; nil: the surface's own ``Surface/levelScale``.
    public var scale: LevelScale?
    /// The x range shown; nil: the surface's domain.
    public var xlim: ClosedRange<Double>?
    /// The y range shown; nil: the surface's domain.
    public var ylim: ClosedRange<Double>?
    /// Page width in pixels; nil: 1200 (both panels) or 900 (contour alone).
    public var width: Int?
    /// Page height in pixels; nil: 900 (both) or 860 (contour alone).
    public var height: Int?
    public var layout: Layout
    /// nil: one panel with every path.
    public var facet: Facet?
    /// The title; nil: the surface's title; empty: none.
    public var title: String?
    /// The line under the title; nil: the surface's formula; empty: none.
    public var subtitle: String?
    /// nil: equal, unless the window is more than 3 times wider than tall or the reverse; `auto`
    /// shapes the panel like the window within 1:2 and 2:1.
    public var aspect: Aspect?
    /// nil: viridis.
    public var colormap: Colormap?
    /// nil: light.
    public var theme: Theme?
    /// nil: opaque (the theme's page colour).
    public var background: PageBackground?
    /// Multiplies every text size; nil: 1.
    public var fontScale: Double?
    /// nil: log when the losses are bounded below (the surface lists its minimum, or every loss
    /// is positive), linear otherwise.
    public var lossScale: LossScale?

    public init(levels: Int? = nil, scale: LevelScale? = nil, xlim: ClosedRange<Double>? = nil,
                ylim: ClosedRange<Double>? = nil, width: Int? = nil, height: Int? = nil, layout: Layout = .both,
                facet: Facet? = nil, title: String? = nil, subtitle: String? = nil, aspect: Aspect? = nil,
                colormap: Colormap? = nil, theme: Theme? = nil, background: PageBackground? = nil,
                fontScale: Double? = nil, lossScale: LossScale? = nil) {
        self.levels = levels; self.scale = scale; self.xlim = xlim; self.ylim = ylim
        self.width = width; self.height = height; self.layout = layout
        self.facet = facet; self.title = title; self.subtitle = subtitle; self.aspect = aspect
        self.colormap = colormap; self.theme = theme; self.background = background
        self.fontScale = fontScale; self.lossScale = lossScale
    }

    /// The page size in pixels, defaults filled in (at least 120 × 90).
    public var size: (width: Int, height: Int) {
        let d = layout == .both ? (1200, 900) : (900, 860)
        return (max(120, width ?? d.0), max(90, height ?? d.1))
    }

    /// The data window shown for `surface`: the limits, else its domain (a single value widened by ±1).
    public func window(for surface: any Surface) -> DataWindow {
        DataWindow(x: widened(xlim ?? surface.domain.x), y: widened(ylim ?? surface.domain.y))
    }

    /// Whether the plot keeps x and y units equal for this window.
    func equalAspect(for window: DataWindow) -> Bool {
        if let aspect { return aspect == .equal }
        let ratio = (window.y.upperBound - window.y.lowerBound) / (window.x.upperBound - window.x.lowerBound)
        return ratio >= 1.0 / 3 && ratio <= 3
    }
}

/// A range with room in it: a single value becomes value ± 1.
func widened(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
    r.upperBound > r.lowerBound ? r : (r.lowerBound - 1)...(r.upperBound + 1)
}
