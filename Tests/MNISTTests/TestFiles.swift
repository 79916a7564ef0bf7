import Foundation
@testable import MNIST

/// A fresh temporary folder for one test, removed by the caller with `cleanUp`.
struct TempFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "trajviz-mnist-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// An IDX file: big-endian magic and sizes, then the data.
func idx(magic: UInt32, shape: [Int], data: [UInt8]) -> [UInt8] {
    func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
    return be(magic) + shape.flatMap { be(UInt32($0)) } + data
}

func imagesIDX(count: Int, rows: Int = 2, columns: Int = 3) -> [UInt8] {
    idx(magic: 0x803, shape: [count, rows, columns], data: (0..<count * rows * columns).map { UInt8($0 % 256) })
}

func labelsIDX(_ labels: [UInt8]) -> [UInt8] { idx(magic: 0x801, shape: [labels.count], data: labels) }

/// The bytes of a file of the bundled subset.
func bundledBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: try bundledDataFolder() + "/" + name)))
}
