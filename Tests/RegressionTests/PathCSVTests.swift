import Optimizers
import Surfaces
import Testing
@testable import Regression

private func path(_ label: String, _ optimizer: String, _ points: [(Double, Double, Double)], divergedAt: Int? = nil) -> Trajectory {
    Trajectory(label: label, optimizer: optimizer, hyperparameters: Hyperparameters(), steps: points.count - 1,
               xs: points.map(\.0), ys: points.map(\.1), losses: points.map(\.2), divergedAt: divergedAt)
}

@Test func writesTheContractFormat() {
    var withRates = path("sgd", "sgd", [(-1.5, 2, 12.5), (0.1, -0.0, 1e-300)])
    withRates.lrs = [0.001]
    let csv = PathCSV.write([
        withRates,
        path("adam:lr=0.05,beta1=0.8", "adam", [(1.0 / 3, .leastNonzeroMagnitude, 2)]),
        path("say \"hi\"", "sgd", [(1, 2, 3), (4, 5, 6)]),
    ])
    // The last path recorded no rates: its lr fields are empty, as is every path's final row.
    #expect(csv == #"""
        label,optimizer,step,x,y,loss,lr
        sgd,sgd,0,-1.5,2,12.5,0.001
        sgd,sgd,1,0.1,-0,1e-300,
        "adam:lr=0.05,beta1=0.8",adam,0,0.3333333333333333,5e-324,2,
        "say ""hi""",sgd,0,1,2,3,
        "say ""hi""",sgd,1,4,5,6,

        """#)
}

@Test func runsGetAColumnAfterTheOptimizerAndRoundTrip() throws {
    var paths: [Trajectory] = []
    for run in 1...2 {
        var p = path("adam:lr=0.1@cosine:T_max=5", "adam", [(Double(run), 2, 3), (4, 5, 6), (7, 8, 9)])
        p.run = run; p.lrs = [0.1, 0.05]
        paths.append(p)
    }
    let csv = PathCSV.write(paths)
    #expect(csv.hasPrefix("label,optimizer,run,step,x,y,loss,lr\nadam:lr=0.1@cosine:T_max=5,adam,1,0,1,2,3,0.1\n"))
    let records = try PathCSV.read(csv)
    #expect(records == paths.map(PathRecord.init))
    #expect(records.map(\.run) == [1, 2] && records.map(\.key) == ["adam:lr=0.1@cosine:T_max=5 (run 1)", "adam:lr=0.1@cosine:T_max=5 (run 2)"])
    #expect(records[0].lrs == [0.1, 0.05])
}

@Test func filesWithoutRatesStillRead() throws {
    let old = "label,optimizer,step,x,y,loss\na,sgd,0,1,2,3\na,sgd,1,4,5,6\n"
    let r = try PathCSV.read(old)
    #expect(r == [PathRecord(label: "a", optimizer: "sgd", xs: [1, 4], ys: [2, 5], losses: [3, 6])] && r[0].lrs == nil)
    // Empty lr fields throughout: rates not recorded.
    #expect(try PathCSV.read("label,optimizer,step,x,y,loss,lr\na,sgd,0,1,2,3,\na,sgd,1,4,5,6,\n")[0].lrs == nil)
}

@Test func ratesMustBeOnEveryRowButTheLast() {
    let h = "label,optimizer,step,x,y,loss,lr\n"
    let cases: [(String, Int, String)] = [
        (h + "a,sgd,0,1,2,3,0.1\na,sgd,1,1,2,3,0.1\n", 3, "lr 0.1 on the final row of 'a'"),
        (h + "a,sgd,0,1,2,3,\na,sgd,1,1,2,3,0.1\na,sgd,2,1,2,3,\n", 4, "'a' has no lr at step 0"),
        (h + "a,sgd,0,1,2,3,fast\n", 2, "lr 'fast' is not a finite decimal number"),
        ("label,optimizer,run,step,x,y,loss,lr\na,sgd,0,0,1,2,3,\n", 2, "run '0' is not a whole number >= 1"),
        ("label,optimizer,run,step,x,y,loss,lr\na,sgd,1,0,1,2,3,\na,sgd,2,1,1,2,3,\n", 3, "'a' run 2 starts at step 1"),
    ]
    for (text, line, message) in cases {
        do {
            _ = try PathCSV.read(text)
            Issue.record("accepted: \(message)")
        } catch {
            #expect(error.line == line && error.message.contains(message), "\(error)")
        }
    }
}

@Test func roundTripsTrickyDoublesAndLabels() throws {
    let n = trickyDoubles.count
    let paths = [
        path("adam:lr=0.05,beta1=0.8", "adam", (0..<n).map { (trickyDoubles[$0], trickyDoubles[n - 1 - $0], abs(trickyDoubles[$0])) }),
        path("plain", "sgd", [(1, 2, 3), (4, 5, 6)]),
        path("a \"quoted\", label", "rmsprop", [(-0.0, 0.1, 1e-8)]),
        path("line\nbreak", "lion", [(7, 8, 9)]),
    ]
    let records = try PathCSV.read(PathCSV.write(paths))
    #expect(records.map(\.label) == paths.map(\.label))
    #expect(records.map(\.optimizer) == paths.map(\.optimizer))
    for (r, p) in zip(records, paths) {
        #expect(identical(r.xs, p.xs) && identical(r.ys, p.ys) && identical(r.losses, p.losses), "\(p.label)")
    }
}

@Test func tracedPathsRoundTripExactly() throws {
    let paths = [try tracePath("adam:lr=0.05,beta1=0.8", "adam", Hyperparameters([("lr", .number(0.05)), ("beta1", .number(0.8))])),
                 try tracePath("nesterov", "nesterov", Hyperparameters([("lr", .number(1e-3))]))]
    let records = try PathCSV.read(PathCSV.write(paths))
    #expect(records == paths.map(PathRecord.init))
    for (r, p) in zip(records, paths) { #expect(identical(r.xs, p.xs) && identical(r.ys, p.ys) && identical(r.losses, p.losses)) }
}

@Test func divergedPathEndsAtItsLastFinitePoint() throws {
    let t = try tracePath("sgd:lr=1", "sgd", Hyperparameters([("lr", .number(1))]), on: TestQuartic(), from: Point(10, 0), steps: 20)
    #expect(t.divergedAt == 4)  // x: 10, -3990, 2.5e11, -6.6e34, then x⁴ overflows
    let csv = PathCSV.write([t])
    #expect(csv.split(separator: "\n").count == 1 + t.xs.count)
    #expect(csv.split(separator: "\n").last?.hasPrefix("sgd:lr=1,sgd,3,") == true)
    #expect(try PathCSV.read(csv).first?.count == 4)
}

@Test func readerAcceptsCRLFInterleavingAndBOM() throws {
    let text = "\u{FEFF}label,optimizer,step,x,y,loss\r\na,sgd,0,1,2,3\r\nb,adam,0,4,5,6\r\na,sgd,1,7,8,9\r\n\r\n"
    let r = try PathCSV.read(text)
    #expect(r == [PathRecord(label: "a", optimizer: "sgd", xs: [1, 7], ys: [2, 8], losses: [3, 9]),
                  PathRecord(label: "b", optimizer: "adam", xs: [4], ys: [5], losses: [6])])
}

@Test func malformedInputGivesPositionedErrors() {
    let h = "label,optimizer,step,x,y,loss\n"
    let cases: [(String, Int, String)] = [
        ("", 1, "empty file"),
        ("label,step,x\n", 1, "expected the header"),
        (h + "a,sgd,0,1,2\n", 2, "expected 6 fields"),
        (h + "a,sgd,0,1,2,3\na,sgd,1,1,abc,3\n", 3, "y 'abc' is not a finite decimal number"),
        (h + "a,sgd,0,1,2,nan\n", 2, "loss 'nan'"),
        (h + "a,sgd,0,1,2,3\na,sgd,2,1,2,3\n", 3, "step 2 of 'a'; expected step 1"),
        (h + "a,sgd,1,1,2,3\n", 2, "starts at step 1"),
        (h + "a,sgd,-1,1,2,3\n", 2, "step '-1' is not a whole number"),
        (h + "a,sgd,0,1,2,3\na,adam,1,1,2,3\n", 3, "optimizer 'adam' for 'a'"),
        (h + "a,sgd,0,1,2,3\n\"a,b,sgd,0,1,2,3\n", 3, "unterminated quoted field"),
        (h + "\"a\"x,sgd,0,1,2,3\n", 2, "after a closing quote"),
        (h + "a\"b,sgd,0,1,2,3\n", 2, "inside an unquoted field"),
        (h + "\"multi\nline\",sgd,0,1,2,3\n\"multi\nline\",sgd,0,1,2,3\n", 4, "step 0 of 'multi\nline'; expected step 1"),
    ]
    for (text, line, message) in cases {
        do {
            _ = try PathCSV.read(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(text.debugDescription): \(error)")
            #expect(error.message.contains(message), "\(text.debugDescription): \(error)")
        }
    }
}

/// The byte-level reader gives what the String-per-field reader it replaced gave (kept in
/// PathCSVReferenceReader.swift): the same rows, values bit for bit, records, errors with their
/// lines and messages, and UTF-8 verdicts, read whole and in chunks of any size, on valid files
/// and on thousands of damaged ones.
@Suite struct PathCSVReaderMatchesTheReferenceTests {
    private enum Outcome: Equatable {
        case rows([String], records: [String])
        case failure(String, invalidUTF8: Bool)
    }

    private static func chunks(_ bytes: [UInt8], _ size: Int) -> () -> [UInt8]? {
        var offset = 0
        return {
            guard offset < bytes.count else { return nil }
            defer { offset += size }
            return Array(bytes[offset..<min(offset + size, bytes.count)])
        }
    }

    private func describe(_ r: (Int, Int, Double, Double, Double, Double)) -> String {
        "\(r.0) \(r.1) \([r.2, r.3, r.4, r.5].map { String($0.bitPattern, radix: 16) })"
    }

    private func new(_ rows: CSVRows) -> Outcome {
        var reader: PathCSVReader
        do { reader = try PathCSVReader(rows) } catch { return .failure("\(error)", invalidUTF8: false) }
        var out: [String] = []
        do {
            while let r = try reader.next() { out.append(describe((r.record, r.step, r.x, r.y, r.loss, r.rate))) }
            try reader.checkRates()
        } catch { return .failure("\(error)", invalidUTF8: reader.invalidUTF8) }
        if reader.invalidUTF8 { return .failure("", invalidUTF8: true) }
        return .rows(out, records: reader.records.map { "\($0.label)|\($0.optimizer)|\(String(describing: $0.run))|\($0.count)|\($0.hasRates)" })
    }

    private func reference(_ rows: ReferenceCSVRows) -> Outcome {
        var reader: ReferencePathCSVReader
        do { reader = try ReferencePathCSVReader(rows) } catch { return .failure("\(error)", invalidUTF8: false) }
        var out: [String] = []
        do {
            while let r = try reader.next() { out.append(describe((r.record, r.step, r.x, r.y, r.loss, r.rate))) }
            try reader.checkRates()
        } catch { return .failure("\(error)", invalidUTF8: reader.invalidUTF8) }
        if reader.invalidUTF8 { return .failure("", invalidUTF8: true) }
        return .rows(out, records: reader.records.map { "\($0.label)|\($0.optimizer)|\(String(describing: $0.run))|\($0.count)|\($0.hasRates)" })
    }

    private func check(_ bytes: [UInt8], _ note: String) {
        let expected = reference(ReferenceCSVRows(source: Self.chunks(bytes, 1 << 20)))
        for size in [1, 5, 1 << 20] {
            #expect(new(CSVRows(source: Self.chunks(bytes, size))) == expected, "\(note), chunks of \(size)")
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            #expect(new(CSVRows(text)) == reference(ReferenceCSVRows(text)), "\(note), whole")
        }
    }

    private func files() throws -> [String] {
        var runs: [Trajectory] = []
        for run in 1...2 {
            var p = try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))]), steps: 6)
            p.run = run
            runs.append(p)
        }
        let plain = [try tracePath("sgd", "sgd", .init([("lr", .number(1e-3))]), steps: 5),
                     try tracePath("say \"hi\"", "rmsprop", .init([("lr", .number(1e-2))]), steps: 4)]
        return [PathCSV.write(plain), PathCSV.write(runs),
                "label,optimizer,step,x,y,loss\r\nsgd,sgd,0,1,2,3\r\n\r\nsgd,sgd,1,1.5,-0,1e-300\r\n",
                "\u{FEFF}label,optimizer,step,x,y,loss,lr\n\"e\u{301}\",sgd,0,1,2,3,0.1\n\u{E9},sgd,1,1,2,3,\n"]
    }

    @Test func validFiles() throws {
        for (i, file) in try files().enumerated() { check(Array(file.utf8), "file \(i)") }
    }

    /// Each field of each row replaced by texts that are or are not numbers, counts, quotes.
    @Test func damagedFields() throws {
        let replacements = ["", "abc", "nan", "-inf", "1e400", "1e-400", "0x10", " 1", "1.", ".5", "+1", "-0", "1e", "1e+",
                            "99999999999999999999", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
                            "1,5", "\"quoted\"", "\"a\"\"b\"", "a\"b", "\"open", "\"x\"y", "é", "e\u{301}", "1\r2", "0.1",
                            "12345678901234567890.5e-3", "+0", "3", "2"]
        for (f, file) in try files().enumerated() {
            let lines = file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for l in lines.indices where l < 6 {
                let fields = lines[l].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                for k in fields.indices {
                    for r in replacements {
                        var damaged = lines
                        var row = fields
                        row[k] = r
                        damaged[l] = row.joined(separator: ",")
                        check(Array(damaged.joined(separator: "\n").utf8), "file \(f) line \(l) field \(k) '\(r)'")
                    }
                }
            }
        }
    }

    /// Random bytes (delimiters, digits, invalid UTF-8) written over random places.
    @Test func randomDamage() throws {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet: [UInt8] = Array(",\"\n\r0123456789.e-+x ".utf8) + [0xC3, 0xA9, 0xFF]
        for (f, file) in try files().enumerated() {
            let bytes = Array(file.utf8)
            for t in 0..<400 {
                var damaged = bytes
                for _ in 0..<(1 + next(3)) { damaged[next(damaged.count)] = alphabet[next(alphabet.count)] }
                check(damaged, "file \(f) case \(t)")
            }
        }
    }
}
