import Surfaces
import Testing
@testable import Regression

@Test func loadsEitherFormatByExtension() throws {
    let paths = [try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))])),
                 try tracePath("sgd", "sgd", .init([("lr", .number(1e-3))]))]
    let csv = Array(PathCSV.write(paths).utf8)
    let json = Manifest(surface: TestValley(), start: Point(-1.5, 2), trajectories: paths).encode()
    let expected = paths.map(PathRecord.init)
    #expect(try PathRecord.load(csv, name: "run.csv") == expected)
    #expect(try PathRecord.load(json, name: "dir/Run.JSON") == expected)
}

@Test func loadErrorsNameTheFileAndTheProblem() {
    func message(_ bytes: [UInt8], _ name: String) -> String? {
        do { _ = try PathRecord.load(bytes, name: name); return nil } catch { return error.message }
    }
    #expect(message([], "a.png")?.contains("a.png: unknown path file type; accepted: .csv, .json") == true)
    #expect(message(Array("label,x\n".utf8), "a.csv")?.hasPrefix("a.csv: line 1: expected the header") == true)
    #expect(message([0xFF, 0xFE], "a.csv") == "a.csv: not UTF-8 text")
    #expect(message(Array("{".utf8), "b.json")?.hasPrefix("b.json: not valid JSON: line 1, column 2") == true)
}
