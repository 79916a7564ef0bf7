/// How the paths of a figure are told apart: a colour per path, colour-blind safe, and dash
/// patterns once the colours run out.
public struct PathStyle: Hashable, Sendable {
    public var color: Color
    /// Empty for solid.
    public var dash: [Double]
    /// A thin outline under the line that keeps it visible on any background: white under dark
    /// colours, dark under light ones.
    public var halo: Color
}

public enum PathPalette {
    /// 18 distinct colours. First the eight of Okabe & Ito ("Color Universal Design", 2008), ordered
    /// so that neighbours differ most; then Paul Tol's "muted" scheme (Tol, "Colour Schemes", SRON
    /// technical note, 2021) minus the colours it shares with the first eight, then two of Tol's
    /// "bright"/"vibrant" ones. All of them stay apart under deuteranopia and protanopia.
    public static let colors: [Color] = [
        0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0xF0E442, 0x000000,  // Okabe-Ito
        0x332288, 0x882255, 0x44AA99, 0x999933, 0xDDCC77, 0xCC6677, 0xAA4499, 0x117733,  // Tol muted
        0xBBBBBB, 0xEE7733,                                                              // Tol bright grey, vibrant orange
    ].map { Color(hex: $0) }

    /// Dash patterns (in pixels, scaled by the line width) for the second, third, ... round of colours.
    public static let dashes: [[Double]] = [[], [6, 3], [1.5, 2.5], [8, 3, 2, 3]]

    /// The style of path number `index` (0-based): distinct colours for the first 18, then the
    /// same colours again, dashed.
    public static func style(_ index: Int, lineWidth: Double = 1) -> PathStyle {
        precondition(index >= 0)
        let color = colors[index % colors.count]
        let dash = dashes[(index / colors.count) % dashes.count].map { $0 * lineWidth }
        let halo = color.luminance > 0.3 ? Color(hex: 0x1A1A1A, alpha: 0.75) : Color(hex: 0xFFFFFF, alpha: 0.85)
        return PathStyle(color: color, dash: dash, halo: halo)
    }
}
