extension Figure {
    /// Every opaque colour the figure paints, once each, in drawing order: the page, the fills
    /// (contour bands, colorbar), the strokes (paths, their outlines, axes), the markers and the
    /// text. Colours with partial opacity are left out: what they paint depends on what is under
    /// them.
    ///
    /// An indexed-colour format (GIF) builds its palette from these, so the figure's own colours
    /// are stored exactly and need no dithering.
    public var opaqueColors: [Color] {
        var seen = Set<Color>(), out: [Color] = []
        func add(_ c: Color?) {
            guard let c, c.alpha >= 1, seen.insert(c).inserted else { return }
            out.append(c)
        }
        add(background)
        for layer in layers {
            for mark in layer.marks {
                switch mark {
                case .fill(_, let c): add(c)
                case .stroke(_, let s), .strokes(_, let s): add(s.color)
                case .marker(_, _, _, let fill, let edge): add(fill); add(edge?.color)
                case .text(_, _, let style): add(style.color)
                }
            }
        }
        return out
    }
}
