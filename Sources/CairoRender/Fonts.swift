import CCairo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DejaVu Sans, the figures' font, as Cairo font faces opened from the font files.
///
/// Cairo's toy API (`cairo_select_font_face`) finds a family through fontconfig, whose first use
/// reads its XML configuration and caches: about 50M instructions, a tenth of the default figure.
/// Where DejaVu Sans is installed at a known path (Debian's fonts-dejavu-core, and the other
/// distributions' packages), a face made from a pattern that names the file gives the same glyphs
/// (the figures are compared pixel for pixel with the toy API's in the tests) and never starts
/// fontconfig. Elsewhere the faces are nil and the toy API is used.
final class FontFace: @unchecked Sendable {
    // @unchecked: a Cairo font face is immutable once made and reference-counted atomically; this
    // object only keeps its one reference.
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { cairo_font_face_destroy(pointer) }

    static let regular = open(["DejaVuSans.ttf"])
    static let bold = open(["DejaVuSans-Bold.ttf"])

    /// Where distributions install the DejaVu fonts.
    static let folders = [
        "/usr/share/fonts/truetype/dejavu",   // Debian, Ubuntu
        "/usr/share/fonts/dejavu-sans-fonts", // Fedora
        "/usr/share/fonts/TTF",               // Arch
        "/usr/share/fonts/dejavu",            // openSUSE, Alpine
    ]

    /// The face of the first of `names` found in ``folders``, or nil.
    static func open(_ names: [String]) -> FontFace? {
        for folder in folders {
            for name in names {
                let path = folder + "/" + name
                guard access(path, R_OK) == 0, let pattern = FcPatternCreate() else { continue }
                defer { FcPatternDestroy(pattern) }
                guard FcPatternAddString(pattern, FC_FILE, path) != 0, FcPatternAddInteger(pattern, FC_INDEX, 0) != 0,
                      let face = cairo_ft_font_face_create_for_pattern(pattern) else { continue }
                guard cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS else { cairo_font_face_destroy(face); continue }
                return FontFace(face)
            }
        }
        return nil
    }
}
