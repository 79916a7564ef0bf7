import Testing
@testable import MNIST

@Test func readsRawImagesAndLabels() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    let images = try readIDX(try dir.write("i", imagesIDX(count: 4)), kind: .images)
    #expect(images.shape == [4, 2, 3])
    #expect(images.bytes == (0..<24).map { UInt8($0) })
    let labels = try readIDX(try dir.write("l", labelsIDX([3, 1, 4, 1])), kind: .labels)
    #expect(labels.shape == [4])
    #expect(labels.bytes == [3, 1, 4, 1])
}

@Test func wrongMagicNamesTheFileAndBothNumbers() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    // A labels file where images are expected.
    let path = try dir.write("swapped", labelsIDX([1, 2]))
    #expect(throws: MNISTError.wrongMagic(path: path, found: 0x801, expected: 0x803)) {
        try readIDX(path, kind: .images)
    }
    let message = MNISTError.wrongMagic(path: path, found: 0x801, expected: 0x803).description
    #expect(message.contains(path) && message.contains("0x00000801") && message.contains("0x00000803"))
}

@Test func truncatedHeaderAndDataAreRefused() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    let short = try dir.write("short", [0, 0, 8])
    #expect(throws: MNISTError.truncated(path: short, expectedBytes: 16, actualBytes: 3)) { try readIDX(short, kind: .images) }
    let header = try dir.write("header", Array(imagesIDX(count: 1).prefix(10)))
    #expect(throws: MNISTError.truncated(path: header, expectedBytes: 16, actualBytes: 10)) { try readIDX(header, kind: .images) }
    let data = try dir.write("data", Array(imagesIDX(count: 2).dropLast(5)))
    #expect(throws: MNISTError.truncated(path: data, expectedBytes: 28, actualBytes: 23)) { try readIDX(data, kind: .images) }
}

@Test func extraBytesAreRefused() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    let path = try dir.write("long", labelsIDX([1, 2]) + [7])
    #expect(throws: MNISTError.trailingBytes(path: path, expectedBytes: 10, actualBytes: 11)) { try readIDX(path, kind: .labels) }
}

@Test func zeroSizedImagesAreRefused() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    let path = try dir.write("flat", idx(magic: 0x803, shape: [3, 0, 28], data: []))
    #expect(throws: MNISTError.badDimensions(path: path, detail: "0×28 pixels per image")) { try readIDX(path, kind: .images) }
}

@Test func missingFileIsNamed() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    #expect(throws: MNISTError.missingFile(folder: dir.path, names: ["nothing"])) {
        try readIDX(dir.path + "/nothing", kind: .labels)
    }
}

@Test func sizesWhoseProductOverflowsAreRefused() throws {
    // Found by fuzzing: the product of three 32-bit sizes overflowed Int and trapped; with 0 images,
    // rows × columns alone overflowed later in MNISTSplit.
    let dir = try TempFolder(); defer { dir.cleanUp() }
    for shape in [[0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], [0, 0xFFFF_FFFF, 0xFFFF_FFFF], [0x6161, 0x6161_6161, 0x6161_6161]] {
        let path = try dir.write("huge", idx(magic: 0x803, shape: shape, data: []))
        #expect(throws: MNISTError.self) { try readIDX(path, kind: .images) }
        do { _ = try readIDX(path, kind: .images) } catch {
            #expect(error.description.contains("more bytes than any file holds"))
        }
    }
}
