import Optimizers
import Surfaces
import Testing
@testable import Regression

private func path(_ label: String, _ optimizer: String, _ points: [(Double, Double, Double)], divergedAt: Int? = nil) -> Trajectory {
    Trajectory(label: label, optimizer: optimizer, hyperparameters: Hyperparameters(), steps: points.count - 1,
               xs: points.map(\.0), ys: points.map(\.1), losses: points.map(\.2), divergedAt: divergedAt)
}

@Test func writesTheContractFormat() {
    let csv = PathCSV.write([
        path("sgd", "sgd", [(-1.5, 2, 12.5), (0.1, -0.0, 1e-300)]),
        path("adam:lr=0.05,beta1=0.8", "adam", [(1.0 / 3, .leastNonzeroMagnitude, 2)]),
        path("say \"hi\"", "sgd", [(1, 2, 3)]),
    ])
    #expect(csv == #"""
        label,optimizer,step,x,y,loss
        sgd,sgd,0,-1.5,2,12.5
        sgd,sgd,1,0.1,-0,1e-300
        "adam:lr=0.05,beta1=0.8",adam,0,0.3333333333333333,5e-324,2
        "say ""hi""",sgd,0,1,2,3

        """#)
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
