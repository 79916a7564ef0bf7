import CCairo
import Plot
import Surfaces

/// A ``Canvas`` drawing through a Cairo context: one call each, plus text set in DejaVu Sans with
/// hinting off (so that PNG, SVG and PDF lay text out identically and reproducibly).
final class CairoCanvas: Canvas {
    let context: CairoContext
    private var cr: OpaquePointer { context.pointer }

    /// DejaVu Sans opened from its files, or nil to find it through fontconfig.
    let regularFace: FontFace?, boldFace: FontFace?

    init(_ context: CairoContext, fontFiles: Bool = true) {
        self.context = context
        regularFace = fontFiles ? FontFace.regular : nil
        boldFace = fontFiles ? FontFace.bold : nil
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_set_font_options(cr, options)
            cairo_font_options_destroy(options)
        }
    }

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }
    func concatenate(_ t: AffineTransform) {
        var m = cairo_matrix_t(xx: t.a, yx: t.b, xy: t.c, yy: t.d, x0: t.tx, y0: t.ty)
        cairo_transform(cr, &m)
    }
    func setLineWidth(_ width: Double) { cairo_set_line_width(cr, width) }
    func setDash(_ pattern: [Double]) { cairo_set_dash(cr, pattern, Int32(pattern.count), 0) }
    func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    func move(to p: Point) { cairo_move_to(cr, p.x, p.y) }
    func line(to p: Point) { cairo_line_to(cr, p.x, p.y) }
    func closePath() { cairo_close_path(cr) }
    func stroke() { cairo_stroke(cr) }
    func fill() { cairo_fill(cr) }
    func clip(to r: Rect) {
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_clip(cr)
    }

    func text(_ text: String, at p: Point, size: Double, bold: Bool, alignment: TextAlignment) {
        if let face = bold ? boldFace : regularFace {
            cairo_set_font_face(cr, face.pointer)
        } else {
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        let x: Double
        switch alignment.horizontal {
        case .left: x = p.x
        case .center: x = p.x - extents.x_advance / 2
        case .right: x = p.x - extents.x_advance
        }
        let y: Double
        switch alignment.vertical {
        case .top: y = p.y + TextMetrics.ascent * size
        case .middle: y = p.y + TextMetrics.capHeight * size / 2
        case .baseline: y = p.y
        case .bottom: y = p.y - TextMetrics.descent * size
        }
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
    }
}
