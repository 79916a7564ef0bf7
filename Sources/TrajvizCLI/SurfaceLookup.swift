import Foundation
import Optimizers
import Regression
import SurfaceFiles
import Surfaces

/// Finds the surface a `--surface` argument names: a path to a `.toml` file, a file
/// `surfaces/NAME.toml` under the current folder, or a built-in name (in that order; see
/// ``SurfaceResolver``).
enum SurfaceLookup {
    /// The surface, and for a file surface its definition (what a manifest records to replay it).
    static func resolve(_ argument: String) throws(CLIError) -> (surface: any Surface, definition: SurfaceDefinition?) {
        let cwd = FileManager.default.currentDirectoryPath
        let isPath = argument.hasSuffix(".toml") || argument.contains("/")
        let files = SurfaceResolver.fileNames(in: cwd)
        if !isPath, Surfaces.named(argument) == nil, !files.contains(argument) {
            var message = "unknown surface '\(argument)'\(suggestion(for: argument, among: Surfaces.names + files)); accepted: "
                + Surfaces.names.joined(separator: ", ")
            if !files.isEmpty { message += "; from ./surfaces: " + files.joined(separator: ", ") }
            message += "; or a path to a .toml file"
            throw .usage(message)
        }
        let surface: any Surface
        do throws(SurfaceFileError) {
            // A path is loaded as typed (relative to the current folder), so errors name the file
            // the way the user wrote it.
            surface = isPath ? try SurfaceFile.load(path: argument)
                             : try SurfaceResolver.resolve(argument, currentDirectory: cwd)
        } catch {
            throw .failure(error.description)
        }
        try checkRates(of: surface, in: (surface as? ExpressionSurface)?.file ?? argument)
        return (surface, definition(of: surface))
    }

    /// Refuses a suggested learning rate for an optimizer that does not exist (`lr = { adma =
    /// 0.1 }` would otherwise never be used, and never be noticed).
    static func checkRates(of surface: any Surface, in place: String) throws(CLIError) {
        let names = OptimizerRegistry.names
        for key in surface.suggestedLearningRates.keys.sorted() where !names.contains(key) {
            throw .failure("\(place): lr.\(key): unknown optimizer '\(key)'\(suggestion(for: key, among: names)); accepted: "
                           + names.joined(separator: ", "))
        }
    }

    /// The surface file a run reads, which no output may replace; none for a built-in.
    static func inputs(of surface: any Surface) -> [InputFile] {
        guard let file = (surface as? ExpressionSurface)?.file else { return [] }
        return [InputFile(path: file, role: "the surface file")]
    }

    /// The definition a manifest records for a file surface; nil for a built-in.
    static func definition(of surface: any Surface) -> SurfaceDefinition? {
        (surface as? ExpressionSurface)?.definition
    }

    /// The surface a manifest names: its recorded file definition, or the built-in of its name.
    static func surface(for recorded: ManifestSurface, manifest file: String) throws(CLIError) -> any Surface {
        guard let definition = recorded.definition else {
            do { return try recorded.builtInSurface() } catch { throw .failure("\(file): \(error.message)") }
        }
        let decoded: SurfaceDefinition
        let range = "two numbers [min, max] with min < max"
        do {
            decoded = try definition.decode(SurfaceDefinition.self, at: "surface.definition",
                                            choices: ["levels": LevelScale.allCases.map(\.rawValue)],
                                            expectations: ["x": range, "y": range, "minima": "an array of [x, y] pairs"])
        } catch {
            throw .failure("\(file): \(error.message)")
        }
        let surface: ExpressionSurface
        do { surface = try ExpressionSurface(definition: decoded) } catch {
            throw .failure("\(file): surface.definition: \(error.message)")
        }
        try checkRates(of: surface, in: "\(file): surface.definition")
        return surface
    }

    /// The surface files of ./surfaces, for `trajviz list`.
    static func fileSurfacesListing() -> String {
        let listings = SurfaceResolver.fileSurfaces(in: FileManager.default.currentDirectoryPath)
        guard !listings.isEmpty else { return "" }
        var out = "\nSurface files in ./surfaces (--surface NAME)\n"
        for listing in listings {
            switch listing.result {
            case .success(let surface): out += ListCommand.describe(surface, name: listing.name)
            case .failure(let error): out += "  \(listing.name)\n      unusable: \(error.summary)\n"
            }
        }
        return out
    }
}
