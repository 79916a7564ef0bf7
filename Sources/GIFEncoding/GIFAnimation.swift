/// Encodes a sequence of opaque frames (Cairo ARGB32 words) as a looping GIF: the first frame
/// whole, each later one as the smallest rectangle that changed over the frame before, with
/// unchanged pixels inside it transparent (so LZW sees long runs of one index). A frame identical
/// to the one before adds its delay to it instead of being stored.
///
///     var gif = try GIFAnimation(width: w, height: h, palette: palette)
///     for (pixels, delay) in frames { try gif.add(pixels, delay: delay) }
///     let bytes = try gif.finish()
///
/// - Complexity: O(pixels) per frame to find the change, and O(changed rectangle) to index and
///   compress it.
public struct GIFAnimation {
    public let width: Int, height: Int
    private var palette: GIFPalette
    private let writer: GIFWriter
    private var previous: [UInt32] = []
    /// The frame waiting for its delay to be final (a next frame may be identical to it).
    private var pending: GIFFrame?

    public init(width: Int, height: Int, palette: GIFPalette) throws(GIFError) {
        self.width = width; self.height = height; self.palette = palette
        writer = try GIFWriter(width: width, height: height, palette: palette.colors, transparent: palette.transparent)
    }

    /// Appends a frame shown for `delay` centiseconds.
    public mutating func add(_ pixels: [UInt32], delay: Int) throws(GIFError) {
        try pixels.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt32>) throws(GIFError) in
            try add(p, delay: delay, changedWithin: nil)
        }
    }

    /// Appends a frame shown for `delay` centiseconds, whose pixels differ from the frame before
    /// only inside the rectangles `changedWithin` (nil: anywhere), which spares looking
    /// elsewhere: the pixels compared and indexed are those of the rectangles, not of the page.
    public mutating func add(_ pixels: UnsafeBufferPointer<UInt32>, delay: Int,
                             changedWithin hint: [(x: Int, y: Int, width: Int, height: Int)]?) throws(GIFError) {
        guard pixels.count == width * height else {
            throw .invalid("a frame of \(pixels.count) pixels does not fill the \(width)×\(height) image")
        }
        guard !previous.isEmpty else {
            var indices = [UInt8](repeating: 0, count: pixels.count)
            for k in pixels.indices { indices[k] = palette.index(of: pixels[k]) }
            pending = GIFFrame(x: 0, y: 0, width: width, height: height, indices: indices, delay: delay)
            previous = Array(pixels)
            return
        }
        let areas = (hint ?? [(0, 0, width, height)]).compactMap { h -> (x0: Int, y0: Int, x1: Int, y1: Int)? in
            let a = (x0: max(0, h.x), y0: max(0, h.y), x1: min(width, h.x + h.width), y1: min(height, h.y + h.height))
            return a.x1 > a.x0 && a.y1 > a.y0 ? a : nil
        }
        // The smallest rectangle holding every changed pixel.
        var minX = width, maxX = -1, minY = height, maxY = -1
        previous.withUnsafeBufferPointer { before in
            for a in areas {
                for y in a.y0..<a.y1 {
                    let row = y * width
                    var first = -1
                    for x in a.x0..<a.x1 where pixels[row + x] != before[row + x] { first = x; break }
                    guard first >= 0 else { continue }
                    var last = first
                    for x in stride(from: a.x1 - 1, to: first, by: -1) where pixels[row + x] != before[row + x] { last = x; break }
                    minX = min(minX, first); maxX = max(maxX, last)
                    minY = min(minY, y); maxY = max(maxY, y)
                }
            }
        }
        guard maxX >= 0 else {
            pending!.delay += delay  // set: a frame came before
            return
        }
        if let pending { try writer.add(pending) }
        let box = (x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
        // Unchanged pixels (all those outside the areas) are transparent: they keep what was shown.
        var indices = [UInt8](repeating: palette.transparent, count: box.width * box.height)
        // Moved out (not copied) so that the loop can update it while the palette caches.
        var before = previous
        previous = []
        for a in areas {
            for y in max(a.y0, box.y)..<min(a.y1, box.y + box.height) {
                let row = y * width
                for x in max(a.x0, box.x)..<min(a.x1, box.x + box.width) {
                    let v = pixels[row + x]
                    if v != before[row + x] {
                        indices[(y - box.y) * box.width + x - box.x] = palette.index(of: v)
                        before[row + x] = v
                    }
                }
            }
        }
        previous = before
        pending = GIFFrame(x: box.x, y: box.y, width: box.width, height: box.height, indices: indices, delay: delay)
    }

    /// Writes the last frame and returns the file's bytes.
    public mutating func finish() throws(GIFError) -> [UInt8] {
        if let pending { try writer.add(pending) }
        pending = nil
        return try writer.finish()
    }
}
