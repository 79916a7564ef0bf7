#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that a trajviz process left behind when it was killed outright (SIGKILL, a
/// power cut): removed by the next run that writes into the same folder, and only when the
/// process that made them is gone.
///
/// A name qualifies only in the exact forms ``OutputTransaction`` makes,
/// `.NAME.trajviz-PID.tmp` / `.bak` or `.trajviz-PID-K.tmp` / `.bak`, and only when it is a
/// regular file of the current user and no process PID exists (`kill(PID, 0)` says ESRCH). A
/// running trajviz's temporaries, anything of another user, and every other file are left alone.
enum StaleTemporaries {
    /// The pid a temporary file name carries, or nil when `name` is not one.
    ///
    ///     pid(in: ".paths.csv.trajviz-4242.tmp")   // 4242
    ///     pid(in: ".trajviz-4242-3.bak")           // 4242
    ///     pid(in: "paths.csv")                      // nil
    static func pid(in name: String) -> Int32? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") || name.hasSuffix(".bak") else { return nil }
        let stem = name.dropLast(4)
        // Short form: .trajviz-PID-K
        if stem.hasPrefix(".trajviz-") {
            let parts = stem.dropFirst(".trajviz-".count).split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy(isDigits) { return Int32(parts[0]) }
        }
        // Long form: .NAME.trajviz-PID
        let marker = Array(".trajviz-".utf8), bytes = Array(stem.utf8)
        guard bytes.count > marker.count + 1 else { return nil }
        for start in stride(from: bytes.count - marker.count, through: 2, by: -1) where Array(bytes[start..<start + marker.count]) == marker {
            let digits = Substring(String(decoding: bytes[(start + marker.count)...], as: UTF8.self))
            return isDigits(digits) ? Int32(digits) : nil
        }
        return nil
    }

    private static func isDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 10 && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Removes the stale temporaries in `folder` (see the type's summary).
    static func remove(in folder: String) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        let me = getpid(), user = getuid()
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let pid = pid(in: name), pid > 0, pid != me else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = folder + "/" + name
            var s = stat()
            guard lstat(path, &s) == 0, UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG), s.st_uid == user else { continue }
            unlink(path)
        }
    }
}
