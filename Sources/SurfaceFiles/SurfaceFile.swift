import Expressions
import Foundation
import Surfaces
internal import TOMLKit

/// Reads surface definition files (TOML; the keys are listed at ``SurfaceDefinition``).
///
///     let valley = try SurfaceFile.load(path: "surfaces/valley.toml")
///     valley.value(1, 2)
///
/// Every mistake is a ``SurfaceFileError`` naming the file, the line and column and, where
/// there is a place to show, the line with a caret under it: TOML syntax errors (positions from
/// the TOML parser), mistakes inside `f` (the column inside the string mapped to the file), a
/// missing key, a value of the wrong type, a bad range. Binary and non-UTF-8 files, and files
/// over ``maximumSize`` bytes, are refused before parsing.
public enum SurfaceFile {
    /// The largest file read: 1 MiB. Surface files are a few lines.
    public static let maximumSize = 1 << 20

    /// Loads the file at `path` (relative paths are taken from the process's current folder).
    public static func load(path: String) throws(SurfaceFileError) -> ExpressionSurface {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SurfaceFileError(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw SurfaceFileError(file: path, message: "is a folder, not a surface file (.toml)")
        }
        if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > maximumSize {
            throw SurfaceFileError(file: path, message: "is \(size.intValue) bytes; a surface file may have at most \(maximumSize) bytes (1 MiB)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SurfaceFileError(file: path, message: "cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // Read one byte past the limit, so a file that grew since the size check is caught.
            data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw SurfaceFileError(file: path, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(data: data, file: path)
    }

    /// Parses the bytes of a surface file; `file` names it in errors.
    public static func parse(data: Data, file: String) throws(SurfaceFileError) -> ExpressionSurface {
        guard data.count <= maximumSize else {
            throw SurfaceFileError(file: file, message: "is larger than \(maximumSize) bytes (1 MiB); a surface file is a few lines")
        }
        if let zero = data.firstIndex(of: 0) {
            throw SurfaceFileError(file: file, message: "is a binary file (a zero byte at offset \(zero - data.startIndex)), not a TOML surface file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let bad = firstInvalidUTF8Offset(data)
            throw SurfaceFileError(file: file, message: "is not valid UTF-8 text (bad byte at offset \(bad)); save it as UTF-8")
        }
        return try parse(text: text, file: file)
    }

    /// Parses the text of a surface file; `file` names it in errors.
    public static func parse(text: String, file: String) throws(SurfaceFileError) -> ExpressionSurface {
        let definition = try definition(text: text, file: file)
        return try ExpressionSurface(definition: definition, file: file, sourceText: text)
    }

    /// The keys of a surface file, checked for presence and type (not yet compiled).
    public static func definition(text: String, file: String) throws(SurfaceFileError) -> SurfaceDefinition {
        let map = SourceMap(text: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        if let trigger = TOMLPreflight.firstProblem(in: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text) {
            throw located(file: file, map: map, line: trigger.line, column: trigger.column, message: trigger.message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line, column = error.source.begin.column
            throw located(file: file, map: map, line: line, column: column,
                          message: "TOML syntax error: \(error.description)")
        } catch {
            throw SurfaceFileError(file: file, message: "TOML syntax error: \(error)")
        }
        return try DefinitionReader(table: table, file: file, map: map).read()
    }

    /// An error at (line, column) of the file, with the line and a caret.
    static func located(file: String, map: SourceMap, line: Int, column: Int, length: Int = 1,
                        message: String) -> SurfaceFileError {
        guard let full = map.text(ofLine: line) else {
            return SurfaceFileError(file: file, line: line, column: column, message: message)
        }
        let (text, shownColumn) = ExpressionError.window(of: full, column: column)
        return SurfaceFileError(
            file: file, line: line, column: column, message: message, sourceLine: text,
            caret: ExpressionError.caretLine(under: text, column: shownColumn, length: length))
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        // Decode prefixes until one fails; files are at most 1 MiB, so a linear scan is fine.
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var offset = 0
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                offset = consumed
                consumed += UTF8.width(s)
            case .emptyInput: break loop
            case .error: return consumed
            }
        }
        _ = offset
        return consumed
    }
}
