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
