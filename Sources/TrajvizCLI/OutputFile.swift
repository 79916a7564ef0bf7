import Foundation

/// Where a command writes one result: a file (written whole or not at all) or standard output (`-`).
///
/// Every destination is checked before any work starts (``validate()``), so that a typo in a
/// path fails in milliseconds and leaves nothing behind; the bytes then go to a temporary file in
/// the same folder that is renamed over the destination, so an existing file survives a failed run
/// and a reader never sees half a file.
struct OutputFile: Sendable {
    /// The path as the user wrote it (or the default), or `-`.
    let path: String
    /// The option that named it, for messages (`--csv`).
    let option: String

    var isStandardOutput: Bool { path == "-" }

    /// The lower-cased extension without the dot (`png`), or empty.
    var pathExtension: String { (path as NSString).pathExtension.lowercased() }

    /// The folder the file goes in, as the user wrote it (`.` for none).
    var folder: String {
        let f = (path as NSString).deletingLastPathComponent
        return f.isEmpty ? "." : f
    }

    /// Checks that the file can be created: the folder exists (or, with `createFolder`, can be
    /// created: the default `output/`) and is writable, and the path is not a folder. Creates
    /// nothing: a run that fails later leaves no trace.
    func validate(createFolder: Bool = false) throws(CLIError) {
        if isStandardOutput { return }
        if path.isEmpty { throw .usage("\(option) needs a file name") }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .usage("cannot write \(option) '\(path)': it is a folder; name a file")
        }
        var target = folder
        if !fm.fileExists(atPath: target, isDirectory: &isDirectory) {
            guard createFolder else {
                throw .failure("cannot write \(option) '\(path)': folder '\(folder)' does not exist")
            }
            // The folder will be made at write time; its parent must take it.
            target = (folder as NSString).deletingLastPathComponent
            if target.isEmpty { target = "." }
            guard fm.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .failure("cannot create folder '\(folder)' for \(option) '\(path)': '\(target)' is not a folder")
            }
        } else if !isDirectory.boolValue {
            throw .failure("cannot write \(option) '\(path)': '\(folder)' is not a folder")
        }
        if !fm.isWritableFile(atPath: target) {
            throw .failure("cannot write \(option) '\(path)': folder '\(target)' is not writable")
        }
    }

    /// Writes `bytes` whole: to a temporary file beside the destination, then renamed over it.
    func write(_ bytes: [UInt8]) throws(CLIError) {
        if isStandardOutput {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .failure("cannot create folder '\(folder)' for \(option) '\(path)': \(error.localizedDescription)")
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(bytes).write(to: temporary, options: [])
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .failure("cannot write \(option) '\(path)': \(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .failure("cannot write \(option) '\(path)': \(reason)")
        }
    }

    func write(_ text: String) throws(CLIError) { try write(Array(text.utf8)) }

}
