import Optimizers
import Surfaces
import Testing
@testable import Regression

/// Comparing two CSVs row by row gives the comparison of the records read whole, on equal,
/// shifted, reordered, interleaved, shorter and longer files, in chunks of any size; problems
/// are reported as reading them whole reports them, A's first.
@Suite struct ComparePathCSVsTests {
    private func rows(_ text: String, chunk: Int) -> CSVRows {
        let bytes = Array(text.utf8)
        var offset = 0
        return CSVRows(source: {
            guard offset < bytes.count else { return nil }
            defer { offset += chunk }
            return Array(bytes[offset..<min(offset + chunk, bytes.count)])
        })
    }

    private func streamed(_ a: String, _ b: String, chunk: Int, rtol: Double = 1e-9, atol: Double = 1e-12) throws(PathFileError) -> PathComparison {
        try comparePathCSVs(expected: rows(a, chunk: chunk), named: "a.csv", actual: rows(b, chunk: chunk), named: "b.csv",
                            rtol: rtol, atol: atol)
    }

    private func whole(_ a: String, _ b: String, rtol: Double = 1e-9, atol: Double = 1e-12) throws -> PathComparison {
        comparePaths(expected: try PathCSV.read(a), actual: try PathCSV.read(b), rtol: rtol, atol: atol)
    }

    private func paths() throws -> [Trajectory] {
        [try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))]), steps: 60),
         try tracePath("sgd", "sgd", .init([("lr", .number(1e-3))]), steps: 40),
         try tracePath("rmsprop", "rmsprop", .init([("lr", .number(1e-2))]), steps: 50)]
    }

    /// Interleaves the rows of a CSV's paths (each path's own order kept), as a hand-made file may.
    private func interleaved(_ csv: String) -> String {
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst()
        var byLabel: [String: [String]] = [:], order: [String] = []
        for line in lines where !line.isEmpty {
            let label = line.hasPrefix("\"") ? String(line.prefix(24)) : String(line.prefix { $0 != "," })
            if byLabel[label] == nil { order.append(label) }
            byLabel[label, default: []].append(line)
        }
        var out = [header]
        var k = 0
        while byLabel.values.contains(where: { !$0.isEmpty }) {
            for label in order where !(byLabel[label]!.isEmpty) && k % (order.firstIndex(of: label)! + 1) == 0 {
                out.append(byLabel[label]!.removeFirst())
            }
            k += 1
        }
        return out.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [1, 7, 4096])
    func sameResultAsReadingWhole(_ chunk: Int) throws {
        let p = try paths()
        let a = PathCSV.write(p)
        var moved = p
        moved[1].ys[17] *= 1 + 1e-6; moved[1].xs[30] += 1e-3
        moved[2].lrs[5] *= 2
        var shorter = p
        shorter[0].xs.removeLast(5); shorter[0].ys.removeLast(5); shorter[0].losses.removeLast(5); shorter[0].lrs.removeLast(5)
        var noRates = p
        for i in noRates.indices { noRates[i].lrs = [] }
        let cases: [String] = [
            a, PathCSV.write(moved), PathCSV.write(shorter), PathCSV.write(Array(p.reversed())),
            PathCSV.write([p[0], p[2]]), PathCSV.write(p + [try tracePath("extra", "sgd", .init([("lr", .number(1e-3))]))]),
            PathCSV.write(noRates), interleaved(PathCSV.write(moved)),
            PathCSV.write(Array(moved.reversed())).replacingOccurrences(of: PathCSV.header, with: PathCSV.legacyHeader)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("label") ? String($0) : String($0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")) }
                .joined(separator: "\n"),
        ]
        for (i, x) in cases.enumerated() {
            for (j, y) in cases.enumerated() where (i + j) % 2 == 0 || i == 0 || j == 0 {
                let expected = try whole(x, y)
                #expect(try streamed(x, y, chunk: chunk) == expected, "cases \(i) and \(j)")
                #expect(try streamed(x, y, chunk: chunk, rtol: 0, atol: 1e-4) == (try whole(x, y, rtol: 0, atol: 1e-4)))
            }
        }
        #expect(!(try streamed(a, PathCSV.write(moved), chunk: chunk)).agrees)
    }

    @Test func problemsAreReportedAsReadingWholeReportsThem() throws {
        let good = PathCSV.write(try paths())
        let badStep = good.replacingOccurrences(of: "\nsgd,sgd,3,", with: "\nsgd,sgd,4,")
        let finalRate = good + "extra,sgd,0,1,2,3,0.1\n"
        let cases: [(String, String, String)] = [
            (badStep, good, "a.csv: "), (good, badStep, "b.csv: "), (badStep, badStep, "a.csv: "),
            (good, finalRate, "b.csv: "), (finalRate, badStep, "a.csv: "), ("", good, "a.csv: "), (good, "x,y\n", "b.csv: "),
        ]
        for (a, b, file) in cases {
            var expected = ""
            do {
                _ = try PathCSV.read(a)
                do { _ = try PathCSV.read(b) } catch { expected = "b.csv: \(error)" }
            } catch { expected = "a.csv: \(error)" }
            #expect(expected.hasPrefix(file))
            for chunk in [3, 1 << 16] {
                #expect(throws: PathFileError(expected)) { try streamed(a, b, chunk: chunk) }
            }
        }
        var invalid = Array(good.utf8)
        invalid[invalid.count - 8] = 0xFF
        var offset = 0
        let source = CSVRows(source: { defer { offset = invalid.count }; return offset < invalid.count ? invalid : nil })
        #expect(throws: PathFileError("b.csv: not UTF-8 text")) {
            try comparePathCSVs(expected: rows(good, chunk: 100), named: "a.csv", actual: source, named: "b.csv")
        }
    }
}
