import RealModule

/// A colour in sRGB with straight (not premultiplied) alpha, each channel in 0...1.
public struct Color: Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// A colour from a 24-bit hex value: `Color(hex: 0x0072B2)`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same colour with another opacity.
    public func withAlpha(_ alpha: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: alpha) }

    /// Relative luminance (WCAG 2: 0.2126 R + 0.7152 G + 0.0722 B on linearised channels).
    public var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : Double.pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// Text and axis lines: a soft near-black reads calmer than pure black.
    public static let ink = Color(hex: 0x262626)
    /// Secondary text (formula, tick labels).
    public static let mutedInk = Color(hex: 0x4D4D4D)
    /// Axis spines and grid lines.
    public static let axis = Color(hex: 0xB0B0B0)
    public static let grid = Color(hex: 0xE6E6E6)
}
