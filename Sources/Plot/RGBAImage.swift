import RealModule

/// An image as 8-bit RGBA pixels, straight (not premultiplied) alpha, rows top to bottom.
/// Plain data, so that image comparison needs no graphics library (`CairoRender` reads and
/// writes PNGs into it).
public struct RGBAImage: Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// `4 * width * height` bytes: r, g, b, a for each pixel.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == 4 * width * height, "RGBAImage needs 4 * width * height bytes")
        self.width = width; self.height = height; self.pixels = pixels
    }

    /// The root-mean-square difference of all channel values on the 0–255 scale, as matplotlib's
    /// `compare_images` computes it (over RGB; alpha is compared too when either image is not
    /// opaque). nil when the sizes differ.
    public func rmsDifference(to other: RGBAImage) -> Double? {
        guard width == other.width, height == other.height else { return nil }
        var sum = 0.0
        for k in pixels.indices {
            let d = Double(pixels[k]) - Double(other.pixels[k])
            sum += d * d
        }
        return Double.sqrt(sum / Double(max(pixels.count, 1)))
    }

    /// An image that shows where `self` and `other` differ: black where equal, brighter with the
    /// difference (amplified ×10), opaque. nil when the sizes differ.
    public func difference(to other: RGBAImage) -> RGBAImage? {
        guard width == other.width, height == other.height else { return nil }
        var out = [UInt8](repeating: 255, count: pixels.count)
        for k in pixels.indices where k % 4 != 3 {
            out[k] = UInt8(min(255, 10 * abs(Int(pixels[k]) - Int(other.pixels[k]))))
        }
        return RGBAImage(width: width, height: height, pixels: out)
    }
}
