/// A GIF palette made from a figure's own colours, and the colour index of any pixel.
///
/// GIF stores at most 256 colours per image. A figure paints few exact colours (the contour
/// bands, the paths, their outlines, the text and axes); the rest of its pixels are the
/// antialiased edges between them. So the palette is those exact colours first (`seeds`, up to
/// ``maxSeeds``), then the colours most frequent in a sample frame that are not yet in it, one
/// slot left for transparency. Every figure colour is then stored exactly, so no dithering (and
/// no general-purpose quantizer such as median cut or NeuQuant) is needed; an edge pixel takes
/// the nearest entry. The slots after the seeds are filled greedily by what they save: each
/// time, the colour whose pixels are farthest from the palette in total (count × squared
/// distance to its nearest entry), so that a frequent edge shade between two bands and a rare
/// but far one (a path's colour over a band) both get in.
///
///     var palette = GIFPalette(seeds: figure.opaqueColors.map(rgb), sample: lastFrame)
///     palette.index(of: 0x440154)    // the darkest viridis band's slot
///
/// Deterministic: ties in frequency are broken by the colour's value.
///
/// - Complexity: O(pixels) to build (one count per distinct colour of the sample); an index costs
///   one hash lookup, and O(entries) the first time a colour is seen.
public struct GIFPalette: Sendable {
    /// 0xRRGGBB colours, at most 255.
    public private(set) var colors: [UInt32]
    /// The index GIF frames use for "unchanged since the last frame": the slot after the colours.
    public var transparent: UInt8 { UInt8(colors.count) }
    /// The most seed colours kept, so that some slots remain for edges (e.g. 200 contour levels).
    public static let maxSeeds = 200
    private var cache: [UInt32: UInt8] = [:]

    /// - Parameters:
    ///   - seeds: 0xRRGGBB colours to store exactly, most important first.
    ///   - sample: pixels as Cairo ARGB32 words (opaque; alpha ignored) whose frequent colours
    ///     fill the remaining slots.
    public init(seeds: [UInt32], sample: [UInt32]) {
        var colors: [UInt32] = []
        var have = Set<UInt32>()
        for c in seeds where colors.count < Self.maxSeeds {
            let rgb = c & 0xFF_FFFF
            if have.insert(rgb).inserted { colors.append(rgb) }
        }
        var counts: [UInt32: Int] = [:]
        sample.withUnsafeBufferPointer { p in
            var last: UInt32 = 0xFFFF_FFFF, run = 0
            // Runs of one colour (most of a figure) are counted once per run.
            for v in p {
                let rgb = v & 0xFF_FFFF
                if rgb == last { run += 1; continue }
                if run > 0 { counts[last, default: 0] += run }
                last = rgb; run = 1
            }
            if run > 0 { counts[last, default: 0] += run }
        }
        // Candidates in a fixed order (by colour), each with its count and distance to the palette.
        var candidates = counts.filter { !have.contains($0.key) }.sorted { $0.key < $1.key }
            .map { (rgb: $0.key, count: $0.value, distance: Int.max) }
        func update(_ c: UInt32) {
            for k in candidates.indices { candidates[k].distance = min(candidates[k].distance, Self.distance(candidates[k].rgb, c)) }
        }
        for c in colors { update(c) }
        while colors.count < 255, !candidates.isEmpty {
            var best = 0, bestCost = -1.0
            for (k, c) in candidates.enumerated() {
                let cost = Double(c.count) * Double(c.distance == .max ? 1 << 20 : c.distance)
                if cost > bestCost { bestCost = cost; best = k }
            }
            let chosen = candidates.remove(at: best).rgb
            colors.append(chosen)
            update(chosen)
        }
        if colors.isEmpty { colors = [0] }
        self.colors = colors
        for (k, c) in colors.enumerated() { cache[c] = UInt8(k) }
    }

    /// The palette index of a pixel (an ARGB32 word; alpha ignored): its exact entry, else the
    /// nearest by a weighted RGB distance (2ΔR² + 4ΔG² + 3ΔB², the eye's rough sensitivities).
    public mutating func index(of pixel: UInt32) -> UInt8 {
        let rgb = pixel & 0xFF_FFFF
        if let k = cache[rgb] { return k }
        var best = 0, bestDistance = Int.max
        for (k, c) in colors.enumerated() {
            let d = Self.distance(c, rgb)
            if d < bestDistance { bestDistance = d; best = k }
        }
        cache[rgb] = UInt8(best)
        return UInt8(best)
    }

    /// 2ΔR² + 4ΔG² + 3ΔB² between two 0xRRGGBB colours.
    static func distance(_ a: UInt32, _ b: UInt32) -> Int {
        let dr = Int(a >> 16 & 0xFF) - Int(b >> 16 & 0xFF), dg = Int(a >> 8 & 0xFF) - Int(b >> 8 & 0xFF)
        let db = Int(a & 0xFF) - Int(b & 0xFF)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
