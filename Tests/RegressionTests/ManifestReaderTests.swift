import Foundation
import Optimizers
import Stepping
import Surfaces
import Testing
@testable import Regression

/// A source that hands over at most `chunk` bytes a read, so that windows end anywhere: inside a
/// number, a string, an escape, between `\r` and `\n`.
private final class ChunkedSource: JSONByteSource {
    let bytes: [UInt8]
    let chunk: Int
    init(_ bytes: [UInt8], chunk: Int) { self.bytes = bytes; self.chunk = chunk }
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard offset < bytes.count else { return 0 }
        let n = min(buffer.count, chunk, bytes.count - offset)
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        return n
    }
}

/// What the whole-file reader gives: the manifest, or its message.
private func decodedWhole(_ bytes: [UInt8]) -> Result<Manifest, ManifestError> {
    do { return .success(try Manifest.decode(bytes)) } catch { return .failure(error) }
}

/// What the streaming reader gives, with every path's arrays read back in pieces of `piece`.
private func decodedStreaming(_ bytes: [UInt8], chunk: Int, piece: Int = 3) -> Result<Manifest, ManifestError> {
    do {
        let decoded = try ManifestReader.open(ChunkedSource(bytes, chunk: chunk))
        var m = decoded.manifest
        for i in m.paths.indices {
            for column in PathColumnName.allCases {
                var values: [Double] = []
                try decoded.read(column, ofPath: i, piece: piece) { values.append(contentsOf: $0) }
                #expect(values.count == decoded.columns[i][column].count)
                switch column {
                case .xs: m.paths[i].xs = values
                case .ys: m.paths[i].ys = values
                case .losses: m.paths[i].losses = values
                case .lrs: m.paths[i].lrs = values
                }
            }
        }
        #expect(try m == decoded.whole())
        return .success(m)
    } catch {
        return .failure(error)
    }
}

private func sameOutcome(_ bytes: [UInt8], chunks: [Int] = [1, 7, 4096, 1 << 20], sourceLocation: SourceLocation = #_sourceLocation) {
    let whole = decodedWhole(bytes)
    for chunk in chunks {
        let streamed = decodedStreaming(bytes, chunk: chunk)
        switch (whole, streamed) {
        case let (.success(a), .success(b)):
            #expect(a == b, "chunk \(chunk)", sourceLocation: sourceLocation)
            for (p, q) in zip(a.paths, b.paths) {
                #expect(identical(p.xs, q.xs) && identical(p.ys, q.ys) && identical(p.losses, q.losses) && identical(p.lrs, q.lrs),
                        "chunk \(chunk): numbers bit for bit", sourceLocation: sourceLocation)
            }
        case let (.failure(a), .failure(b)):
            #expect(a.message == b.message, "chunk \(chunk)", sourceLocation: sourceLocation)
        default:
            Issue.record("chunk \(chunk): whole \(whole), streamed \(streamed)", sourceLocation: sourceLocation)
        }
    }
}

/// The manifests of runs like trajviz writes them: paths that diverge, schedules, runs, styles,
/// noise, a file surface's definition, a study's record after the paths.
private func generatedManifests() throws -> [[UInt8]] {
    var paths = [
        try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))]), steps: 300),
        try tracePath("rmsprop:centered=true", "rmsprop", .init([("lr", .number(1e-3)), ("centered", .flag(true))]), steps: 17),
        try tracePath("sgd:lr=1", "sgd", .init([("lr", .number(1))]), on: TestQuartic(), from: Point(10, 0), steps: 20),
        try tracePath("sgd \"quoted\", comma", "sgd", .init([("lr", .number(1e-3))]), steps: 0),
        try tracePath("momentum", "momentum", steps: 1),
    ]
    paths[0].schedule = "cosine:T_max=300"; paths[0].run = 2
    paths[1].appearance = PathAppearance(label: "RMS\nprop ²", color: nil)
    let figure: JSONValue = .object([("layout", .string("both")), ("levels", .number(30))])
    let definition: JSONValue = .object([("name", .string("valley")), ("f", .string("(1-x)^2"))])
    let noise = GradientNoise(sigma: 0.5, decay: 0.55, seed: 7)
    let study: JSONValue = .object([("kind", .string("tune")), ("budget", .number(8)), ("xs", .array([.number(1)]))])
    var out: [[UInt8]] = []
    for (definition, noise, runs, study) in [(nil, nil, nil, nil), (definition, noise, 3, nil), (nil, nil, nil, study)]
        as [(JSONValue?, GradientNoise?, Int?, JSONValue?)] {
        for count in [0, 1, paths.count] {
            out.append(Manifest(surface: TestValley(), definition: definition, start: Point(-1.5, 2),
                                trajectories: Array(paths.prefix(count)), figure: figure, noise: noise, runs: runs,
                                study: study).encode())
        }
    }
    return out
}

@Suite struct ManifestReaderTests {
    @Test func generatedManifestsReadAsWhole() throws {
        for bytes in try generatedManifests() { sameOutcome(bytes, chunks: [13, 4096, 1 << 20]) }
    }

