/// A manifest read from a file in pieces, in memory bounded by a window of the file, however
/// many steps its paths hold: what `replay` and `compare` read.
///
/// ``Manifest/decode(_:)`` holds the whole file and every path's numbers (18 paths ×
/// 1,000,000 steps: a 1.4 GB file, 576 MB of `Double`s). This reader goes through the file twice:
///
/// 1. ``init(_:)`` reads everything as ``Manifest/decode(_:)`` does, with the same errors at the
///    same line and column, but checks the paths' number arrays (`xs`, `ys`, `losses`, `lrs`)
///    number by number without keeping them: it keeps where each array starts and how many
///    numbers it holds. ``manifest`` is then the decoded manifest with those arrays empty, and
///    every error of decoding (counts that disagree, a missing field) is found before any
///    number is used, as before.
/// 2. ``read(_:ofPath:_:)`` goes back to one array and hands its numbers over in pieces;
///    ``path(_:)`` reads one path whole.
///
///     let reader = try ManifestReader.open(source)           // source: a JSONByteSource over the file
///     for i in reader.manifest.paths.indices {
///         try reader.read(.xs, ofPath: i) { xs in ... }       // a few thousand numbers at a time
///     }
///
/// For every manifest, ``path(_:)`` of each path gives `Manifest.decode(bytes).paths`, and a
/// manifest that cannot be read gives the same message.
public final class ManifestReader {
    /// The document without the paths' number arrays (for a caller that looks at it before
    /// decoding: `json["kind"]`).
    public let json: JSONValue
    let source: JSONByteSource
    private let located: [String: PathArrayLocation]

    /// Reads `source` whole but for the paths' number arrays, which are checked and located.
    ///
    /// - Throws: the syntax error ``JSONValue/parse(_:)`` finds, at the same place.
    public init(_ source: JSONByteSource) throws(JSONSyntaxError) {
        var parser = JSONParser(source: source)
        parser.locatedArrays = [:]
        parser.skipByteOrderMark()
        parser.skipSpace()
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        if parser.current != nil { throw parser.error("unexpected text after the end of the document") }
        json = value
        located = parser.locatedArrays ?? [:]
        self.source = source
    }

    /// The manifest with its paths' number arrays empty, and where they are; see ``decode()``.
    public struct Decoded {
        /// The manifest, its paths' `xs`, `ys`, `losses` and `lrs` empty (unless they were
        /// empty in the file or held in the tree).
        public var manifest: Manifest
        /// Each path's number arrays: their counts, and where they are.
        public let columns: [PathColumns]
        let reader: ManifestReader

        /// Hands the numbers of `column` of path `i` to `body` in order, in pieces of at most
        /// `piece` numbers.
        ///
        /// - Throws: ``ManifestError`` when the file no longer holds what was checked (it changed
        ///   while it was read).
        public func read(_ column: PathColumnName, ofPath i: Int, piece: Int = 1 << 12,
                         _ body: (UnsafeBufferPointer<Double>) -> Void) throws(ManifestError) {
            switch columns[i][column] {
            case .values(let values): values.withUnsafeBufferPointer { if !$0.isEmpty { body($0) } }
            case .located(let location):
                var cursor = NumberArrayCursor(source: reader.source, at: location.offset)
                var values: [Double] = []
                values.reserveCapacity(piece)
                var read = 0
                do {
                    while !cursor.done {
                        values.removeAll(keepingCapacity: true)
                        try cursor.next(into: &values, limit: piece)
                        read += values.count
                        if !values.isEmpty { values.withUnsafeBufferPointer { body($0) } }
                    }
                } catch {
                    throw ManifestError("not valid JSON: \(error)")
                }
                guard read == location.count else { throw Self.changed(column, ofPath: i, read: read, expected: location.count) }
            }
        }

        static func changed(_ column: PathColumnName, ofPath i: Int, read: Int, expected: Int) -> ManifestError {
            ManifestError("paths[\(i)].\(column.rawValue): \(read) numbers where \(expected) were read before (the file changed while it was read)")
        }

        /// A cursor over `column` of path `i`, for reading two files in step.
        func cursor(_ column: PathColumnName, ofPath i: Int) -> ColumnCursor {
            ColumnCursor(column: columns[i][column], source: reader.source, name: column, path: i)
        }

