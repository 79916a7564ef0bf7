import Foundation

/// One split of an MNIST-style dataset: images scaled to [0, 1] and their labels.
public struct MNISTSplit: Sendable {
    /// Number of records.
    public var count: Int
    /// Pixels per image (`rows × columns`, 784 for MNIST).
    public var features: Int
    public var rows: Int
    public var columns: Int
    /// `count × features` values in [0, 1] (byte / 255), row-major: image `i` is
    /// `images[i * features ..< (i + 1) * features]`.
    public var images: [Float]
    /// `count` labels in 0...9.
    public var labels: [UInt8]

    public init(rows: Int, columns: Int, images: [Float], labels: [UInt8]) {
        precondition(rows > 0 && columns > 0 && images.count == labels.count * rows * columns,
                     "images must hold rows × columns values per label")
        self.rows = rows; self.columns = columns; self.features = rows * columns
        self.count = labels.count; self.images = images; self.labels = labels
    }

    /// Reads and checks a pair of IDX files: magic numbers, sizes, matching counts, labels 0...9.
    ///
    /// - Throws: ``MNISTError`` naming the file at fault.
    public static func load(images imagesPath: String, labels labelsPath: String) throws(MNISTError) -> MNISTSplit {
        let images = try readIDX(imagesPath, kind: .images)
        let labels = try readIDX(labelsPath, kind: .labels)
        guard images.count == labels.count else {
            throw .countMismatch(images: imagesPath, imageCount: images.count, labels: labelsPath, labelCount: labels.count)
        }
        if let bad = labels.bytes.firstIndex(where: { $0 > 9 }) {
            throw .labelOutOfRange(path: labelsPath, index: bad, value: labels.bytes[bad])
        }
        // A division, not a multiplication by 1/255, so that values equal torch's `x.float() / 255` exactly.
        return MNISTSplit(rows: images.shape[1], columns: images.shape[2],
                          images: images.bytes.map { Float($0) / 255 }, labels: labels.bytes)
    }
}

/// A training split and a test split, read from the four standard MNIST files.
public struct MNISTDataset: Sendable {
    public var train: MNISTSplit
    public var test: MNISTSplit
    /// Where the files came from (a folder, or the bundled subset's folder).
    public var source: String

    public init(train: MNISTSplit, test: MNISTSplit, source: String) {
        self.train = train; self.test = test; self.source = source
    }

    /// The standard file names, without `.gz`: train images, train labels, test images, test labels.
    public static let standardNames = (
        trainImages: "train-images-idx3-ubyte", trainLabels: "train-labels-idx1-ubyte",
        testImages: "t10k-images-idx3-ubyte", testLabels: "t10k-labels-idx1-ubyte")

    /// Reads the four standard files from `folder`, each raw or gzipped (`NAME` is tried before
    /// `NAME.gz`): the full MNIST, Fashion-MNIST (`/usr/share/datasets/fashion-mnist`), or the subset.
    ///
    ///     let data = try MNISTDataset.load(folder: "/usr/share/datasets/fashion-mnist")
    ///     data.train.count   // 60000
    ///
    /// - Throws: ``MNISTError`` naming the folder or file at fault.
    public static func load(folder: String) throws(MNISTError) -> MNISTDataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingFolder(path: folder)
        }
        let n = standardNames
        let train = try MNISTSplit.load(images: try locate(n.trainImages, in: folder), labels: try locate(n.trainLabels, in: folder))
        let test = try MNISTSplit.load(images: try locate(n.testImages, in: folder), labels: try locate(n.testLabels, in: folder))
        guard train.rows == test.rows, train.columns == test.columns else {
            throw .shapeMismatch(train: folder + "/" + n.trainImages, test: folder + "/" + n.testImages,
                                 detail: "\(train.rows)×\(train.columns) against \(test.rows)×\(test.columns)")
        }
        return MNISTDataset(train: train, test: test, source: folder)
    }

    /// The 5,000-digit subset shipped inside trajviz (4,000 train, 1,000 test; see `Data/README.md`).
    ///
    /// - Throws: ``MNISTError/bundleMissing(searched:)`` when the resource bundle is not installed
    ///   beside the executable, or the file errors of ``load(folder:)``.
    public static func bundled() throws(MNISTError) -> MNISTDataset {
        try load(folder: try bundledDataFolder())
    }
}

/// `folder/name`, or `folder/name.gz`, whichever exists.
private func locate(_ name: String, in folder: String) throws(MNISTError) -> String {
    let candidates = [name, name + ".gz"]
    for c in candidates {
        let path = (folder as NSString).appendingPathComponent(c)
        if FileManager.default.fileExists(atPath: path) { return path }
    }
    throw .missingFile(folder: folder, names: candidates)
}
