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

    /// The colours an indexed palette of `limit` exact entries should hold: the page and every
    /// stroke, marker and text colour first (few, and what a reader reads), then the fills if they
    /// all fit too. A 2D figure's fills are its contour bands and colorbar, a few dozen; a shaded
    /// 3D surface paints thousands of shades, and keeping the first `limit` in drawing order (the
    /// far patches) left the rest of the surface, and the colorbar, to whatever slots remained.
    /// Without them, the palette's free slots go to the colours that cover most pixels.
    public func paletteSeeds(limit: Int) -> [Color] {
        var seen = Set<Color>(), ink: [Color] = [], fills: [Color] = []
        func add(_ c: Color?, to list: inout [Color]) {
            guard let c, c.alpha >= 1, seen.insert(c).inserted else { return }
            list.append(c)
        }
        add(background, to: &ink)
        for layer in layers {
            for mark in layer.marks {
                switch mark {
                case .fill: break
                case .stroke(_, let s), .strokes(_, let s): add(s.color, to: &ink)
                case .marker(_, _, _, let fill, let edge): add(fill, to: &ink); add(edge?.color, to: &ink)
                case .text(_, _, let style): add(style.color, to: &ink)
                }
            }
        }
        for layer in layers {
            for case .fill(_, let c) in layer.marks { add(c, to: &fills) }
        }
        // When everything fits, the drawing order of `opaqueColors` (the palette GIFs had before).
        return ink.count + fills.count <= limit ? opaqueColors : Array(ink.prefix(limit))
    }
}
