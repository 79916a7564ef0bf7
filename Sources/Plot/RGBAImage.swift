/// An image as 8-bit RGBA pixels, straight (not premultiplied) alpha, rows top to bottom.
/// Plain data, so that image comparison (Regression's `compareImages`) needs no graphics library;
/// `CairoRender` reads and writes PNGs into it.
public struct RGBAImage: Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// `4 * width * height` bytes: r, g, b, a for each pixel.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == 4 * width * height, "RGBAImage needs 4 * width * height bytes")
        self.width = width; self.height = height; self.pixels = pixels
    }
}
