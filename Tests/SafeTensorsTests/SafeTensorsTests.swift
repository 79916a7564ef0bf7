import Foundation
import Testing
@testable import SafeTensors

private func reference() throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/reference", withExtension: "safetensors"))
    return Array(try Data(contentsOf: url))
}

/// A file with `header` (padded as given) and `data` bytes.
private func file(_ header: String, data: [UInt8] = []) -> [UInt8] {
    let h = Array(header.utf8)
    return (0..<8).map { UInt8(truncatingIfNeeded: UInt64(h.count) >> (8 * UInt64($0))) } + h + data
}

private func message(_ bytes: [UInt8]) -> String? {
    do { _ = try SafeTensorsFile(bytes: bytes); return nil } catch { return error.description }
}

/// Written by the safetensors library (scripts/models/gen_safetensors_fixture.py).
@Test func readsWhatTheReferenceLibraryWrites() throws {
    let f = try SafeTensorsFile(bytes: try reference())
    #expect(f.tensors.map(\.name) == ["b", "a", "c"])          // in data order
    #expect(f.metadata == ["format": "pt", "note": "é\n"])
    #expect(try f.floats("a") == [-1, -0.5, 0, 0.5, 1, 1.5])
    #expect(f.tensor("a")?.shape == [2, 3] && f.tensor("b")?.dtype == .f64 && f.tensor("c")?.count == 0)
    #expect(try f.floats("c") == [])
    #expect(throws: SafeTensorsError.wrongDType(name: "b", dtype: "F64")) { try f.floats("b") }
    #expect(throws: SafeTensorsError.noTensor("d")) { try f.floats("d") }
}

@Test func writtenFilesReadBackAndAreAligned() throws {
    let values: [Float] = [1, -2.5, .pi, 0, -0.0, .greatestFiniteMagnitude]
    let bytes = SafeTensorsFile.encode([("0.weight", [2, 3], values), ("na\"me", [1], [7])], metadata: ["trajviz.label": "adam:lr=0.01,beta1=0.8"])
    let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    #expect((8 + headerLength) % 8 == 0)
    let f = try SafeTensorsFile(bytes: bytes)
    #expect(try f.floats("0.weight").map(\.bitPattern) == values.map(\.bitPattern))
    #expect(try f.floats("na\"me") == [7])
    #expect(f.metadata["trajviz.label"] == "adam:lr=0.01,beta1=0.8")
    #expect(SafeTensorsFile.encode([("x", [2], [1, 2])]) == SafeTensorsFile.encode([("x", [2], [1, 2])]))
}

