import Optimizers
import Surfaces

/// A manifest written as its paths are produced, in pieces, with the bytes of ``Manifest/encode()``.
///
/// A run of 18 paths × 1,000,000 steps records 72 million numbers; ``Manifest/encode()`` would
/// hold them all as `JSONValue`s, then as text. Here the writer sends ``head(_:pathCount:)``
/// (every member before the paths), then each path's ``pieces(of:start:isLast:numbersPerPiece:)``
/// in order (each piece appends its bytes; they can be formatted in parallel and written in
/// order), then ``tail(pathCount:)``:
///
///     var out = ManifestStream.head(manifest, pathCount: paths.count)
///     for (i, path) in paths.enumerated() {
///         for piece in ManifestStream.pieces(of: path, start: start, isLast: i == paths.count - 1) { piece(&out) }
///     }
///     out += ManifestStream.tail(pathCount: paths.count)      // == Manifest(..., trajectories: paths).encode()
public enum ManifestStream {
    /// Appends part of a manifest's bytes.
    public typealias Piece = @Sendable (inout [UInt8]) -> Void

    /// The bytes before the first path: every member of `manifest` but its paths (which are
    /// ignored), then `"paths": [` (or the whole empty list and the end when `pathCount` is 0).
    public static func head(_ manifest: Manifest, pathCount: Int) -> [UInt8] {
        guard case .object(let members) = manifest.json else { preconditionFailure("a manifest is an object") }
        var out = Array("{\n".utf8)
        for member in members where member.key != "paths" {
            out += Array("  ".utf8)
            JSONValue.writeString(member.key, into: &out)
            out += Array(": ".utf8)
            member.value.write(into: &out, indent: 2)
            out += Array(",\n".utf8)
        }
        precondition(members.last?.key == "paths", "the paths are the manifest's last member")
        out += Array("  \"paths\": ".utf8)
        out += Array((pathCount == 0 ? "[]\n}\n" : "[\n").utf8)
        return out
    }

    /// The bytes after the last path (none when there are no paths: ``head(_:pathCount:)`` ended the document).
    public static func tail(pathCount: Int) -> [UInt8] {
        pathCount == 0 ? [] : Array("  ]\n}\n".utf8)
    }

    /// The pieces of one path of the `paths` list, traced from `start`; `isLast` for the final
    /// path (no comma after it). Each array of numbers is split into pieces of at most
    /// `numbersPerPiece` numbers.
    public static func pieces(of trajectory: Trajectory, start: Point, isLast: Bool,
                              numbersPerPiece: Int = 1 << 16) -> [Piece] {
        precondition(numbersPerPiece > 0, "a piece holds at least one number")
        var path = ManifestPath(trajectory, start: start)
        let arrays: [(String, [Double])] = [("xs", path.xs), ("ys", path.ys), ("losses", path.losses), ("lrs", path.lrs)]
        path.xs = []; path.ys = []; path.losses = []; path.lrs = []
        guard case .object(let members) = path.json else { preconditionFailure("a path is an object") }
        // Members at indent 6 inside an object at indent 4, as JSONValue's pretty printer lays them out.
        var opening = Array("    {\n".utf8)
        for member in members where !arrays.contains(where: { $0.0 == member.key }) {
            opening += Array("      ".utf8)
            JSONValue.writeString(member.key, into: &opening)
            opening += Array(": ".utf8)
            member.value.write(into: &opening, indent: 6)
            opening += Array(",\n".utf8)
        }
        precondition(members.suffix(4).map { $0.key } == arrays.map { $0.0 }, "the number arrays end a path")
        var pieces: [Piece] = []
        var pending = opening
        for (k, (name, values)) in arrays.enumerated() {
            pending += Array("      \"\(name)\": ".utf8)
            if values.isEmpty {
                pending += Array("[]".utf8)
            } else {
                pending.append(UInt8(ascii: "["))
                let bytes = pending
                pieces.append { $0 += bytes }
                pending = []
                for from in stride(from: 0, to: values.count, by: numbersPerPiece) {
                    let range = from..<min(from + numbersPerPiece, values.count)
                    pieces.append { out in appendNumbers(values[range], separatorFirst: range.lowerBound > 0, to: &out) }
                }
                pending.append(UInt8(ascii: "]"))
            }
            pending += Array((k + 1 < arrays.count ? ",\n" : "\n").utf8)
        }
        pending += Array((isLast ? "    }\n" : "    },\n").utf8)
        let closing = pending
        pieces.append { $0 += closing }
        return pieces
    }

    /// `a, b, c` as JSONValue writes numbers (`null` for a value that is not finite).
    private static func appendNumbers(_ values: ArraySlice<Double>, separatorFirst: Bool, to out: inout [UInt8]) {
        var first = !separatorFirst
        for v in values {
            if !first { out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: " ")) }
            first = false
            if v.isFinite { DecimalBytes.append(v, to: &out) } else { out += Array("null".utf8) }
        }
    }
}
