#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the bytes of one output really go, found before any work from the path the user typed.
///
/// * `-`, `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: a descriptor trajviz already holds,
///   written directly (so `>>` keeps appending and a pipe stays a pipe).
/// * A character device (`/dev/null`, a terminal) or a FIFO: written through, opened for writing
///   as it is, never replaced.
/// * A regular file or a new name, reached through any symbolic links: a temporary file beside
///   the final target, renamed over it when the whole run succeeded; the link stays a link, the
///   target keeps its permission bits (and owner and group, where the process may set them).
/// * Anything else (a socket, a block device, a folder, a link into a missing folder, a link
///   loop) is refused with a message that says what it is.
enum OutputDestination: Sendable {
    case descriptor(Int32)
    case stream(path: String)
    /// The final file `name` in the absolute `folder` (created by the run when `createsFolder`);
    /// `existing` is its status when it exists.
    case file(folder: String, name: String, existing: FileStatus?, createsFolder: Bool)

    /// What identifies a destination, for collisions between outputs and with inputs: the
    /// device and inode of what exists, or the folder's and the name of what does not yet.
    enum Identity: Hashable, Sendable {
        case inode(dev: UInt64, ino: UInt64)
        case newFile(folderDev: UInt64, folderIno: UInt64, name: String)
    }

    /// The parts of `stat` that matter here.
    struct FileStatus: Sendable {
        var dev: UInt64, ino: UInt64, mode: UInt32, uid: UInt32, gid: UInt32

        init(_ s: stat) {
            dev = UInt64(s.st_dev); ino = UInt64(s.st_ino); mode = UInt32(s.st_mode)
            uid = UInt32(s.st_uid); gid = UInt32(s.st_gid)
        }

        var type: UInt32 { mode & UInt32(S_IFMT) }
        var permissions: UInt32 { mode & 0o7777 }
    }

    /// The identity of this destination.
    var identity: Identity? {
        switch self {
        case .descriptor(let fd):
            var s = stat()
            return fstat(fd, &s) == 0 ? .inode(dev: UInt64(s.st_dev), ino: UInt64(s.st_ino)) : nil
        case .stream(let path):
            var s = stat()
            return stat(path, &s) == 0 ? .inode(dev: UInt64(s.st_dev), ino: UInt64(s.st_ino)) : nil
        case .file(let folder, let name, let existing, _):
            if let existing { return .inode(dev: existing.dev, ino: existing.ino) }
            var s = stat()
            guard stat(folder, &s) == 0 else { return .newFile(folderDev: 0, folderIno: 0, name: folder + "/" + name) }
            return .newFile(folderDev: UInt64(s.st_dev), folderIno: UInt64(s.st_ino), name: name)
        }
    }

