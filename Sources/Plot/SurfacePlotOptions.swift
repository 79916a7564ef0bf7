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
    /// `--view`: nil or ``View/flat``: contours seen from above; ``View/solid``: the 3D view
    /// (``camera``).
    public var view: View?
    /// `--azimuth`, with the 3D view; nil: −60 (matplotlib's).
    public var azimuth: Double?
    /// `--elevation`, with the 3D view; nil: 30 (matplotlib's).
    public var elevation: Double?
    /// `--orbit`: an animated 3D view turns the camera once around instead of growing the paths
    /// (a still figure draws the view at its ``camera``).
    public var orbit: Bool
    /// `--fps` of an animated figure; nil: 25. A still figure ignores it.
    public var fps: Int?
    /// `--duration` (seconds the paths take to grow) of an animated figure; nil: 6.
    public var duration: Double?

    /// How the surface is seen.
    public enum View: String, Codable, Hashable, Sendable, CaseIterable {
        /// Contours seen from above.
        case flat = "2d"
        /// A shaded surface seen from ``SurfacePlotOptions/camera``.
        case solid = "3d"
    }

    public init(levels: Int? = nil, scale: LevelScale? = nil, xlim: ClosedRange<Double>? = nil,
                ylim: ClosedRange<Double>? = nil, width: Int? = nil, height: Int? = nil, layout: Layout = .both,
                facet: Facet? = nil, title: String? = nil, subtitle: String? = nil, aspect: Aspect? = nil,
                colormap: Colormap? = nil, theme: Theme? = nil, background: PageBackground? = nil,
                fontScale: Double? = nil, lossScale: LossScale? = nil, view: View? = nil, azimuth: Double? = nil,
                elevation: Double? = nil, orbit: Bool = false, fps: Int? = nil, duration: Double? = nil) {
        self.levels = levels; self.scale = scale; self.xlim = xlim; self.ylim = ylim
        self.width = width; self.height = height; self.layout = layout
        self.facet = facet; self.title = title; self.subtitle = subtitle; self.aspect = aspect
        self.colormap = colormap; self.theme = theme; self.background = background
        self.fontScale = fontScale; self.lossScale = lossScale
        self.view = view; self.azimuth = azimuth; self.elevation = elevation; self.orbit = orbit
        self.fps = fps; self.duration = duration
    }

    /// The page size in pixels, defaults filled in (at least 120 × 90).
    public var size: (width: Int, height: Int) {
        let d = layout == .both ? (1200, 900) : (900, 860)
        return (max(120, width ?? d.0), max(90, height ?? d.1))
    }

    /// The camera of the 3D view (``view`` 3d), defaults filled in; nil for the 2D figure.
    public var camera: Camera3D? {
        guard view == .solid else { return nil }
        let d = Camera3D()
        return Camera3D(azimuth: azimuth ?? d.azimuth, elevation: elevation ?? d.elevation)
    }

    /// How an animated figure of a run whose paths end at `lastStep` samples its steps into
    /// frames: ``fps`` and ``duration``, defaults filled in (checked by ``validated()``).
    public func timeline(lastStep: Int) -> AnimationTimeline {
        AnimationTimeline(lastStep: lastStep, fps: fps ?? AnimationTimeline.defaultFPS,
                          duration: duration ?? AnimationTimeline.defaultDuration)
    }

    /// The first field that contradicts another (an azimuth without the 3D view, facets in 3D),
    /// with what it needs, in a manifest's words; nil when they agree. The command line names its
    /// options instead, before they reach these fields.
    public var conflict: (field: String, problem: String)? {
        if view != .solid {
            for (field, set) in [("azimuth", azimuth != nil), ("elevation", elevation != nil), ("orbit", orbit)] where set {
                return (field, "needs view \"3d\"")
            }
        } else if facet != nil {
            return ("facet", "a 3D view draws one panel; drop facet or view \"3d\"")
        }
        return nil
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
