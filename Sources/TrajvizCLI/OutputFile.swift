/// One output a command was asked for: the path as the user wrote it (or the default), or `-`
/// for standard output, and the option that named it. Where its bytes really go is found by
/// ``OutputDestination``; how they get there whole by ``OutputTransaction``.
struct OutputFile: Sendable {
    /// The path as the user wrote it (or the default), or `-`.
    let path: String
    /// The option that named it, for messages (`--csv`); unique within a run.
    let option: String
    /// What to do when it collides with another file: `name another file`.
    var remedy = "name another file"

    init(path: String, option: String, remedy: String = "name another file") {
        self.path = path; self.option = option; self.remedy = remedy
    }

    var isStandardOutput: Bool { path == "-" }

    /// The lower-cased extension without the dot (`png`), or empty.
    var pathExtension: String {
        let name = OutputDestination.baseName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }
}
