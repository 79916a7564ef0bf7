import Testing
@testable import MNIST

@Test func bundledSubsetHasTheDocumentedShape() throws {
    let data = try MNISTDataset.bundled()
    #expect(data.train.count == 4000 && data.test.count == 1000)
    #expect(data.train.rows == 28 && data.train.columns == 28 && data.train.features == 784)
    #expect(data.train.images.count == 4000 * 784 && data.test.images.count == 1000 * 784)
    #expect(data.train.images.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(data.train.images.contains(1) && data.train.images.contains(0))
    // 500 per class overall, 400 train and 100 test.
    for digit in UInt8(0)...9 {
        #expect(data.train.labels.count { $0 == digit } == 400)
        #expect(data.test.labels.count { $0 == digit } == 100)
    }
}

@Test func folderWithRawFilesLoads() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    _ = try dir.write("train-images-idx3-ubyte", imagesIDX(count: 3))
    _ = try dir.write("train-labels-idx1-ubyte", labelsIDX([0, 9, 5]))
    _ = try dir.write("t10k-images-idx3-ubyte", imagesIDX(count: 2))
    _ = try dir.write("t10k-labels-idx1-ubyte", labelsIDX([1, 2]))
    let data = try MNISTDataset.load(folder: dir.path)
    #expect(data.train.labels == [0, 9, 5] && data.test.labels == [1, 2])
    #expect(data.train.features == 6)
    #expect(data.train.images[5] == Float(5) / 255)
}

@Test func missingFolderIsNamed() {
    #expect(throws: MNISTError.missingFolder(path: "/nonexistent/mnist")) { try MNISTDataset.load(folder: "/nonexistent/mnist") }
}

@Test func missingFileListsBothAcceptedNames() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    _ = try dir.write("train-images-idx3-ubyte", imagesIDX(count: 3))
    #expect(throws: MNISTError.missingFile(folder: dir.path, names: ["train-labels-idx1-ubyte", "train-labels-idx1-ubyte.gz"])) {
        try MNISTDataset.load(folder: dir.path)
    }
}

@Test func imageAndLabelCountsMustAgree() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    let images = try dir.write("i", imagesIDX(count: 3))
    let labels = try dir.write("l", labelsIDX([1, 2]))
    #expect(throws: MNISTError.countMismatch(images: images, imageCount: 3, labels: labels, labelCount: 2)) {
        try MNISTSplit.load(images: images, labels: labels)
    }
}

@Test func labelsOutsideZeroToNineAreRefused() throws {
    let dir = try TempFolder(); defer { dir.cleanUp() }
    let images = try dir.write("i", imagesIDX(count: 3))
    let labels = try dir.write("l", labelsIDX([1, 10, 2]))
    #expect(throws: MNISTError.labelOutOfRange(path: labels, index: 1, value: 10)) {
        try MNISTSplit.load(images: images, labels: labels)
    }
}
