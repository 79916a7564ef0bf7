/// Compares two path CSVs as ``comparePaths(expected:actual:rtol:atol:)`` compares their
/// records, reading both files row by row in step: two 18-million-row files compare in a few
/// megabytes.
///
/// Row k of a path in A is compared with row k of the same path in B as soon as both have been
/// read. Files that list their paths in the same order (as trajviz writes them) hold one row at
/// a time; otherwise the rows one file is ahead by wait for their partners (a path only one file
/// has waits whole, until the other file ends).
///
///     var a = CSVRows(source: { readChunk(fdA) }), b = CSVRows(source: { readChunk(fdB) })
///     let c = try comparePathCSVs(expected: a, named: "a.csv", actual: b, named: "b.csv")
///     // the same PathComparison as comparePaths(expected: PathCSV.read(a), actual: PathCSV.read(b))
///
/// - Throws: ``PathFileError`` naming the file and the line (`a.csv: line 3: ...`), or that
///   it is not UTF-8 text; a problem in A is reported before one in B.
/// - Complexity: O(rows) time; memory O(paths + rows the files are apart).
public func comparePathCSVs(expected: CSVRows, named nameA: String, actual: CSVRows, named nameB: String,
                            rtol: Double = 1e-9, atol: Double = 1e-12) throws(PathFileError) -> PathComparison {
    precondition(rtol >= 0 && atol >= 0, "tolerances must be non-negative")
    var a = try PathCSVStream(expected, name: nameA)
    var b: PathCSVStream? = nil
    var problemInB: PathFileError? = nil
    do throws(PathFileError) { b = try PathCSVStream(actual, name: nameB) } catch { problemInB = error }

    var keys: [String: Int] = [:]
    var paths: [StreamedPath] = []
    var keyOfA: [Int] = [], keyOfB: [Int] = []
    func key(of record: PathCSVReader.Record) -> Int {
        if let k = keys[record.key] { return k }
        keys[record.key] = paths.count
        paths.append(StreamedPath(DeviationAccumulator(label: record.key, rtol: rtol, atol: atol)))
        return paths.count - 1
    }

    var aDone = false, bDone = b == nil
    while !aDone || !bDone {
        if !aDone {
            if let row = try a.next() {
                if row.record == keyOfA.count { keyOfA.append(key(of: a.reader.records[row.record])) }
                // After a problem in B only A's own problems matter: nothing more is compared.
                if problemInB == nil { paths[keyOfA[row.record]].add(row, fromA: true, partnerMayCome: !bDone) }
            } else {
                aDone = true
            }
        }
        if !bDone, b != nil {
            do throws(PathFileError) {
                if let row = try b!.next() {  // Checked by the loop's condition: bDone is false.
                    if row.record == keyOfB.count { keyOfB.append(key(of: b!.reader.records[row.record])) }
                    paths[keyOfB[row.record]].add(row, fromA: false, partnerMayCome: !aDone)
                } else {
                    bDone = true
                }
            } catch {
                problemInB = error
                bDone = true
            }
        }
    }
    try a.finish()
    if let problemInB { throw problemInB }
    guard let b else { preconditionFailure("B was read when it has no problem") }
    try b.finish()

    let recordsA = a.reader.records, recordsB = b.reader.records
    var result = PathComparison(rtol: rtol, atol: atol, missing: [], extra: [], countMismatches: [], deviations: [], agreeing: [])
    let keysInA = Set(recordsA.map(\.key))
    result.extra = recordsB.map(\.key).filter { !keysInA.contains($0) }
    var countInB: [String: Int] = [:]
    for r in recordsB where countInB[r.key] == nil { countInB[r.key] = r.count }
    for r in recordsA {
        guard let countB = countInB[r.key] else { result.missing.append(r.key); continue }
        var agrees = true
        if r.count != countB {
            result.countMismatches.append(.init(label: r.key, expected: r.count, actual: countB))
            agrees = false
        }
        if let keyIndex = keys[r.key], let d = paths[keyIndex].deviation.deviation {
            result.deviations.append(d)
            agrees = false
        }
        if agrees { result.agreeing.append(r.key) }
    }
    return result
}

/// One file's checked rows, its problems as ``PathFileError``s naming it.
private struct PathCSVStream {
    var reader: PathCSVReader
    let name: String

    init(_ rows: CSVRows, name: String) throws(PathFileError) {
        self.name = name
        do { reader = try PathCSVReader(rows) } catch { throw PathFileError("\(name): \(error)") }
        try checkText()
    }

    mutating func next() throws(PathFileError) -> PathCSVReader.Row? {
        let row: PathCSVReader.Row?
        do { row = try reader.next() } catch {
            try checkText()
            throw PathFileError("\(name): \(error)")
        }
        try checkText()
        return row
    }

    /// The checks that need the whole file (rates), after the last row.
    func finish() throws(PathFileError) {
        do { try reader.checkRates() } catch { throw PathFileError("\(name): \(error)") }
    }

    private func checkText() throws(PathFileError) {
        if reader.invalidUTF8 { throw PathFileError("\(name): not UTF-8 text") }
    }
}

/// A path being compared: its deviation so far and the rows of the file that is ahead.
private struct StreamedPath {
    var deviation: DeviationAccumulator
    /// Rows read from one file whose partners in the other file are not read yet.
    private var waiting: [PathCSVReader.Row] = []
    private var head = 0
    private var waitingFromA = true

    init(_ deviation: DeviationAccumulator) { self.deviation = deviation }

    /// - Parameter partnerMayCome: false once the other file has ended: a row without a
    ///   partner then only counts (the reader counts it), nothing waits.
    mutating func add(_ row: PathCSVReader.Row, fromA: Bool, partnerMayCome: Bool) {
        guard head < waiting.count, waitingFromA != fromA else {
            guard partnerMayCome else { return }
            if head == waiting.count { waiting.removeAll(keepingCapacity: true); head = 0 }
            waiting.append(row)
            waitingFromA = fromA
            return
        }
        let partner = waiting[head]
        head += 1
        if head >= 4096, head * 2 >= waiting.count { waiting.removeSubrange(0..<head); head = 0 }
        let (x, y) = fromA ? (row, partner) : (partner, row)
        compare(x, y)
    }

    /// Row `a` of A against its partner `b` of B (the same step): x, y, loss, and the rate
    /// where both files record one (every row of a path with rates but its last).
    /// The same text is the same value, which changes no deviation: only differing texts are read.
    private mutating func compare(_ a: PathCSVReader.Row, _ b: PathCSVReader.Row) {
        compare(a.step, "x", a.xText, b.xText)
        compare(a.step, "y", a.yText, b.yText)
        compare(a.step, "loss", a.lossText, b.lossText)
        if let ra = a.rateText, let rb = b.rateText { compare(a.step, "lr", ra, rb) }
    }

    @inline(__always)
    private mutating func compare(_ step: Int, _ name: String, _ a: NumberText, _ b: NumberText) {
        // Equal values change no deviation (|a - b| = 0 is within any tolerance and no
        // largest): texts that spell the same number are not read either.
        if !a.sameText(as: b), !a.sameNumber(as: b) { deviation.add(step: step, name, a.value, b.value) }
    }
}