    /// The identity of an input file (followed through links), nil when it does not exist.
    static func identity(ofInput path: String) -> Identity? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return .inode(dev: UInt64(s.st_dev), ino: UInt64(s.st_ino))
    }

    /// The longest file name the file systems here take (NAME_MAX).
    static let maximumNameBytes = 255

    /// Resolves `file`'s path. `createFolder`: a missing last folder (the default `output/`) may
    /// be created, when its parent exists.
    static func resolve(_ file: OutputFile, createFolder: Bool = false) throws(CLIError) -> OutputDestination {
        let path = file.path, option = file.option
        if file.isStandardOutput { return .descriptor(STDOUT_FILENO) }
        if path.isEmpty { throw .usage("\(option) needs a file name") }
        if path.hasSuffix("/") {
            throw .usage("cannot write \(option) '\(path)': a file name cannot end with '/'; name a file, e.g. \(option) \(exampleName(option))")
        }
        var current = path
        var currentAsWritten = path
        var folderAsTyped = parent(of: path)
        for hop in 0...40 {
            let name = baseName(of: current)
            if name == "." || name == ".." {
                throw .usage("cannot write \(option) '\(path)': it is a folder; name a file")
            }
            guard name.utf8.count <= maximumNameBytes else {
                throw .usage("cannot write \(option) '\(path)': the file name is \(name.utf8.count) bytes long; at most \(maximumNameBytes)")
            }
            let folder = parent(of: current)
            guard let real = realPath(folder) else {
                let reason = errno
                if reason == ENOENT, createFolder, hop == 0, let grand = realPath(parent(of: folder)), isFolder(grand) {
                    return .file(folder: grand + "/" + baseName(of: folder), name: name, existing: nil, createsFolder: true)
                }
                let through = hop == 0 ? "" : "it is a symbolic link to '\(currentAsWritten)', whose "
                switch reason {
                case ENOENT: throw .failure("cannot write \(option) '\(path)': \(through)folder '\(folderAsTyped)' does not exist")
                case ENOTDIR: throw .failure("cannot write \(option) '\(path)': \(through)'\(folderAsTyped)' is not a folder")
                case ELOOP: throw .failure("cannot write \(option) '\(path)': too many levels of symbolic links")
                default: throw .failure("cannot write \(option) '\(path)': folder '\(folderAsTyped)': \(Terminal.describe(errno: reason))")
                }
            }
            if let fd = ownDescriptor(folder: real, name: name) { return .descriptor(fd) }
            let full = real == "/" ? "/" + name : real + "/" + name
            var s = stat()
            if lstat(full, &s) != 0 {
                guard errno == ENOENT else {
                    throw .failure("cannot write \(option) '\(path)': \(Terminal.describe(errno: errno))")
                }
                guard isFolder(real) else { throw .failure("cannot write \(option) '\(path)': '\(folderAsTyped)' is not a folder") }
                return .file(folder: real, name: name, existing: nil, createsFolder: false)
            }
            let status = FileStatus(s)
            switch status.type {
            case UInt32(S_IFLNK):
                guard let target = readLink(full) else {
                    throw .failure("cannot write \(option) '\(path)': \(Terminal.describe(errno: errno))")
                }
                current = target.hasPrefix("/") ? target : (real == "/" ? "/" : real + "/") + target
                currentAsWritten = target
                folderAsTyped = parent(of: target)
                continue
            case UInt32(S_IFREG):
                if access(full, W_OK) != 0 {
                    throw .failure("cannot write \(option) '\(path)': the file is read-only (\(Terminal.describe(errno: errno)))")
                }
                return .file(folder: real, name: name, existing: status, createsFolder: false)
            case UInt32(S_IFDIR):
                throw .usage("cannot write \(option) '\(path)': it is a folder; name a file")
            case UInt32(S_IFCHR), UInt32(S_IFIFO):
                return .stream(path: full)
            case UInt32(S_IFSOCK):
                throw .failure("cannot write \(option) '\(path)': it is a socket; name a file, a FIFO or a device")
            case UInt32(S_IFBLK):
                throw .failure("cannot write \(option) '\(path)': it is a block device; name a file, a FIFO or a character device")
            default:
                throw .failure("cannot write \(option) '\(path)': it is not a file trajviz can write")
            }
        }
        throw .failure("cannot write \(option) '\(path)': too many levels of symbolic links")
    }

    // MARK: - Paths

    /// The folder part of a path as typed (`.` for none).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = path[..<slash]
        if head.isEmpty { return "/" }
        // `a//b`: the folder is `a`.
        var trimmed = head
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// The last component of a path.
    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isFolder(_ path: String) -> Bool {
        var s = stat()
        return stat(path, &s) == 0 && UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR)
    }

    /// `N` when `folder/name` is this process's descriptor N (`/proc/self/fd/N`, which is where
    /// `/dev/stdout` and `/dev/fd/N` lead).
    private static func ownDescriptor(folder: String, name: String) -> Int32? {
        guard folder == "/proc/self/fd" || folder == "/proc/\(getpid())/fd" || folder == "/dev/fd",
              !name.isEmpty, name.allSatisfy(\.isASCII), name.allSatisfy(\.isNumber),
              let fd = Int32(name) else { return nil }
        return fd
    }

    private static func exampleName(_ option: String) -> String {
        switch option {
        case "--csv": "paths.csv"
        case "--json": "run.json"
        default: "fig.png"
        }
    }
}
