import Testing
@testable import Regression

private func records() throws -> [PathRecord] {
    [try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))])),
     try tracePath("sgd", "sgd", .init([("lr", .number(1e-3))])),
     try tracePath("rmsprop", "rmsprop", .init([("lr", .number(1e-2))]))].map(PathRecord.init)
}

@Test func identicalPathsAgree() throws {
    let a = try records()
    let c = comparePaths(expected: a, actual: a)
    #expect(c.agrees)
    #expect(c.agreeing == a.map(\.label))
    #expect(c.report == "paths agree (rtol 1e-09, atol 1e-12): 3 paths\n")
    // Also after a trip through both file formats.
    #expect(comparePaths(expected: try PathCSV.read(PathCSV.write([try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))]))])), actual: [a[0]], rtol: 0, atol: 0).agrees)
}

@Test func aRelativeChangeOf1e6IsFoundAndNamed() throws {
    let a = try records()
    var b = a
    b[1].ys[17] *= 1 + 1e-6
    let c = comparePaths(expected: a, actual: b)
    #expect(!c.agrees)
    #expect(c.deviations.count == 1)
    let d = try #require(c.deviations.first)
    #expect(d.label == "sgd" && d.firstStep == 17 && d.firstCoordinate == "y" && d.outOfTolerance == 1)
    #expect(d.maxAbsoluteStep == 17)
    #expect(abs(d.maxAbsolute - abs(a[1].ys[17]) * 1e-6) < 1e-12)
    #expect(abs(d.maxRelative - 1e-6 / (1 + 1e-6)) < 1e-15)  // relative to b = a·(1 + 1e-6)
    #expect(c.agreeing == ["adam:lr=0.05,beta1=0.8", "rmsprop"])
    let lines = c.report.split(separator: "\n")
    #expect(lines.first == "paths differ (rtol 1e-09, atol 1e-12): 1 of 3 paths")
    #expect(lines.count == 2)
    #expect(lines[1].hasPrefix("  sgd: differs from step 17 (y: A \(exactDecimal(a[1].ys[17])), B \(exactDecimal(b[1].ys[17])));"))
    // A looser relative tolerance accepts it.
    #expect(comparePaths(expected: a, actual: b, rtol: 1e-3).agrees)
    // So does an absolute tolerance larger than the change.
    #expect(comparePaths(expected: a, actual: b, rtol: 0, atol: 1e-5).agrees)
}

@Test func toleranceIsScaledByTheSecondFile() {
    let a = [PathRecord(label: "p", optimizer: "sgd", xs: [100], ys: [0], losses: [0])]
    let b = [PathRecord(label: "p", optimizer: "sgd", xs: [102], ys: [0], losses: [0])]
    // |100 − 102| = 2 ≤ 0.0199 · 102 = 2.03, but 2 > 0.0199 · 100 = 1.99: b sets the scale.
    #expect(comparePaths(expected: a, actual: b, rtol: 0.0199, atol: 0).agrees)
    #expect(!comparePaths(expected: b, actual: a, rtol: 0.0199, atol: 0).agrees)
    // A NaN never agrees.
    let n = [PathRecord(label: "p", optimizer: "sgd", xs: [.nan], ys: [0], losses: [0])]
    #expect(!comparePaths(expected: n, actual: n).agrees)
}

@Test func missingAndExtraLabelsAreListed() throws {
    let a = try records()
    let b = [a[2], a[0], PathRecord(label: "lion", optimizer: "lion", xs: [0], ys: [0], losses: [0])]
    let c = comparePaths(expected: a, actual: b)
    #expect(!c.agrees)
    #expect(c.missing == ["sgd"] && c.extra == ["lion"])
    #expect(c.agreeing == ["adam:lr=0.05,beta1=0.8", "rmsprop"])
    #expect(c.report == """
        paths differ (rtol 1e-09, atol 1e-12): 2 of 4 paths
          sgd: only in A (missing from B)
          lion: only in B (not in A)

        """)
}

@Test func stepCountMismatchIsReported() throws {
    let a = try records()
    var b = a
    b[0].xs.removeLast(10); b[0].ys.removeLast(10); b[0].losses.removeLast(10)
    var c = comparePaths(expected: a, actual: b)
    #expect(c.countMismatches == [.init(label: "adam:lr=0.05,beta1=0.8", expected: 51, actual: 41)])
    #expect(c.deviations.isEmpty)
    #expect(c.report.contains("  adam:lr=0.05,beta1=0.8: 50 steps in A, 40 in B; the common steps agree\n"))
    b[0].xs[3] += 1
    c = comparePaths(expected: a, actual: b)
    #expect(c.report.contains("  adam:lr=0.05,beta1=0.8: 50 steps in A, 40 in B; over the common steps: differs from step 3 (x:"))
    #expect(c.report.split(separator: "\n").count == 2)
}

@Test func runsArePathsOfTheirOwnAndRatesAreCompared() throws {
    let a = [PathRecord(label: "adam", optimizer: "adam", run: 1, xs: [0, 1], ys: [0, 1], losses: [1, 0], lrs: [0.1]),
             PathRecord(label: "adam", optimizer: "adam", run: 2, xs: [0, 2], ys: [0, 1], losses: [1, 0], lrs: [0.1])]
    var b = a
    #expect(comparePaths(expected: a, actual: b).agrees)
    b[1].lrs = [0.2]
    let c = comparePaths(expected: a, actual: b)
    #expect(!c.agrees && c.deviations.map(\.label) == ["adam (run 2)"] && c.deviations[0].firstCoordinate == "lr")
    // A file without rates (written before trajviz recorded them) compares on the points alone.
    b[1].lrs = nil
    #expect(comparePaths(expected: a, actual: b).agrees)
    b.removeLast()
    #expect(comparePaths(expected: a, actual: b).missing == ["adam (run 2)"])
}
