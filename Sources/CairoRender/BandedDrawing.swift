import CCairo
import Jobs
#if canImport(Glibc)
import Glibc
#endif
import Plot
import PNGEncoding
import Surfaces

/// The horizontal bands an image is drawn in, one per thread: always this many, whatever the
/// cores, so that the pixels never depend on the machine.
let imageBands = 2

/// Draws `figure` on an image surface in ``imageBands`` horizontal bands at once, each band a
/// surface over its rows of the same pixels (`cairo_image_surface_create_for_data`) whose device
/// offset puts the figure where it belongs, so each thread rasterises only its rows.
///
/// Cairo's strokes were a third of the default figure's instructions, all on one core; drawn in
/// two bands, each core rasterises half the rows (the stroker still walks every path in both).
/// A band's pixels are those of the whole image: device coordinates differ by a whole number of
/// rows, and Cairo rounds geometry to 1/256 pixel after the offset.
///
/// `then(b, rows)` is called in band b's thread once its rows are drawn (the other band may still
/// be drawing): the PNG encoder compresses each band there, without waiting for the other or
/// waking another core. Its results come back in band order; nil when the figure is drawn whole
/// (too short to split), and `then` is not called.
func drawInBands<T: Sendable>(_ figure: Figure, on surface: CairoSurface,
                              then: @Sendable (_ band: Int, _ rows: Range<Int>) -> T) throws(RenderError) -> [T]? {
    let p = surface.pointer
    cairo_surface_flush(p)
    guard let data = cairo_image_surface_get_data(p), figure.height >= 2 * imageBands else {
        try draw(figure, on: surface, scale: 1)
        return nil
    }
    let stride = Int(cairo_image_surface_get_stride(p))
    let edges = bandEdges(figure, bands: imageBands)
    var bands: [CairoSurface] = []
    for b in 0..<imageBands {
        let top = edges[b], bottom = edges[b + 1]
        let band = try CairoSurface(cairo_image_surface_create_for_data(data + top * stride, CAIRO_FORMAT_ARGB32, Int32(figure.width),
                                                                        Int32(bottom - top), Int32(stride)),
                                    "create a band of a \(figure.width)×\(figure.height) image")
        cairo_surface_set_device_offset(band.pointer, 0, Double(-top))
        bands.append(band)
    }
    let shared = UncheckedSendable(value: bands)
    let drawn = parallelMap(Array(0..<imageBands)) { b -> Result<T, RenderError> in
        do throws(RenderError) {
            try draw(figure, on: shared.value[b], scale: 1)
            return .success(then(b, edges[b]..<edges[b + 1]))
        } catch { return .failure(error) }
    }
    var results: [T] = []
    for band in drawn { results.append(try band.get()) }  // the first band's error, if any
    for band in bands {
        cairo_surface_flush(band.pointer)
        try check(cairo_surface_status(band.pointer), "draw the figure")
    }
    cairo_surface_mark_dirty(p)
    return results
}

/// ``drawInBands(_:on:then:)`` with nothing to do after each band.
func drawInBands(_ figure: Figure, on surface: CairoSurface) throws(RenderError) {
    _ = try drawInBands(figure, on: surface) { _, _ in () }
}

