/// The colours of everything in a figure that is not data: page, text, axes, grid lines.
///
/// The data colours (colormap, path colours) are the same in both themes; a path's outline
/// keeps it visible on any band of any colormap (see ``PathPalette``).
public enum Theme: String, CaseIterable, Codable, Hashable, Sendable {
    /// Dark text on white, for print.
    case light
    /// Light text on near-black, for slides and dark-mode pages.
    case dark

    /// The page.
    public var background: Color { self == .light ? .white : Color(hex: 0x16181C) }
    /// Titles, axis titles, legend text.
    public var ink: Color { self == .light ? .ink : Color(hex: 0xE6E6E6) }
    /// Tick labels, the formula, notes.
    public var mutedInk: Color { self == .light ? .mutedInk : Color(hex: 0xB4B4B4) }
    /// Axis frames of panels without a colour fill (the loss panel).
    public var axis: Color { self == .light ? .axis : Color(hex: 0x5A5E66) }
    /// Grid lines under curves.
    public var grid: Color { self == .light ? .grid : Color(hex: 0x2C3036) }
    /// The frame around filled panels (contour, colorbar).
    public var frame: Color { self == .light ? .mutedInk : Color(hex: 0x8A8E96) }
    /// The fill and hatching of places where the surface is undefined.
    public var undefinedFill: Color { self == .light ? Color(hex: 0xF4F4F4) : Color(hex: 0x25282E) }
    public var hatch: Color { self == .light ? Color(hex: 0x8C8C8C) : Color(hex: 0x80848C) }
}

/// Whether the page is painted (in the theme's background colour) or left transparent.
public enum PageBackground: String, CaseIterable, Codable, Hashable, Sendable {
    case opaque, transparent
}
