/// A surface file that cannot be used, and where the trouble is.
///
///     surfaces/bad.toml:3:12: unknown name 'sinn'; accepted: the variables x, y; ...
///     f = "x^2 + sinn(y)"
///                ^~~~
public struct SurfaceFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as it was named (nil when no file is involved, e.g. an unknown surface name).
    public var file: String?
    /// 1-based line and column in the file, when the trouble has a place.
    public var line: Int?
    public var column: Int?
    public var message: String
    /// The file's line at `line`, and a caret line under `column`.
    public var sourceLine: String?
    public var caret: String?

    public init(file: String?, line: Int? = nil, column: Int? = nil, message: String,
                sourceLine: String? = nil, caret: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
        self.caret = caret
    }

    /// One line: `file:line:column: message`.
    public var summary: String {
        var place = file.map { $0 + ":" } ?? ""
        if let line { place += "\(line):" }
        if let column { place += "\(column):" }
        return place.isEmpty ? message : place + " " + message
    }

    /// The summary, then the offending line and a caret under the place when there is one.
    public var description: String {
        guard let sourceLine, let caret else { return summary }
        return summary + "\n" + sourceLine + "\n" + caret
    }
}
