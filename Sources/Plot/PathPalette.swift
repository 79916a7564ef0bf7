import RealModule
import Surfaces

/// How one path is drawn: a coloured core inside a two-tone outline, so that it stays visible
/// on every band of every colormap (the inner outline contrasts with the core, the outer one
/// with the inner), and an optional dash pattern as a second channel after colour.
public struct PathStyle: Hashable, Sendable {
    public var color: Color
    /// On/off lengths in pixels; empty for solid.
    public var dash: [Double]
    /// The inner outline: white under dark colours, near-black under light ones.
    public var halo: Color
    /// The thin outer outline, the opposite of ``halo``, so the pair reads on light and dark bands.
    public var outline: Color
    /// The core's width in pixels.
    public var width: Double

    /// The width of the inner outline on each side of the core.
    public var haloWidth: Double { max(0.8, 0.42 * width) }
    /// The width of the outer outline on each side of the inner one.
    public var outlineWidth: Double { max(0.5, 0.22 * width) }

    /// The three strokes of a polyline, bottom first: outer outline, inner outline, core.
    public func strokes(_ points: [Point]) -> [Mark] { strokes(pieces: [points]) }

    /// The three strokes of a path made of several pieces, each stroked as one: every piece's
    /// outline goes under every piece's core, so that where pieces of one path cross, the
    /// path's colour is never cut by its own outline.
    ///
    /// Pieces go to the canvas in batches of at most 64: a rasteriser's cost for one stroke grows
    /// faster than its number of pieces.
    ///
    /// With `lengths` (each point's distance along the full path, in units of `lengthUnit`
    /// pixels), the dashes are laid along those lengths (``dashed(_:lengths:pattern:)``), so a
    /// reduced path is dashed as its full path would be; otherwise the canvas dashes each piece.
    /// `span` is the data window's width and height, the unit of the lengths.
    public func strokes(pieces: [[Point]], lengths: [[Double]]? = nil, lengthUnit: Double = 1,
                        span: (Double, Double) = (1, 1)) -> [Mark] {
        func batches(_ lines: [[Point]]) -> [[[Point]]] {
            stride(from: 0, to: lines.count, by: 64).map { Array(lines[$0..<min($0 + 64, lines.count)]) }
        }
        let inner = width + 2 * haloWidth
        var marks: [Mark] = []
        for style in [LineStyle(color: outline, width: inner + 2 * outlineWidth), LineStyle(color: halo, width: inner)] {
            marks += batches(pieces).map { Mark.strokes($0, style) }
        }
        if let lengths, !dash.isEmpty, lengthUnit > 0 {
            let pattern = dash.map { $0 / lengthUnit }
            let on = zip(pieces, lengths).flatMap { dashed($0, lengths: $1, pattern: pattern, span: span) }
            marks += batches(on).map { Mark.strokes($0, LineStyle(color: color, width: width)) }
        } else {
            marks += batches(pieces).map { Mark.strokes($0, LineStyle(color: color, width: width, dash: dash)) }
        }
        return marks
    }
}

/// One colour per optimizer, keyed by its registry name, so that `sgd` has the same colour in
/// every figure whatever the order of `--opt`.
///
/// The colours are Okabe & Ito's eight ("Color Universal Design", 2008) and Paul Tol's muted and
/// vibrant schemes (Tol, "Colour Schemes", SRON technical note, 2021), all distinguishable under
/// deuteranopia and protanopia, assigned so that optimizers that often share a valley differ most.
/// No set of 18 colours stays clear of every band of viridis, cividis, magma and gray, so every
/// path is drawn inside a two-tone outline (``PathStyle``); pairs whose colours are closest
/// (ΔE₇₆ < 26 in CIELAB) differ in dash pattern too.
///
/// **Families.** A name `family.base` (`keras.adam`, `optax.adam`, `textbook.adam`) takes the
/// base's colour with the family's variant (``familyVariants``): related, yet distinct. Names the
/// table does not know get a colour and dash from a hash of the name, the same in every run.
public enum PathPalette {
    /// Each registry name's colour (0xRRGGBB) and dash pattern (in multiples of the line width).
    public static let byName: [String: (color: UInt32, dash: [Double])] = [
        "sgd": (0x0072B2, []),            // blue
        "momentum": (0xE69F00, []),       // orange
        "nesterov": (0x882255, [3, 1.6]), // wine, dashed
        "adagrad": (0x56B4E9, []),        // sky blue
        "rmsprop": (0xD55E00, []),        // vermillion
        "adadelta": (0xF0E442, []),       // yellow
        "adam": (0xEE3377, []),           // magenta
        "amsgrad": (0xCC79A7, [3, 1.6]),  // reddish purple, dashed
        "adamw": (0x000000, []),          // black
        "adamax": (0x999933, [4, 1.4, 0.9, 1.4]),  // olive, dash-dot
        "nadam": (0x44AA99, [3, 1.6]),    // teal, dashed
        "radam": (0x332288, []),          // indigo
        "rprop": (0xBBBBBB, []),          // grey
        "adabound": (0xDDCC77, []),       // sand
        "amsbound": (0x117733, [3, 1.6]), // green, dashed
        "lion": (0xAA4499, []),           // purple
        "yogi": (0xCC6677, [0.9, 1.5]),   // rose, dotted
        "adabelief": (0x009E73, []),      // bluish green
    ]

