/// The colormaps a contour plot can use: perceptually uniform, with lightness rising from the
/// lowest band to the highest, so that a figure reads the same in grey.
///
///     Colormap.magma.color(at: 0)   // #000004, near black
///     Colormap.gray.color(at: 0.5)  // mid grey
///
/// Lookup follows matplotlib's `ListedColormap`: `t` in 0...1 picks entry `min(Int(t * 256), 255)`.
public enum Colormap: String, CaseIterable, Codable, Hashable, Sendable {
    /// matplotlib's default: purple, blue, green, yellow (van der Walt and Smith, 2015).
    case viridis
    /// Blue to yellow, designed to read the same with red-green colour blindness (Nuñez et al. 2018).
    case cividis
    /// Black, purple, orange, cream (van der Walt and Smith, 2015).
    case magma
    /// Black to white.
    case gray

    /// The colour at `t` (clamped to 0...1; NaN gives the lowest colour).
    public func color(at t: Double) -> Color {
        let i = t.isNaN ? 0 : min(max(Int((t * 256).rounded(.down)), 0), 255)
        switch self {
        case .viridis: return Viridis.color(at: t)
        case .gray:
            let v = Double(i) / 255
            return Color(red: v, green: v, blue: v)
        case .cividis:
            let e = ColormapTables.cividis[i]
            return Color(red: e.0, green: e.1, blue: e.2)
        case .magma:
            let e = ColormapTables.magma[i]
            return Color(red: e.0, green: e.1, blue: e.2)
        }
    }
}
