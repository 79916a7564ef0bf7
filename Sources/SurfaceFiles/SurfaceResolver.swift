import Foundation
import Surfaces

/// Turns a `--surface` argument into a surface: a file path, a file in `./surfaces`, or a
/// built-in name.
///
/// * An argument ending in `.toml` or containing `/` is a file path (relative to the current
///   folder unless it starts with `/`).
/// * Otherwise `surfaces/<argument>.toml` under the current folder is used when it exists (so a
///   project can shadow a built-in), then the built-in of that name.
/// * Anything else is an error listing the built-in names and the files found in `./surfaces`.
public enum SurfaceResolver {
    /// The folder, under the current one, that holds surface files.
    public static let folder = "surfaces"

    public static func resolve(_ argument: String, currentDirectory: String) throws(SurfaceFileError) -> any Surface {
        if argument.hasSuffix(".toml") || argument.contains("/") {
            return try SurfaceFile.load(path: path(argument, in: currentDirectory))
        }
        let candidate = path("\(folder)/\(argument).toml", in: currentDirectory)
        if FileManager.default.fileExists(atPath: candidate) {
            // Errors name the file as the user would type it.
            do throws(SurfaceFileError) {
                return try SurfaceFile.load(path: candidate)
            } catch {
                var e = error
                e.file = "\(folder)/\(argument).toml"
                throw e
            }
        }
        if let builtIn = Surfaces.named(argument) { return builtIn }
        let files = fileNames(in: currentDirectory)
        var message = "unknown surface '\(argument)'; built-in: \(Surfaces.names.joined(separator: ", "))"
        message += files.isEmpty
            ? "; no files in ./\(folder)"
            : "; files in ./\(folder): \(files.joined(separator: ", "))"
        message += "; or give a path to a .toml file"
        throw SurfaceFileError(file: nil, message: message)
    }

    /// One file of `./surfaces`, loaded or not.
    public struct Listing: Sendable {
        /// The name to pass to `--surface` (the file name without `.toml`).
        public var name: String
        /// The path relative to the current folder, e.g. `surfaces/valley.toml`.
        public var path: String
        public var result: Result<ExpressionSurface, SurfaceFileError>
    }

    /// Every `*.toml` in `<currentDirectory>/surfaces`, sorted by name, each loaded (a broken
    /// file is listed with its error rather than hiding the others). Empty when the folder
    /// does not exist.
    public static func fileSurfaces(in currentDirectory: String) -> [Listing] {
        fileNames(in: currentDirectory).map { name in
            let relative = "\(folder)/\(name).toml"
            let result: Result<ExpressionSurface, SurfaceFileError>
            do throws(SurfaceFileError) {
                result = .success(try SurfaceFile.load(path: path(relative, in: currentDirectory)))
            } catch {
                var e = error
                e.file = relative
                result = .failure(e)
            }
            return Listing(name: name, path: relative, result: result)
        }
    }

    /// The base names of the `.toml` files in `<currentDirectory>/surfaces`, sorted.
    public static func fileNames(in currentDirectory: String) -> [String] {
        let dir = path(folder, in: currentDirectory)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return entries.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    static func path(_ p: String, in directory: String) -> String {
        if p.hasPrefix("/") || directory.isEmpty { return p }
        return directory.hasSuffix("/") ? directory + p : directory + "/" + p
    }
}
