import CCairo
import Plot

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
            sink.bytes = try drawPNG(figure, on: surface)
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
