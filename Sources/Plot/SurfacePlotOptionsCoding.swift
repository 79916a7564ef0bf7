import Surfaces

// The manifest's `figure` member: every field that was set, by the names of the command-line
// options (`font_scale` for `--font-scale`).
extension SurfacePlotOptions: Codable {
    enum Field: String, CodingKey, CaseIterable {
        case levels, scale, xlim, ylim, width, height, layout, facet, title, subtitle, aspect, colormap, theme,
             background, fontScale = "font_scale", lossScale = "loss_scale", view, azimuth, elevation, orbit, fps, duration
    }

    // Plain keyed reads: a manifest decodes this through Regression's strict decoder, which
    // refuses members never read, names the path of a value of the wrong kind and lists an
    // enumerated field's choices (``FigureLimits/choices``); the limits are ``validated()``'s.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        func range(_ key: Field) throws -> ClosedRange<Double>? {
            guard let pair = try c.decodeIfPresent([Double].self, forKey: key) else { return nil }
            guard pair.count == 2, pair[0] <= pair[1] else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "")
            }
            return pair[0]...pair[1]
        }
        self.init(levels: try c.decodeIfPresent(Int.self, forKey: .levels),
                  scale: try c.decodeIfPresent(LevelScale.self, forKey: .scale),
                  xlim: try range(.xlim), ylim: try range(.ylim),
                  width: try c.decodeIfPresent(Int.self, forKey: .width),
                  height: try c.decodeIfPresent(Int.self, forKey: .height),
                  layout: try c.decodeIfPresent(Layout.self, forKey: .layout) ?? .both,
                  facet: try c.decodeIfPresent(Facet.self, forKey: .facet),
                  title: try c.decodeIfPresent(String.self, forKey: .title),
                  subtitle: try c.decodeIfPresent(String.self, forKey: .subtitle),
                  aspect: try c.decodeIfPresent(Aspect.self, forKey: .aspect),
                  colormap: try c.decodeIfPresent(Colormap.self, forKey: .colormap),
                  theme: try c.decodeIfPresent(Theme.self, forKey: .theme),
                  background: try c.decodeIfPresent(PageBackground.self, forKey: .background),
                  fontScale: try c.decodeIfPresent(Double.self, forKey: .fontScale),
                  lossScale: try c.decodeIfPresent(LossScale.self, forKey: .lossScale),
                  view: try c.decodeIfPresent(View.self, forKey: .view),
                  azimuth: try c.decodeIfPresent(Double.self, forKey: .azimuth),
                  elevation: try c.decodeIfPresent(Double.self, forKey: .elevation),
                  orbit: try c.decodeIfPresent(Bool.self, forKey: .orbit) ?? false,
                  fps: try c.decodeIfPresent(Int.self, forKey: .fps),
                  duration: try c.decodeIfPresent(Double.self, forKey: .duration))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Field.self)
        try c.encodeIfPresent(levels, forKey: .levels)
        try c.encodeIfPresent(scale?.rawValue, forKey: .scale)
        try c.encodeIfPresent(xlim.map { [$0.lowerBound, $0.upperBound] }, forKey: .xlim)
        try c.encodeIfPresent(ylim.map { [$0.lowerBound, $0.upperBound] }, forKey: .ylim)
        try c.encodeIfPresent(width, forKey: .width)
        try c.encodeIfPresent(height, forKey: .height)
        try c.encode(layout, forKey: .layout)
        try c.encodeIfPresent(facet, forKey: .facet)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(subtitle, forKey: .subtitle)
        try c.encodeIfPresent(aspect, forKey: .aspect)
        try c.encodeIfPresent(colormap, forKey: .colormap)
        try c.encodeIfPresent(theme, forKey: .theme)
        try c.encodeIfPresent(background, forKey: .background)
        try c.encodeIfPresent(fontScale, forKey: .fontScale)
        try c.encodeIfPresent(lossScale, forKey: .lossScale)
        // The view and the animation's timing only when set, so that a run without them records
        // what it recorded before they existed.
        try c.encodeIfPresent(view, forKey: .view)
        try c.encodeIfPresent(azimuth, forKey: .azimuth)
        try c.encodeIfPresent(elevation, forKey: .elevation)
        if orbit { try c.encode(true, forKey: .orbit) }
        try c.encodeIfPresent(fps, forKey: .fps)
        try c.encodeIfPresent(duration, forKey: .duration)
    }
}
