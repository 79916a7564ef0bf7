import Plot
import Testing
@testable import Regression

/// 2×2 images from RGB triples with one alpha for every pixel.
private func image(_ rgb: [[UInt8]], alpha: UInt8 = 255) -> RGBAImage {
    RGBAImage(width: 2, height: 2, pixels: rgb.flatMap { $0 + [alpha] })
}

private let a = [[10, 20, 30], [0, 0, 0], [255, 255, 255], [1, 2, 3]] as [[UInt8]]
private let b = [[12, 20, 27], [0, 100, 0], [0, 255, 250], [1, 2, 3]] as [[UInt8]]

@Test func rmsOfOpaqueImagesIgnoresAlpha() throws {
    // Squared differences: 2², 3², 100², 255², 5² → 4 + 9 + 10000 + 65025 + 25 = 75063 over
    // 2·2·3 = 12 values (opaque images are compared as RGB, as matplotlib's _load_image does).
    let c = try compareImages(expected: image(a), actual: image(b))
    #expect(c.rms == (75063.0 / 12).squareRoot())   // 79.09013844974606, numpy's value
    #expect(!c.passes(tolerance: 79) && c.passes(tolerance: 79.1))
    // |A − B|·10 clipped to 255, alpha solid.
    #expect(c.diff.pixels == [20, 0, 30, 255, 0, 255, 0, 255, 255, 0, 50, 255, 0, 0, 0, 255])
}

@Test func rmsOfTransparentImagesCountsAlpha() throws {
    // The same colours with alpha 200 and 100: four more squared differences of 100² each,
    // over 2·2·4 = 16 values.
    let c = try compareImages(expected: image(a, alpha: 200), actual: image(b, alpha: 100))
    #expect(c.rms == (115063.0 / 16).squareRoot())  // 84.80234371761196, matplotlib's value
    #expect(c.diff.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
}

@Test func identicalImagesHaveZeroRMS() throws {
    let c = try compareImages(expected: image(a), actual: image(a))
    #expect(c.rms == 0 && c.passes(tolerance: 0))
    #expect(c.diff.pixels == [UInt8](repeating: 0, count: 16).enumerated().map { $0.offset % 4 == 3 ? 255 : 0 })
}

@Test func imagesThatCannotBeComparedAreFailures() {
    let small = RGBAImage(width: 1, height: 2, pixels: [UInt8](repeating: 255, count: 8))
    #expect(throws: ImageComparisonError("image sizes differ: expected 2x2, actual 1x2")) {
        try compareImages(expected: image(a), actual: small)
    }
    #expect(throws: ImageComparisonError.self) {
        try compareImages(expected: image(a), actual: image(a, alpha: 254))
    }
}