        /// The numbers of `column` of path `i`.
        public func values(_ column: PathColumnName, ofPath i: Int) throws(ManifestError) -> [Double] {
            var out: [Double] = []
            out.reserveCapacity(columns[i][column].count)
            try read(column, ofPath: i) { out.append(contentsOf: $0) }
            return out
        }

        /// Path `i` with its number arrays, as ``Manifest/decode(_:)`` gives it.
        public func path(_ i: Int) throws(ManifestError) -> ManifestPath {
            var path = manifest.paths[i]
            path.xs = try values(.xs, ofPath: i)
            path.ys = try values(.ys, ofPath: i)
            path.losses = try values(.losses, ofPath: i)
            path.lrs = try values(.lrs, ofPath: i)
            return path
        }

        /// The manifest with every path's numbers: ``Manifest/decode(_:)``'s result.
        public func whole() throws(ManifestError) -> Manifest {
            var m = manifest
            for i in m.paths.indices { m.paths[i] = try path(i) }
            return m
        }

        /// Whether path `i` records a rate for every step taken (``ManifestPath/record``'s `lrs`).
        public func hasRates(ofPath i: Int) -> Bool {
            let c = columns[i]
            return c.lrs.count != 0 && c.lrs.count == c.xs.count - 1
        }
    }

    /// Decodes the document as ``Manifest/init(document:)`` does (the same errors), without
    /// reading the paths' numbers.
    public func decode() throws(ManifestError) -> Decoded {
        let arrays = PathArrays(located: located)
        let manifest = try Manifest(json: json, located: arrays)
        return Decoded(manifest: manifest, columns: arrays.columns, reader: self)
    }

    /// Reads and decodes `source`, with ``Manifest/decode(_:)``'s messages.
    public static func open(_ source: JSONByteSource) throws(ManifestError) -> Decoded {
        let reader: ManifestReader
        do { reader = try ManifestReader(source) } catch { throw ManifestError("not valid JSON: \(error)") }
        return try reader.decode()
    }
}

/// Where a path's array of numbers starts (its `[`) in a manifest, and how many numbers it holds.
public struct PathArrayLocation: Hashable, Sendable {
    public var offset: Int
    public var count: Int
}

/// One of a path's number arrays.
public enum PathColumnName: String, CaseIterable, Sendable {
    case xs, ys, losses, lrs
}

/// A path's number array as decoding found it: read (empty, or held in the tree), or located.
public enum PathColumn: Hashable, Sendable {
    case values([Double])
    case located(PathArrayLocation)

    public var count: Int {
        switch self {
        case .values(let v): v.count
        case .located(let l): l.count
        }
    }

    /// The values when they were read; empty when located.
    var values: [Double] {
        if case .values(let v) = self { return v }
        return []
    }
}

/// The number arrays of one path.
public struct PathColumns: Hashable, Sendable {
    public var xs: PathColumn, ys: PathColumn, losses: PathColumn, lrs: PathColumn

    public subscript(name: PathColumnName) -> PathColumn {
        switch name {
        case .xs: xs
        case .ys: ys
        case .losses: losses
        case .lrs: lrs
        }
    }
}

/// A path's number array read a piece at a time (``ManifestReader/Decoded/cursor(_:ofPath:)``).
struct ColumnCursor {
    private var cursor: NumberArrayCursor?
    private var values: [Double]
    private let expected: Int
    private let name: PathColumnName, path: Int
    private var read = 0

    init(column: PathColumn, source: JSONByteSource, name: PathColumnName, path: Int) {
        self.name = name; self.path = path
        switch column {
        case .values(let v): values = v; cursor = nil; expected = v.count
        case .located(let l): values = []; cursor = NumberArrayCursor(source: source, at: l.offset); expected = l.count
        }
    }

    /// The next piece of at most `limit` numbers (all of them for an array in memory); empty at the end.
    mutating func next(limit: Int) throws(ManifestError) -> [Double] {
        guard cursor != nil else {
            defer { values = [] }
            return values
        }
        // Moved out, so that its window is not copied when the parser reads on.
        var c = cursor!
        cursor = nil
        values.removeAll(keepingCapacity: true)
        do { try c.next(into: &values, limit: limit) } catch { throw ManifestError("not valid JSON: \(error)") }
        cursor = c
        read += values.count
        if c.done, read != expected {
            throw ManifestReader.Decoded.changed(name, ofPath: path, read: read, expected: expected)
        }
        return values
    }
}