/// Every way a file can be wrong gets one line naming it, never a trap.
@Test(arguments: [
    ([UInt8](), "truncated safetensors file: the file has 0 bytes; a safetensors file starts with an 8-byte header length"),
    ([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x7b], "invalid safetensors header: the header length 9223372036854775807 is above the limit of 16777216 bytes"),
    ([0x10, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d], "truncated safetensors file: the header length 16 runs past the end of the file (10 bytes)"),
    (file("[1]"), "invalid safetensors header: the header does not start with '{'"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", data: [0, 0, 0, 0]),
     "invalid safetensors header: the header is not valid JSON: unexpected end at byte 53 of the header"),
    (file("{\"a\":1,\"a\":2}"), "invalid safetensors header: the header is not valid JSON: the key 'a' appears twice at byte 10 of the header"),
    (file("{\"a\":{\"dtype\":\"F17\",\"shape\":[],\"data_offsets\":[0,4]}}"),
     "invalid safetensors header: tensor 'a': unknown dtype 'F17'; known: BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}"),
     "invalid safetensors header: the header is not valid JSON: a number is not whole at byte 30 of the header"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}"),
     "invalid safetensors header: tensor 'a': shape holds something other than whole numbers >= 0"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0]),
     "invalid safetensors data layout: tensor 'a': F32 [2] needs 8 bytes but data_offsets give 4"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}"),
     "invalid safetensors header: tensor 'a': shape [4611686018427387904, 4] is too large"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}"),
     "invalid safetensors header: tensor 'a': data_offsets must be [begin, end] with begin <= end"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", data: Array(repeating: 0, count: 8)),
     "invalid safetensors data layout: tensor 'b' overlaps the tensor before it (bytes 4..<8)"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", data: Array(repeating: 0, count: 8)),
     "invalid safetensors data layout: the data has a gap before tensor 'a' (bytes 0..<4 belong to no tensor)"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data: Array(repeating: 0, count: 6)),
     "invalid safetensors data layout: the file has 2 bytes after the last tensor's data"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}", data: Array(repeating: 0, count: 6)),
     "truncated safetensors file: the tensors need 12 bytes of data but the file holds 6"),
    (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", data: [0, 0, 0, 0]),
     "invalid safetensors header: tensor 'a' has an unknown field 'x'; expected dtype, shape, data_offsets"),
    (file("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0]), "invalid safetensors header: tensor 'a' has no dtype"),
    (file("{\"__metadata__\":{\"k\":1}}"), "invalid safetensors header: __metadata__ 'k' is not a string"),
    (file("{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"),
     "invalid safetensors header: the header is not valid JSON: nested more than 64 levels deep at byte 68 of the header"),
    (file("{\"a\\ud800\":1}"), "invalid safetensors header: the header is not valid JSON: a lone surrogate in a string at byte 9 of the header"),
    (file("{\"a\":1} x"), "invalid safetensors header: the header is not valid JSON: unexpected text after the JSON value at byte 8 of the header"),
    (file("{\"\u{1}\":1}"), "invalid safetensors header: the header is not valid JSON: a control character in a string at byte 2 of the header"),
] as [([UInt8], String)])
func hostileFilesGetOneLine(_ bytes: [UInt8], _ expected: String) {
    #expect(message(bytes) == expected)
}

@Test func invalidUTF8IsRefused() {
    var bytes = file("{\"ab\":1}")
    bytes[10] = 0xff
    #expect(message(bytes) == "invalid safetensors header: the header is not valid JSON: invalid UTF-8 at byte 2 of the header")
    #expect(message(file("{}  \n ")) == nil)   // padding after the object is allowed, an empty file of tensors too
}

/// 5,000 seeded mutations of real files (bytes flipped, cut, duplicated, header length changed): each
/// reads or throws, and whatever reads keeps its promises (ranges inside the data, counts that fit).
@Test func mutatedFilesNeverTrap() throws {
    let seeds = [try reference(), SafeTensorsFile.encode([("0.weight", [3, 2], [1, 2, 3, 4, 5, 6]), ("0.bias", [3], [0, 0, 0])], metadata: ["a": "b"])]
    var state: UInt64 = 42
    func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(max(1, n)))
    }
    var read = 0
    for k in 0..<5000 {
        var b = seeds[k % 2]
        for _ in 0...next(3) {
            switch next(5) {
            case 0 where !b.isEmpty: b[next(b.count)] = UInt8(next(256))
            case 1 where !b.isEmpty: b.removeSubrange(next(b.count)...)
            case 2 where !b.isEmpty: let i = next(b.count); b.insert(contentsOf: b[i ..< min(b.count, i + next(16))], at: i)
            case 3 where b.count >= 8: b[next(8)] = UInt8(next(256))
            default: if !b.isEmpty { b[(8 + next(max(1, b.count - 8))) % b.count] = [0x22, 0x2c, 0x5b, 0x7d, 0x30, 0x2d][next(6)] }
            }
        }
        if let f = try? SafeTensorsFile(bytes: b) {
            read += 1
            for t in f.tensors where t.dtype == .f32 { #expect((try? f.floats(t.name))?.count == t.count) }
        }
    }
    #expect(read > 0)
}