    /// Hand-written: members in another order (the paths first), format 1 without rates, empty
    /// arrays, a byte order mark, CR LF line ends, spaces inside the arrays.
    @Test func handWrittenManifestsReadAsWhole() {
        let texts = [
            """
            {"paths": [{"xs": [ 0 , 1 ], "ys": [0,1], "losses": [0.5,
            0.25], "label": "sgd", "optimizer": "sgd", "hyperparameters": {"lr": 0.1}, "start": [0, 0], "steps": 1,
            "diverged_at": null}], "format": 1, "trajviz_version": "0.1.0",
            "surface": {"name": "s", "title": "S", "formula": "x", "domain": {"x": [0, 1], "y": [0, 1]}}}
            """,
            "\u{FEFF}" + valid.replacingOccurrences(of: "\n", with: "\r\n"),
            valid.replacingOccurrences(of: "\"steps\": 1, \"diverged_at\": null, \"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1]",
                                       with: "\"steps\": 1, \"diverged_at\": 0, \"xs\": [], \"ys\": [], \"losses\": [], \"lrs\": []"),
            valid.replacingOccurrences(of: "\"losses\": [0, 1]}", with: "\"losses\": [0, 1], \"lrs\": [-2.5e-3]}"),
            valid.replacingOccurrences(of: "\"xs\": [0, 1]", with: "\"xs\": [1.7976931348623157e308, -5e-324]"),
        ]
        for text in texts { sameOutcome(Array(text.utf8)) }
    }

    /// Errors anywhere, in the paths' arrays above all: the same message, line and column.
    @Test func errorsAreTheWholeReadersErrors() {
        let arrays = "\"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1]"
        let broken = [
            "\"xs\": [0, 1, 2], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 1], \"ys\": [0, \"1\"], \"losses\": [0, 1]",
            "\"xs\": [0, 1], \"ys\": [0, null], \"losses\": [0, 1]",
            "\"xs\": [0, 1], \"ys\": [0, [1]], \"losses\": [0, 1]",
            "\"xs\": [0, 1e999], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 1e-999], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 01], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 1.], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 1e+], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, -], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, +1], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0,, 1], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0 1], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 1,], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, NaN], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 1], \"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1]",
            "\"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1], \"lrs\": [0.1, 0.2]",
            "\"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1], \"lrs\": [0.1, true]",
            "\"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1], \"lrs\": 0.1",
            "\"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0]",
            "\"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1",
            "\"xs\": [0, 1], \"ys\": [0, 1], \"losses\": [0, 1]}, 7",
        ]
        var texts = broken.map { valid.replacingOccurrences(of: arrays, with: $0) }
        texts += [
            String(valid.prefix(valid.count - 20)),           // cut inside the arrays
            valid + " x",                                     // text after the end
            valid.replacingOccurrences(of: "\"format\": 1, ", with: ""),
            valid.replacingOccurrences(of: "\"label\": \"sgd\"", with: "\"label\": \"s\\u00e9\\ud83d\\ude00\\q\""),
            valid.replacingOccurrences(of: "\"steps\": 1", with: "\"steps\": 3"),
            "", "[", "{\"paths\": [1, {\"xs\": [1, 2]}], \"paths\": 2}", "\u{FEFF}{\"paths\": [{\"xs\": [1, 2]",
        ]
        for text in texts {
            #expect(throws: ManifestError.self) { try Manifest.decode(Array(text.utf8)) }
            sameOutcome(Array(text.utf8))
        }
    }

    /// Every JSON file of the tests (manifests refused by the fuzzer, torch's reference paths, a
    /// landscape record): the same manifest or the same refusal, and the same tree.
    @Test func everyJSONFixtureReadsAsWhole() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let files = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
        #expect(files.count >= 5)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            sameOutcome(bytes, chunks: [4093, 1 << 20])
            let reader = try ManifestReader(ChunkedSource(bytes, chunk: 65_521))
            #expect(reader.json == (try Manifest.document(bytes)).json, "\(file.lastPathComponent)")
        }
    }

    /// A path's numbers are located, not kept: the manifest the reader decodes holds none of them.
    @Test func numbersStayInTheFile() throws {
        let bytes = try generatedManifests()[2]
        let decoded = try ManifestReader.open(JSONBytes(bytes))
        let whole = try Manifest.decode(bytes)
        #expect(decoded.manifest.paths.allSatisfy { $0.xs.isEmpty && $0.ys.isEmpty && $0.losses.isEmpty && $0.lrs.isEmpty })
        for (i, p) in whole.paths.enumerated() {
            #expect(decoded.columns[i].xs.count == p.xs.count && decoded.columns[i].lrs.count == p.lrs.count)
            #expect(decoded.hasRates(ofPath: i) == (p.record.lrs != nil))
        }
    }

    /// A file that changes between the two readings is refused, not misread.
    @Test func aFileChangedBetweenReadingsIsRefused() throws {
        let source = MutableSource(Array(valid.utf8))
        let decoded = try ManifestReader.open(source)
        source.bytes = Array(valid.replacingOccurrences(of: "\"xs\": [0, 1]", with: "\"xs\": [0, 1, 2, 3]").utf8)
        #expect(throws: ManifestError.self) { try decoded.values(.xs, ofPath: 0) }
        source.bytes = Array(valid.replacingOccurrences(of: "\"xs\": [0, 1]", with: "\"xs\":[0,true]").utf8)
        #expect(throws: ManifestError.self) { try decoded.values(.xs, ofPath: 0) }
    }
}

private final class MutableSource: JSONByteSource {
    var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        JSONBytes(bytes).read(at: offset, into: buffer)
    }
}

/// A valid manifest with one two-point path (as in ManifestDecodingTests), to break.
private let valid = """
    {"format": 1, "trajviz_version": "0.1.0",
     "surface": {"name": "s", "title": "S", "formula": "x", "domain": {"x": [0, 1], "y": [0, 1]}},
     "paths": [{"label": "sgd", "optimizer": "sgd", "hyperparameters": {"lr": 0.1, "nesterov": false},
                "start": [0, 0], "steps": 1, "diverged_at": null, "xs": [0, 1], "ys": [0, 1], "losses": [0, 1]}]}
    """
