/// How a path asks to be shown, from the `label=` and `color=` keys of its spec:
/// `adam:lr=0.05,label=Adam (tuned),color=#1f77b4`.
///
/// These keys style the figure only: they are not hyperparameters, never reach an optimizer, and
/// the manifest records them apart (its `style` member), so a replayed figure looks the same.
public struct PathAppearance: Hashable, Sendable {
    /// The legend text, replacing the one trajviz writes (`adam lr=0.05`); nil: trajviz's.
    public var label: String?
    /// The path's colour as 0xRRGGBB; nil: the optimizer's own colour.
    public var color: UInt32?

    public init(label: String? = nil, color: UInt32? = nil) { self.label = label; self.color = color }

    /// Whether neither key was given.
    public var isEmpty: Bool { label == nil && color == nil }

    /// The spec keys that style a path rather than configure its optimizer.
    public static let keys: Set<String> = ["label", "color"]

    /// `#rrggbb` (or `#rgb`), any letter case, as 0xRRGGBB.
    ///
    ///     PathAppearance.parseColor("#1F77b4")   // 0x1F77B4
    ///     PathAppearance.parseColor("#f00")      // 0xFF0000
    ///     PathAppearance.parseColor("red")       // nil
    public static func parseColor(_ text: String) -> UInt32? {
        guard text.hasPrefix("#") else { return nil }
        let digits = Array(text.dropFirst())
        guard digits.count == 6 || digits.count == 3, digits.allSatisfy(\.isHexDigit) else { return nil }
        let full = digits.count == 6 ? String(digits) : String(digits.flatMap { [$0, $0] })
        return UInt32(full, radix: 16)
    }

    /// `0x1F77B4` as `#1f77b4`.
    public static func hex(_ color: UInt32) -> String {
        let digits = String(color & 0xFF_FFFF, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Sets `key` (one of ``keys``) from the text written after `=`.
    ///
    /// - Throws: ``SpecError`` for a colour that is not `#rrggbb`, or an empty or over-long label.
    mutating func set(_ key: String, _ text: String, in spec: String) throws(SpecError) {
        switch key {
        case "label":
            guard text.count <= 200 else {
                throw SpecError("label in '\(spec.prefix(60))...' is \(text.count) characters long; at most 200")
            }
            label = text
        default:
            guard let c = Self.parseColor(text) else {
                throw SpecError("invalid color '\(text)' in '\(spec)'; write #rrggbb, e.g. color=#1f77b4")
            }
            color = c
        }
    }
}
