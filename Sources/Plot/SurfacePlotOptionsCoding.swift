import Surfaces

/// A figure option that cannot be read back from a manifest, said in one line a user can act on
/// (`unknown field 'colour'; known fields: ...`, `'levels' must be a whole number, got "many"`).
public struct FigureOptionsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

// The manifest's `figure` member: every field that was set, by the names of the command-line
// options (`font_scale` for `--font-scale`). Reading refuses fields it does not know, so that a
// misspelt option in a hand-edited manifest is reported instead of silently ignored.
extension SurfacePlotOptions: Codable {
    enum Field: String, CodingKey, CaseIterable {
        case levels, scale, xlim, ylim, width, height, layout, facet, title, subtitle, aspect, colormap, theme,
             background, fontScale = "font_scale", lossScale = "loss_scale"
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let any: KeyedDecodingContainer<AnyKey>
        do { any = try decoder.container(keyedBy: AnyKey.self) } catch {
            throw FigureOptionsError("expected an object of figure options")
        }
        let known = Set(Field.allCases.map(\.stringValue))
        if let unknown = any.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw FigureOptionsError("unknown field '\(unknown)'; known fields: "
                                     + Field.allCases.map(\.stringValue).joined(separator: ", "))
        }
        let c = try decoder.container(keyedBy: Field.self)
        func value<T: Decodable>(_ type: T.Type, _ key: Field, _ expected: String) throws -> T? {
            do { return try c.decodeIfPresent(T.self, forKey: key) } catch {
                throw FigureOptionsError("'\(key.stringValue)' must be \(expected)")
            }
        }
        func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ key: Field) throws -> T? where T.RawValue == String {
            let accepted = T.allCases.map(\.rawValue).joined(separator: ", ")
            guard let raw = try value(String.self, key, "one of \(accepted)") else { return nil }
            guard let v = T(rawValue: raw) else {
                throw FigureOptionsError("invalid '\(key.stringValue)' '\(raw)'; accepted: \(accepted)")
            }
            return v
        }
        func range(_ key: Field) throws -> ClosedRange<Double>? {
            guard let pair = try value([Double].self, key, "a pair of numbers [a, b]") else { return nil }
            guard pair.count == 2 else { throw FigureOptionsError("'\(key.stringValue)' must be a pair of numbers [a, b]") }
            guard pair[0] <= pair[1] else {
                throw FigureOptionsError("invalid '\(key.stringValue)' [\(pair[0]), \(pair[1])]; the first number must be the smaller")
            }
            return pair[0]...pair[1]
        }
        self.init(levels: try value(Int.self, .levels, "a whole number"), scale: try choice(LevelScale.self, .scale),
                  xlim: try range(.xlim), ylim: try range(.ylim),
                  width: try value(Int.self, .width, "a whole number of pixels"),
                  height: try value(Int.self, .height, "a whole number of pixels"),
                  layout: try choice(Layout.self, .layout) ?? .both, facet: try choice(Facet.self, .facet),
                  title: try value(String.self, .title, "text"), subtitle: try value(String.self, .subtitle, "text"),
                  aspect: try choice(Aspect.self, .aspect), colormap: try choice(Colormap.self, .colormap),
                  theme: try choice(Theme.self, .theme), background: try choice(PageBackground.self, .background),
                  fontScale: try value(Double.self, .fontScale, "a number"), lossScale: try choice(LossScale.self, .lossScale))
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
    }
}
