import Plot

extension RGBAImage {
    /// True when every alpha is 255.
    public var isOpaque: Bool {
        var i = 3
        while i < pixels.count { if pixels[i] != 255 { return false }; i += 4 }
        return true
    }
}

/// The result of comparing two images: what `trajviz compare A.png B.png` reports.
public struct ImageComparison: Hashable, Sendable {
    /// The root-mean-square difference over every channel of every pixel, on the 0–255 scale.
    public var rms: Double
    /// |A − B| × 10 per channel, clipped to 255, alpha 255: where the images differ.
    public var diff: RGBAImage

    /// matplotlib's verdict: the images match when `rms <= tolerance` (tolerance 0 asks for
    /// identical pixels).
    public func passes(tolerance: Double) -> Bool { rms <= tolerance }
}

/// Two images that cannot be compared, with the reason (their sizes, or one opaque and one not).
public struct ImageComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Compares two images as matplotlib's `matplotlib.testing.compare.compare_images` does.
///
/// matplotlib loads each PNG as RGB when it is opaque (every alpha 255) and as RGBA otherwise,
/// so alpha counts only for images with transparency; then
///
///     rms  = sqrt(mean((A − B)²))           over all H·W·C values, as floats
///     diff = clip(|A − B| · 10, 0, 255)     with alpha set to 255
///
/// (`calculate_rms` and `save_diff_image` in `matplotlib/testing/compare.py`; matplotlib ≥ 3.10
/// computes the same in C++ as `_image.calculate_rms_and_diff`). The sum of squares is exact
/// (a sum of integers below 2⁵³), so `rms` equals numpy's to the last bit.
///
/// - Throws: ``ImageComparisonError`` when the sizes differ, or when one image is opaque and the
///   other is not (matplotlib then compares arrays of different shapes and fails the same way).
/// - Complexity: O(width · height).
public func compareImages(expected: RGBAImage, actual: RGBAImage) throws(ImageComparisonError) -> ImageComparison {
    guard expected.width == actual.width, expected.height == actual.height else {
        throw ImageComparisonError("image sizes differ: expected \(expected.width)x\(expected.height), actual \(actual.width)x\(actual.height)")
    }
    let expectedOpaque = expected.isOpaque, actualOpaque = actual.isOpaque
    guard expectedOpaque == actualOpaque else {
        throw ImageComparisonError("expected image is \(expectedOpaque ? "opaque (RGB)" : "transparent (RGBA)"), actual is "
                                   + "\(actualOpaque ? "opaque (RGB)" : "transparent (RGBA)"); matplotlib compares them as different sizes")
    }
    let channels = expectedOpaque ? 3 : 4
    var sumOfSquares: UInt64 = 0
    var diff = [UInt8](repeating: 255, count: expected.pixels.count)
    for pixel in 0..<(expected.width * expected.height) {
        for c in 0..<channels {
            let i = pixel * 4 + c
            let d = abs(Int(expected.pixels[i]) - Int(actual.pixels[i]))
            sumOfSquares += UInt64(d * d)
            if c < 3 { diff[i] = UInt8(min(255, d * 10)) }
        }
    }
    let count = expected.width * expected.height * channels
    let rms = count == 0 ? 0 : (Double(sumOfSquares) / Double(count)).squareRoot()
    return ImageComparison(rms: rms, diff: RGBAImage(width: expected.width, height: expected.height, pixels: diff))
}
