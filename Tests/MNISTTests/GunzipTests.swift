import Testing
@testable import MNIST

@Test func gzippedFilesAreRecognisedByTheirMagicWhateverTheirName() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    // The bundled labels file under a name without .gz.
    let path = try dir.write("labels", try bundledBytes("train-labels-idx1-ubyte.gz"))
    let labels = try readIDX(path, kind: .labels)
    #expect(labels.count == 4000)
    // Records are interleaved across classes: 0, 1, ..., 9, 0, 1, ...
    #expect(Array(labels.bytes.prefix(12)) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
}

@Test func concatenatedMembersDecompressToTheirConcatenation() throws {
    let member = try bundledBytes("t10k-labels-idx1-ubyte.gz")
    let once = try gunzip(member, path: "x")
    let twice = try gunzip(member + member, path: "x")
    #expect(twice == once + once)
}

@Test func decompressionIsBounded() throws {
    // The labels file decompresses to 1,008 bytes: a limit below that is an error, not a huge
    // allocation (the real limit, 1 GiB, bounds what a gzip bomb can cost).
    let member = try bundledBytes("t10k-labels-idx1-ubyte.gz")
    #expect(try gunzip(member, path: "x", limit: 1008).count == 1008)
    #expect(throws: MNISTError.self) { try gunzip(member, path: "x", limit: 1000) }
}

@Test func truncatedGzipIsRefused() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    let whole = try bundledBytes("train-images-idx3-ubyte.gz")
    let path = try dir.write("cut.gz", Array(whole.prefix(whole.count / 2)))
    #expect(throws: MNISTError.truncatedGzip(path: path)) { try readIDX(path, kind: .images) }
}

@Test func corruptGzipIsRefused() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    var bytes = try bundledBytes("t10k-images-idx3-ubyte.gz")
    // Damage the deflate data in the middle: invalid codes, or at worst a CRC mismatch.
    for i in stride(from: bytes.count / 2, to: bytes.count / 2 + 64, by: 1) { bytes[i] ^= 0x5a }
    let path = try dir.write("bad.gz", bytes)
    do {
        _ = try readIDX(path, kind: .images)
        Issue.record("a corrupt gzip file was accepted")
    } catch {
        guard case .corruptGzip(let p, _) = error else { Issue.record("unexpected error \(error)"); return }
        #expect(p == path)
        #expect(error.description.hasPrefix("'\(path)' is not a valid gzip file: "))
    }
}

@Test func garbageAfterTheStreamIsRefused() throws {
    let member = try bundledBytes("t10k-labels-idx1-ubyte.gz")
    #expect(throws: MNISTError.corruptGzip(path: "x", detail: "3 unexpected bytes after the end of the gzip stream")) {
        try gunzip(member + [1, 2, 3], path: "x")
    }
}
