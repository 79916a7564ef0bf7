import Surfaces

/// What a surface figure shows and at what size. Every field is optional in spirit: nil means the
/// default for the surface or the layout.
public struct SurfacePlotOptions: Codable, Hashable, Sendable {
    /// Which panels the figure has.
    public enum Layout: String, Codable, Hashable, Sendable, CaseIterable {
        /// The contour plot and the loss panel side by side.
        case both
        /// The contour plot alone.
        case contour
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

    public init(levels: Int? = nil, scale: LevelScale? = nil, xlim: ClosedRange<Double>? = nil,
                ylim: ClosedRange<Double>? = nil, width: Int? = nil, height: Int? = nil, layout: Layout = .both) {
        self.levels = levels; self.scale = scale; self.xlim = xlim; self.ylim = ylim
        self.width = width; self.height = height; self.layout = layout
    }

    /// The page size in pixels, defaults filled in (at least 120 × 90).
    public var size: (width: Int, height: Int) {
        let d = layout == .both ? (1200, 900) : (900, 860)
        return (max(120, width ?? d.0), max(90, height ?? d.1))
    }

    private enum CodingKeys: String, CodingKey { case levels, scale, xlim, ylim, width, height, layout }

    // `LevelScale` lives in Surfaces without Codable; it is stored here by its raw value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        levels = try c.decodeIfPresent(Int.self, forKey: .levels)
        if let raw = try c.decodeIfPresent(String.self, forKey: .scale) {
            guard let s = LevelScale(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(forKey: .scale, in: c, debugDescription:
                    "invalid level scale '\(raw)'; accepted: " + LevelScale.allCases.map(\.rawValue).joined(separator: ", "))
            }
            scale = s
        }
        xlim = try c.decodeIfPresent(ClosedRange<Double>.self, forKey: .xlim)
        ylim = try c.decodeIfPresent(ClosedRange<Double>.self, forKey: .ylim)
        width = try c.decodeIfPresent(Int.self, forKey: .width)
        height = try c.decodeIfPresent(Int.self, forKey: .height)
        layout = try c.decodeIfPresent(Layout.self, forKey: .layout) ?? .both
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(levels, forKey: .levels)
        try c.encodeIfPresent(scale?.rawValue, forKey: .scale)
        try c.encodeIfPresent(xlim, forKey: .xlim)
        try c.encodeIfPresent(ylim, forKey: .ylim)
        try c.encodeIfPresent(width, forKey: .width)
        try c.encodeIfPresent(height, forKey: .height)
        try c.encode(layout, forKey: .layout)
    }
}
