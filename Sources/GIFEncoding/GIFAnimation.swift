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
    /// only inside `changedWithin` (nil: anywhere), which spares looking elsewhere.
    public mutating func add(_ pixels: UnsafeBufferPointer<UInt32>, delay: Int,
                             changedWithin hint: (x: Int, y: Int, width: Int, height: Int)?) throws(GIFError) {
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
        let area = hint.map { h in
            (x: max(0, h.x), y: max(0, h.y), width: min(width, h.x + h.width) - max(0, h.x), height: min(height, h.y + h.height) - max(0, h.y))
        } ?? (x: 0, y: 0, width: width, height: height)
        guard area.width > 0, area.height > 0, let box = changedBox(pixels, within: area) else {
            pending!.delay += delay  // set: a frame came before
            return
        }
        if let pending { try writer.add(pending) }
        var indices = [UInt8](repeating: palette.transparent, count: box.width * box.height)
        // Moved out (not copied) so that the loop can update it while the palette caches.
        var before = previous
        previous = []
        var k = 0
        for y in box.y..<(box.y + box.height) {
            let row = y * width
            for x in box.x..<(box.x + box.width) {
                let v = pixels[row + x]
                if v != before[row + x] { indices[k] = palette.index(of: v); before[row + x] = v }
                k += 1
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

    /// The smallest rectangle holding every pixel that differs from the previous frame, looking
    /// inside `area` only; nil if none.
    private func changedBox(_ now: UnsafeBufferPointer<UInt32>, within area: (x: Int, y: Int, width: Int, height: Int))
        -> (x: Int, y: Int, width: Int, height: Int)? {
        var minX = width, maxX = -1, minY = height, maxY = -1
        let x0 = area.x, x1 = area.x + area.width
        previous.withUnsafeBufferPointer { before in
            for y in area.y..<(area.y + area.height) {
                let row = y * width
                var first = -1
                for x in x0..<x1 where now[row + x] != before[row + x] { first = x; break }
                guard first >= 0 else { continue }
                var last = first
                for x in stride(from: x1 - 1, to: first, by: -1) where now[row + x] != before[row + x] { last = x; break }
                minX = min(minX, first); maxX = max(maxX, last)
                minY = min(minY, y); maxY = y
            }
        }
        guard maxX >= 0 else { return nil }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1)
    }
}
