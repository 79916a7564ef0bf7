import Optimizers
import Surfaces

/// Finds the surface a `--surface` argument names.
enum SurfaceLookup {
    static func resolve(_ argument: String) throws(CLIError) -> any Surface {
        if let s = Surfaces.named(argument) { return s }
        throw .usage("unknown surface '\(argument)'\(suggestion(for: argument, among: Surfaces.names)); accepted: "
                     + Surfaces.names.joined(separator: ", "))
    }
}

extension SurfaceLookup {
    /// The surface files of ./surfaces, for `trajviz list`.
    static func fileSurfacesListing() -> String { "" }
}