/// Draws `figure` on the image `surface` in bands and returns its PNG, each band's rows converted
/// and compressed in the thread that drew them (``PNGEncoder/band(width:height:rows:color:level:fill:)``)
/// and the bands joined; an image with transparent pixels, or one drawn whole, is encoded whole.
///
/// Encoding after drawing, on both cores again, cost a third of the figure's drawing time more:
/// the cores were handed the work twice more (converting, then compressing), and waking a core
/// takes up to milliseconds on some machines; in the band's own thread, the band that finishes
/// drawing first goes on encoding while the other draws.
func drawPNG(_ figure: Figure, on surface: CairoSurface) throws(RenderError) -> [UInt8] {
    let p = surface.pointer
    let width = Int(cairo_image_surface_get_width(p)), height = Int(cairo_image_surface_get_height(p))
    var bands: [PNGBand?]? = nil
    if let data = cairo_image_surface_get_data(p) {
        let pixels = PixelRows(base: UnsafeRawPointer(data), stride: Int(cairo_image_surface_get_stride(p)))
        bands = try drawInBands(figure, on: surface) { _, rows in
            encodePNGBand(pixels, width: width, height: height, rows: rows)
        }
    } else {
        try drawInBands(figure, on: surface)
    }
    if let all = bands?.compactMap({ $0 }), all.count == imageBands,
       let png = try? PNGEncoder.join(width: width, height: height, color: .rgb, bands: all) {
        return png
    }
    return try encodePNG(surface: surface)
}

/// The rows where the bands of ``drawInBands(_:on:)`` start, and the height last: bands of about
/// equal drawing work rather than equal height, since lines gather where paths converge.
///
/// Cairo's cost that depends on the band is scan conversion: each edge of a stroke's or fill's
/// outline costs on every row it spans, and every pixel a little. So every segment of every stroke
/// and fill weighs on the rows it covers (widened by half the line width), each row adds a share
/// of its width, and the edges split the sum evenly; a function of the figure alone, so the same
/// figure is cut at the same rows on every machine.
func bandEdges(_ figure: Figure, bands: Int) -> [Int] {
    let height = figure.height
    // Weight per row through a difference array: +1 where a segment's rows start, −1 after.
    var delta = [Double](repeating: 0, count: height + 2)
    func add(_ a: Point, _ b: Point, halfWidth: Double) {
        let top = min(a.y, b.y) - halfWidth, bottom = max(a.y, b.y) + halfWidth
        guard top.isFinite, bottom.isFinite, bottom >= 0, top < Double(height) else { return }
        let first = Int(max(0, top)), last = Int(min(Double(height - 1), bottom))
        delta[first] += 1; delta[last + 1] -= 1
    }
    func addPolyline(_ points: [Point], in layer: Layer, halfWidth: Double, closed: Bool) {
        guard var previous = points.first.map(layer.pixel) else { return }
        let first = previous
        for point in points.dropFirst() {
            let q = layer.pixel(point)
            add(previous, q, halfWidth: halfWidth)
            previous = q
        }
        if closed { add(previous, first, halfWidth: 0) }
    }
    for layer in figure.layers {
        for mark in layer.marks {
            switch mark {
            case .stroke(let points, let style): addPolyline(points, in: layer, halfWidth: style.width / 2, closed: false)
            case .strokes(let lines, let style): for line in lines { addPolyline(line, in: layer, halfWidth: style.width / 2, closed: false) }
            case .fill(let rings, _): for ring in rings { addPolyline(ring, in: layer, halfWidth: 0, closed: true) }
            case .marker, .text: break
            }
        }
    }
    var weights = [Double](repeating: 0, count: height)
    // Every row costs too, about in proportion to its pixels (clearing, compositing fills and
    // spans): 0.15 of an edge-row a pixel balanced the default figure's bands within 1% of their
    // instructions (callgrind; the edges alone put 12% more work in one band than the other).
    let rowCost = 0.15 * Double(figure.width)
    var running = 0.0, total = 0.0
    for y in 0..<height {
        running += delta[y]
        weights[y] = running + rowCost  // every row costs a little even when empty (clearing, spans)
        total += weights[y]
    }
    var edges = [0]
    var sum = 0.0, y = 0
    for b in 1..<bands {
        let target = total * Double(b) / Double(bands)
        while y < height && sum + weights[y] <= target { sum += weights[y]; y += 1 }
        // At least one row per band.
        edges.append(min(max(y, edges[b - 1] + 1), height - (bands - b)))
    }
    edges.append(height)
    return edges
}

/// Holds what crosses to the drawing threads; each thread touches only its own band.
struct UncheckedSendable<T>: @unchecked Sendable { let value: T }

