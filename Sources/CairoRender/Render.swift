import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import CCairo
import Plot
import Surfaces

/// The file formats a figure can be written in.
public enum ImageFormat: String, CaseIterable, Sendable {
    case png, svg, pdf

    /// The format for a file extension (`"png"`, `"PDF"`, with or without the dot), or nil.
    public init?(pathExtension: String) {
        let ext = pathExtension.hasPrefix(".") ? String(pathExtension.dropFirst()) : pathExtension
        self.init(rawValue: ext.lowercased())
    }
}

/// The creation date stamped into every PDF, so that the same figure gives the same bytes
/// (cairo 1.16 would otherwise write the current time).
let fixedPDFDate = "2000-01-01T00:00:00Z"

/// Draws `figure` and returns the file's bytes, made in memory (no temporary files).
///
/// PNG is 8-bit RGBA at the figure's pixel size; SVG has the same size in px; PDF pages are
/// `width × height` pixels at 96 dpi (0.75 pt each). The same figure gives the same bytes in every
/// format.
///
///     let bytes = try render(surfaceFigure(surface: s, paths: runs), format: .png)
///
/// - Throws: ``RenderError`` naming the Cairo step that failed.
public func render(_ figure: Figure, format: ImageFormat) throws(RenderError) -> [UInt8] {
    guard (1...32767).contains(figure.width), (1...32767).contains(figure.height) else {
        throw .invalidSize(width: figure.width, height: figure.height)
    }
    let sink = ByteSink()
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    let w = Double(figure.width), h = Double(figure.height)
    try withExtendedLifetime(sink) { () throws(RenderError) in
        switch format {
        case .png:
            let surface = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(figure.width), Int32(figure.height)),
                                           "create a \(figure.width)×\(figure.height) image")
            try drawInBands(figure, on: surface)
            sink.bytes = try encodePNG(surface: surface)
        case .svg:
            let surface = try CairoSurface(cairo_svg_surface_create_for_stream(ByteSink.write, closure, w, h), "create an SVG surface")
            cairo_svg_surface_set_document_unit(surface.pointer, CAIRO_SVG_UNIT_PX)
            try draw(figure, on: surface, scale: 1)
            try surface.finish("write SVG")
        case .pdf:
            let surface = try CairoSurface(cairo_pdf_surface_create_for_stream(ByteSink.write, closure, w * 0.75, h * 0.75),
                                           "create a PDF surface")
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE, fixedPDFDate)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "trajviz")
            try draw(figure, on: surface, scale: 0.75)
            try surface.finish("write PDF")
        }
    }
    return format == .svg ? renumberingSurfaceIDs(sink.bytes) : sink.bytes
}

/// Cairo names SVG groups `surfaceN` after a counter global to the process, so a second render in
/// the same process would differ; renumbering them by first appearance makes the bytes a function
/// of the figure alone.
func renumberingSurfaceIDs(_ svg: [UInt8]) -> [UInt8] {
    let word = Array("surface".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(svg.count)
    var numbers: [ArraySlice<UInt8>: Int] = [:]
    var i = 0
    while i < svg.count {
        if svg[i] == word[0], i + word.count < svg.count, svg[i..<(i + word.count)].elementsEqual(word),
           (48...57).contains(svg[i + word.count]) {
            var j = i + word.count
            while j < svg.count, (48...57).contains(svg[j]) { j += 1 }
            let n = numbers[svg[(i + word.count)..<j]] ?? numbers.count + 1
            numbers[svg[(i + word.count)..<j]] = n
            out += word; out += Array(String(n).utf8)
            i = j
        } else {
            out.append(svg[i]); i += 1
        }
    }
    return out
}

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
func drawInBands(_ figure: Figure, on surface: CairoSurface) throws(RenderError) {
    let p = surface.pointer
    cairo_surface_flush(p)
    guard let data = cairo_image_surface_get_data(p), figure.height >= 2 * imageBands else {
        return try draw(figure, on: surface, scale: 1)
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
    let errors = BandErrors(count: imageBands)
    let shared = UncheckedSendable(value: bands)
    DispatchQueue.concurrentPerform(iterations: imageBands) { b in
        do throws(RenderError) { try draw(figure, on: shared.value[b], scale: 1) } catch { errors.set(b, error) }
    }
    if let error = errors.first { throw error }
    for band in bands {
        cairo_surface_flush(band.pointer)
        try check(cairo_surface_status(band.pointer), "draw the figure")
    }
    cairo_surface_mark_dirty(p)
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

/// The first error of any band, by band order (each band writes only its own slot, under a lock).
final class BandErrors: @unchecked Sendable {
    private var errors: [RenderError?]
    private let lock = BandLock()
    init(count: Int) { errors = Array(repeating: nil, count: count) }
    func set(_ band: Int, _ error: RenderError) { lock.locked { errors[band] = error } }
    var first: RenderError? { lock.locked { errors.lazy.compactMap { $0 }.first } }
}

/// A pthread mutex (CairoRender does not link Foundation).
final class BandLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}

/// Replays the figure on a Cairo surface and checks the context's status afterwards.
func draw(_ figure: Figure, on surface: CairoSurface, scale: Double, fontFiles: Bool = true) throws(RenderError) {
    let context = try CairoContext(surface)
    let canvas = CairoCanvas(context, fontFiles: fontFiles)
    if scale != 1 { canvas.concatenate(AffineTransform(a: scale, b: 0, c: 0, d: scale, tx: 0, ty: 0)) }
    figure.draw(on: canvas)
    try context.status("draw the figure")
    cairo_surface_flush(surface.pointer)
    try check(cairo_surface_status(surface.pointer), "draw the figure")
}