    /// The colours in the registry's order, for names the table does not know.
    static let fallbackColors: [UInt32] = [
        0x0072B2, 0xE69F00, 0x882255, 0x56B4E9, 0xD55E00, 0xF0E442, 0xEE3377, 0xCC79A7, 0x000000,
        0x999933, 0x44AA99, 0x332288, 0xBBBBBB, 0xDDCC77, 0x117733, 0xAA4499, 0xCC6677, 0x009E73,
    ]
    static let fallbackDashes: [[Double]] = [[], [3, 1.6], [0.9, 1.5], [4, 1.4, 0.9, 1.4]]

    /// How a family's members differ from the base optimizer: a dash pattern (in multiples of
    /// the line width) and a shift of the colour towards white (positive) or black (negative).
    public struct FamilyVariant: Hashable, Sendable {
        public var dash: [Double]
        public var lighten: Double
        public init(dash: [Double], lighten: Double) { self.dash = dash; self.lighten = lighten }
    }

    /// The families' variants; `torch.` (the default family) is the base style itself.
    public static let familyVariants: [String: FamilyVariant] = [
        "torch": FamilyVariant(dash: [], lighten: 0),
        "keras": FamilyVariant(dash: [4, 1.8], lighten: 0.25),
        "optax": FamilyVariant(dash: [1, 1.6], lighten: -0.3),
        "textbook": FamilyVariant(dash: [5, 1.6, 1, 1.6], lighten: 0.12),
    ]

    /// The style of the optimizer called `name` (a registry name, `family.name`, or anything),
    /// with a core `lineWidth` pixels wide; `color` (0xRRGGBB, a spec's `color=`) replaces the
    /// colour.
    ///
    ///     PathPalette.style(for: "sgd").color          // #0072B2 in every figure
    ///     PathPalette.style(for: "keras.adam").dash    // adam's magenta, dashed
    public static func style(for name: String, lineWidth: Double = 1, color override: UInt32? = nil) -> PathStyle {
        let (family, base) = split(name)
        var hex: UInt32, dash: [Double]
        if let entry = byName[base] {
            (hex, dash) = entry
        } else {
            let h = fnv1a(base)
            hex = fallbackColors[Int(h % UInt64(fallbackColors.count))]
            dash = fallbackDashes[Int((h / 31) % UInt64(fallbackDashes.count))]
        }
        var color = Color(hex: hex)
        if let family, family != "torch" {
            let variant = familyVariants[family] ?? FamilyVariant(dash: fallbackDashes[1 + Int(fnv1a(family) % 3)], lighten: 0.15)
            color = color.mixed(with: variant.lighten >= 0 ? .white : .black, amount: abs(variant.lighten))
            if !variant.dash.isEmpty { dash = variant.dash }
        }
        if let override { color = Color(hex: override) }
        return make(color: color, dash: dash, lineWidth: lineWidth)
    }

    /// A style for `color` with the outline that keeps it visible.
    static func make(color: Color, dash: [Double], lineWidth: Double) -> PathStyle {
        let dark = color.luminance <= 0.33
        let halo = dark ? Color(hex: 0xFFFFFF, alpha: 0.92) : Color(hex: 0x141414, alpha: 0.88)
        let outline = dark ? Color(hex: 0x141414, alpha: 0.55) : Color(hex: 0xFFFFFF, alpha: 0.6)
        return PathStyle(color: color, dash: dash.map { $0 * lineWidth }, halo: halo, outline: outline, width: lineWidth)
    }

    /// `keras.adam` → ("keras", "adam"); `adam` → (nil, "adam").
    static func split(_ name: String) -> (family: String?, base: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (nil, name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// FNV-1a, 64 bits: a stable hash (Swift's `hashValue` changes from run to run).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension Color {
    /// This colour moved `amount` (0...1) of the way to `other`.
    func mixed(with other: Color, amount: Double) -> Color {
        let t = min(max(amount, 0), 1)
        return Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
                     blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }
}
