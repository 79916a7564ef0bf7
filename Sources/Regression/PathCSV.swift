import Numbers
import Optimizers
#if canImport(Glibc)
import Glibc
#endif

/// The path CSV of `trajviz --csv`: a contract that users' scripts and tests read.
///
///     label,optimizer,step,x,y,loss,lr
///     sgd,sgd,0,-1.5,2,12.5,0.001
///     sgd,sgd,1,-1.4,1.9,9.8,
///     "adam:lr=0.05,beta1=0.8",adam,0,-1.5,2,12.5,0.05
///
/// * The header is exactly `label,optimizer,step,x,y,loss,lr`; with `--runs` it is
///   `label,optimizer,run,step,x,y,loss,lr` (the run, 1 to K, right after the optimizer: label,
///   optimizer and run name the path, step orders its rows). One row per point; step 0 is the start.
/// * `lr` is the rate of the step taken from that row's point (`lrs[step]`), so a path's final row
///   has none (empty), nor does any row of a path whose rates were not recorded.
/// * Numbers are the shortest decimals that read back to the identical Double
///   (``exactDecimal(_:)``), never locale-dependent.
/// * Fields holding a comma, a double quote or a line break are quoted as RFC 4180 says (quotes
///   doubled): specs with several hyperparameters contain commas.
/// * A diverged path's rows end at its last finite point.
/// * Lines end with `\n`; the reader also accepts `\r\n`, and files written before the `lr` and
///   `run` columns (`label,optimizer,step,x,y,loss`).
public enum PathCSV {
    /// The header line, without its line ending.
    public static let header = "label,optimizer,step,x,y,loss,lr"
    /// The header when the file holds several runs per label (`--runs`).
    public static let headerWithRuns = "label,optimizer,run,step,x,y,loss,lr"
    /// The header of files written before trajviz recorded rates and runs; still read.
    public static let legacyHeader = "label,optimizer,step,x,y,loss"

    /// The CSV of `trajectories`, paths one after another in the given order; with a `run`
    /// column when any path has a run number. Built from the same pieces as a streamed export
    /// (``header(runs:)``, ``rowCount(of:)``, ``appendRows(of:runs:points:to:)``).
    ///
    /// - Complexity: O(total points).
    public static func write(_ trajectories: [Trajectory]) -> String {
        let runs = trajectories.contains { $0.run != nil }
        var out = Array((header(runs: runs) + "\n").utf8)
        for t in trajectories { appendRows(of: t, runs: runs, points: 0..<rowCount(of: t), to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The header line without its line ending: ``headerWithRuns`` when the file has a `run` column.
    public static func header(runs: Bool) -> String { runs ? headerWithRuns : header }

    /// How many rows `t` gives: its points up to the first that is not finite. Trajectories only
    /// hold finite points; a CSV row cannot spell another in a way that reads back.
    public static func rowCount(of t: Trajectory) -> Int {
        let n = min(t.xs.count, t.ys.count, t.losses.count)
        return (0..<n).first { !(t.xs[$0].isFinite && t.ys[$0].isFinite && t.losses[$0].isFinite) } ?? n
    }

    /// Appends the rows of `t`'s points in `points` (within `0..<rowCount(of: t)`) to `out`, each
    /// ending in `\n`; `runs` says whether the file has a `run` column. Appending consecutive
    /// ranges gives the bytes of the whole path, so a large path can be written in pieces.
    public static func appendRows(of t: Trajectory, runs: Bool, points: Range<Int>, to out: inout [UInt8]) {
        var prefix = Array(field(t.label).utf8)
        prefix.append(UInt8(ascii: ","))
        prefix += field(t.optimizer).utf8
        prefix.append(UInt8(ascii: ","))
        if runs {
            if let run = t.run { DecimalBytes.append(run, to: &prefix) }
            prefix.append(UInt8(ascii: ","))
        }
        let rates = PathRecord.recordedRates(t)
        let comma = UInt8(ascii: ",")
        t.xs.withUnsafeBufferPointer { xs in
            t.ys.withUnsafeBufferPointer { ys in
                t.losses.withUnsafeBufferPointer { losses in
                    for i in points {
                        out += prefix
                        DecimalBytes.append(i, to: &out); out.append(comma)
                        DecimalBytes.append(xs[i], to: &out); out.append(comma)
                        DecimalBytes.append(ys[i], to: &out); out.append(comma)
                        DecimalBytes.append(losses[i], to: &out); out.append(comma)
                        if let rates, i < rates.count, rates[i].isFinite { DecimalBytes.append(rates[i], to: &out) }
                        out.append(UInt8(ascii: "\n"))
                    }
                }
            }
        }
    }

    /// `text` quoted when RFC 4180 requires it (also for the study CSVs of `sweep` and `tune`).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Reads a path CSV back, one record per label (per label and run with a `run` column) in the
    /// order they first appear.
    ///
    /// Each path's rows must carry steps 0, 1, 2, ... in order (other paths' rows may sit in
    /// between) and one optimizer name; its `lr` fields must be filled on every row but the last,
    /// or empty on all of them. Empty lines are skipped; a UTF-8 byte order mark is ignored.
    ///
    /// - Throws: ``PathCSVError`` with the line number and what was expected there.
    /// - Complexity: O(length of `text`).
    public static func read(_ text: String) throws(PathCSVError) -> [PathRecord] {
        var reader = try PathCSVReader(CSVRows(text))
        var records: [PathRecord] = [], rates: [[Double]] = []
        while let row = try reader.next() {
            if row.record == records.count {
                let r = reader.records[row.record]
                records.append(PathRecord(label: r.label, optimizer: r.optimizer, run: r.run, xs: [], ys: [], losses: []))
                rates.append([])
            }
            records[row.record].xs.append(row.x); records[row.record].ys.append(row.y)
            records[row.record].losses.append(row.loss); rates[row.record].append(row.rate)
        }
        try reader.checkRates()
        for i in records.indices where reader.records[i].hasRates { records[i].lrs = rates[i].dropLast() }
        return records
    }
}

/// A path CSV read row by row, each row checked as ``PathCSV/read(_:)`` checks it, holding
/// only a few numbers per path: what `compare` streams through.
///
/// Rows are read as bytes: no `String` per field, numbers checked by ``DecimalText`` and kept as
/// their text (``NumberText``) until a value is needed, a row of the path before it found by
/// comparing bytes. Two files with the same numbers thus compare without reading a number.
public struct PathCSVReader {
    /// One row: the path it belongs to (an index into ``records``), its step, and its values
    /// (`rate` is NaN where the field is empty: a rate is always finite).
    public struct Row {
        public var record: Int
        public var step: Int
        /// The numbers as written; ``rateText`` is nil where the field is empty.
        public var xText: NumberText, yText: NumberText, lossText: NumberText, rateText: NumberText?
        public var x: Double { xText.value }
        public var y: Double { yText.value }
        public var loss: Double { lossText.value }
        public var rate: Double { rateText?.value ?? .nan }
    }

    /// What is known of one path so far.
    public struct Record {
        public var label: String
        public var optimizer: String
        public var run: Int?
        /// Rows read so far.
        public var count = 0
        var anyRate = false
        var firstMissingRate: Int?
        var lastRate: NumberText?
        var lastLine = 0
        /// Whether the path records rates (known from its first row: in a valid file every row
        /// but the last has one, or none has).
        public var hasRates: Bool { anyRate && count > 1 }
        /// ``PathRecord/key``.
        public var key: String { run.map { "\(label) (run \($0))" } ?? label }
    }

    private var rows: CSVRows
    private let columns: [String]
    private let hasRun: Bool, hasRate: Bool
    /// The paths met so far, in the order they first appear.
    public private(set) var records: [Record] = []
    private var index: [String: Int] = [:]
    /// The path of the row before, and its label and optimizer as bytes: most rows continue it.
    private var last = -1
    private var lastLabel: [UInt8] = [], lastOptimizer: [UInt8] = []

    /// Reads the header.
    public init(_ rows: CSVRows) throws(PathCSVError) {
        var rows = rows
        guard let line = try rows.nextRecord() else {
            throw PathCSVError(line: 1, "empty file; expected the header '\(PathCSV.header)'")
        }
        let header = rows
        columns = (0..<header.fieldCount).map { header.text($0) }
        self.rows = rows
        switch columns.joined(separator: ",") {
        case PathCSV.header: hasRun = false; hasRate = true
        case PathCSV.headerWithRuns: hasRun = true; hasRate = true
        case PathCSV.legacyHeader: hasRun = false; hasRate = false
        default:
            throw PathCSVError(line: line, "expected the header '\(PathCSV.header)' (or '\(PathCSV.headerWithRuns)' with --runs), found '\(columns.joined(separator: ","))'")
        }
    }

    /// Whether a field held bytes that are not UTF-8 (checked when the rows come from a source).
    public var invalidUTF8: Bool { rows.invalidUTF8 }

    /// The next row, checked; nil at the end of the file (then call ``checkRates()``).
    public mutating func next() throws(PathCSVError) -> Row? {
        guard let line = try rows.nextRecord() else { return nil }
        let count = rows.fieldCount
        guard count == columns.count else {
            throw PathCSVError(line: line, "expected \(columns.count) fields (\(columns.joined(separator: ","))), found \(count)")
        }
        let offset = hasRun ? 1 : 0
        var run: Int? = nil
        if hasRun {
            guard let r = rows.integer(2), r >= 1 else {
                throw PathCSVError(line: line, "run '\(rows.text(2))' is not a whole number >= 1")
            }
            run = r
        }
        guard let step = rows.integer(2 + offset), step >= 0 else {
            throw PathCSVError(line: line, "step '\(rows.text(2 + offset))' is not a whole number >= 0")
        }
        let x = try number(3 + offset, "x", line: line), y = try number(4 + offset, "y", line: line)
        let loss = try number(5 + offset, "loss", line: line)
        var rate: NumberText? = nil
        if hasRate, !rows.isEmpty(6 + offset) { rate = try number(6 + offset, "lr", line: line) }
        let i: Int
        if last >= 0, records[last].run == run, rows.field(0, equals: lastLabel) {
            i = last  // the path of the row before: no String, no lookup
            if !rows.field(1, equals: lastOptimizer) { try checkOptimizer(of: i, line: line) }
            try checkStep(step, of: i, line: line)
        } else {
            let label = rows.text(0)
            let key = run.map { "\($0)\u{0}" + label } ?? label
            if let known = index[key] {
                i = known
                try checkOptimizer(of: i, line: line)
                try checkStep(step, of: i, line: line)
            } else {
                guard step == 0 else {
                    throw PathCSVError(line: line, "\(name(label, run)) starts at step \(step); expected step 0 (the start)")
                }
                i = records.count
                index[key] = i
                records.append(Record(label: label, optimizer: rows.text(1), run: run))
            }
            last = i
            lastLabel = rows.bytes(0)
            lastOptimizer = Array(records[i].optimizer.utf8)
        }
        if rate == nil {
            if records[i].firstMissingRate == nil { records[i].firstMissingRate = step }
        } else {
            records[i].anyRate = true
        }
        records[i].lastRate = rate
        records[i].lastLine = line
        records[i].count += 1
        return Row(record: i, step: step, xText: x, yText: y, lossText: loss, rateText: rate)
    }

    private func number(_ k: Int, _ name: String, line: Int) throws(PathCSVError) -> NumberText {
        guard let v = rows.number(k) else {
            throw PathCSVError(line: line, "\(name) '\(rows.text(k))' is not a finite decimal number")
        }
        return v
    }

    private func name(_ label: String, _ run: Int?) -> String { run.map { "'\(label)' run \($0)" } ?? "'\(label)'" }

    /// The row's optimizer against the path's (as Strings: equal text in another normal form is equal).
    private func checkOptimizer(of i: Int, line: Int) throws(PathCSVError) {
        let optimizer = rows.text(1)
        guard records[i].optimizer == optimizer else {
            throw PathCSVError(line: line, "optimizer '\(optimizer)' for \(name(records[i].label, records[i].run)), whose earlier rows say '\(records[i].optimizer)'")
        }
    }

    private func checkStep(_ step: Int, of i: Int, line: Int) throws(PathCSVError) {
        guard step == records[i].count else {
            throw PathCSVError(line: line, "step \(step) of \(name(records[i].label, records[i].run)); expected step \(records[i].count)")
        }
    }

    /// The rule on rates, once every row was read: every row of a path but the last has one, or none has.
    public func checkRates() throws(PathCSVError) {
        for r in records where r.anyRate {
            if let rate = r.lastRate {
                throw PathCSVError(line: r.lastLine, "lr \(exactDecimal(rate.value)) on the final row of '\(r.key)'; a path's final row has none (no step was taken from it)")
            }
            if let missing = r.firstMissingRate, missing < r.count - 1 {
                throw PathCSVError(line: r.lastLine, "'\(r.key)' has no lr at step \(missing); every row but the final one needs its step's rate (or leave all of them empty)")
            }
        }
    }
}

/// A decimal number of a path CSV as written, checked (``DecimalText/isAccepted(_:)``), read
/// only when its value is asked for. Two equal texts are equal values, so files that agree
/// compare without reading numbers; texts of up to 24 bytes (every number trajviz writes) are
/// held inline, longer ones as their value.
public struct NumberText: Sendable {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0
    /// The text's length, or -1 when it was longer than 24 bytes and ``long`` holds the value.
    private var length: Int
    private var long = 0.0

    init(_ text: UnsafeBufferPointer<UInt8>) {
        guard text.count <= 24 else {
            length = -1
            long = DecimalText.value(ofAccepted: text)
            return
        }
        length = text.count
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(text)) }
        (w0, w1, w2) = words
    }

    /// The value, as ``DecimalNumber/parse(_:)`` reads the text.
    public var value: Double {
        guard length >= 0 else { return long }
        var words = (w0, w1, w2)
        let n = length
        return withUnsafeBytes(of: &words) { raw in
            DecimalText.value(ofAccepted: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<n]))
        }
    }

    /// Whether the two texts are the same bytes (then their values are equal).
    public func sameText(as other: NumberText) -> Bool {
        length >= 0 && length == other.length && w0 == other.w0 && w1 == other.w1 && w2 == other.w2
    }

    /// Whether the two texts spell the same decimal number (`1.50` and `01.5e0`; `-0` and `0`):
    /// the same sign, significant digits and exponent of the first one. Then their values are
    /// equal, without reading either; false when that cannot be told this way (not the same
    /// number, or a text over 24 bytes).
    public func sameNumber(as other: NumberText) -> Bool {
        guard length >= 0, other.length >= 0 else { return false }
        var a = (w0, w1, w2), b = (other.w0, other.w1, other.w2)
        let n = length, m = other.length
        return withUnsafeBytes(of: &a) { ra in
            withUnsafeBytes(of: &b) { rb in
                var da: (UInt64, UInt64, UInt64) = (0, 0, 0), db: (UInt64, UInt64, UInt64) = (0, 0, 0)
                let ka = withUnsafeMutableBytes(of: &da) { Self.decimal(UnsafeRawBufferPointer(rebasing: ra[..<n]), into: $0) }
                let kb = withUnsafeMutableBytes(of: &db) { Self.decimal(UnsafeRawBufferPointer(rebasing: rb[..<m]), into: $0) }
                return ka == kb && da == db
            }
        }
    }

    /// The sign, the significant digits (from the first non-zero one to the last, into `digits`,
    /// the rest 0) and the decimal exponent of the first of an accepted text; zero as (false, 0, 0).
    @inline(__always)
    private static func decimal(_ t: UnsafeRawBufferPointer, into digits: UnsafeMutableRawBufferPointer)
        -> (negative: Bool, count: Int, exponent: Int) {
        var i = 0
        var negative = false
        if i < t.count, t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+") { negative = t[i] == UInt8(ascii: "-"); i += 1 }
        var count = 0, integerDigits = 0, zerosAfterPoint = 0, lastNonZero = 0
        var point = false
        while i < t.count {
            let c = t[i]
            if c == UInt8(ascii: ".") { point = true; i += 1; continue }
            let d = c &- UInt8(ascii: "0")
            guard d < 10 else { break }
            i += 1
            if count == 0, d == 0 {
                if point { zerosAfterPoint += 1 }
                continue
            }
            digits[count] = d
            count += 1
            if d != 0 { lastNonZero = count }
            if !point { integerDigits += 1 }
        }
        var exponent = 0
        if i < t.count {  // e or E
            i += 1
            var sign = 1
            if i < t.count, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") { sign = t[i] == UInt8(ascii: "-") ? -1 : 1; i += 1 }
            while i < t.count { exponent = min(exponent * 10 + Int(t[i] &- UInt8(ascii: "0")), 1_000_000); i += 1 }
            exponent *= sign
        }
        // Trailing zeros are not significant.
        for k in lastNonZero..<count { digits[k] = 0 }
        count = lastNonZero
        guard count > 0 else { return (false, 0, 0) }
        let leading = integerDigits > 0 ? exponent + integerDigits - 1 : exponent - zerosAfterPoint - 1
        return (negative, count, leading)
    }
}

/// A path CSV that cannot be read: the line (1-based, the header is line 1) and what was expected.
public struct PathCSVError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public init(line: Int, _ message: String) { self.line = line; self.message = message }
    public var description: String { "line \(line): \(message)" }
}

/// The records of an RFC 4180 text, with the line each starts on. Works on UTF-8 bytes: every
/// delimiter is ASCII, so a multi-byte character can never be mistaken for one.
///
/// The bytes come whole (``init(_:)``) or in chunks from a source (``init(source:)``): then only
/// the record being read and one chunk are held, so a file of any length reads in bounded memory.
/// A record's fields are bytes in one reused buffer (``nextRecord()``, ``field(_:)``): reading a
/// row allocates nothing.
public struct CSVRows {
    private var bytes: [UInt8]
    private var position = 0
    private var line = 1
    /// The next chunk of the text, or nil (or empty) at its end.
    private let source: (() -> [UInt8]?)?
    private var drained = false
    /// Whether a field held bytes that are not UTF-8 (checked only for a source: a whole text is a `String` already).
    public private(set) var invalidUTF8 = false
    /// Whether every chunk read so far was ASCII: then no field needs a UTF-8 check.
    private var allASCII = true
    /// The current record's fields, unquoted, one after another, and where each ends.
    private var fieldBytes: [UInt8] = []
    private var fieldEnds: [Int] = []

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    init(_ text: String) {
        bytes = Array(text.utf8)
        source = nil
        drained = true
        skipByteOrderMark()
    }

    /// Rows read from `source`'s chunks as they are needed.
    public init(source: @escaping () -> [UInt8]?) {
        bytes = []
        self.source = source
        skipByteOrderMark()
    }

    private mutating func skipByteOrderMark() {
        if has(2), bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Whether byte `i` exists, reading more chunks as needed.
    @inline(__always)
    private mutating func has(_ i: Int) -> Bool {
        if i < bytes.count { return true }
        return fill(i)
    }

    private mutating func fill(_ i: Int) -> Bool {
        while i >= bytes.count {
            guard !drained, let chunk = source?(), !chunk.isEmpty else { drained = true; return false }
            if allASCII { allASCII = Self.isASCII(chunk) }
            bytes += chunk
        }
        return true
    }

    /// Whether every byte of a chunk is below 0x80, eight at a time.
    private static func isASCII(_ chunk: [UInt8]) -> Bool {
        chunk.withUnsafeBytes { raw in
            var any: UInt64 = 0
            let words = raw.count / 8
            for k in 0..<words { any |= raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self) }
            for k in (words * 8)..<raw.count { any |= UInt64(raw[k]) }
            return any & 0x8080_8080_8080_8080 == 0
        }
    }

    /// Drops the bytes before `position` (only between records, so no index into them is kept).
    private mutating func compact() {
        guard source != nil, position >= 1 << 20, position * 2 >= bytes.count else { return }
        bytes.removeSubrange(0..<position)
        position = 0
    }

    /// The length of the line ending at `i` (1 for LF, 2 for CR LF), or 0.
    private mutating func lineEnd(at i: Int) -> Int {
        guard has(i) else { return 0 }
        if bytes[i] == Self.lf { return 1 }
        if bytes[i] == Self.cr, has(i + 1), bytes[i + 1] == Self.lf { return 2 }
        return 0
    }

    /// Fields in the current record.
    var fieldCount: Int { fieldEnds.count }

    private func range(_ k: Int) -> Range<Int> { (k == 0 ? 0 : fieldEnds[k - 1])..<fieldEnds[k] }

    /// Field `k` of the current record as text.
    func text(_ k: Int) -> String { String(decoding: fieldBytes[range(k)], as: UTF8.self) }

    /// Field `k`'s bytes.
    func bytes(_ k: Int) -> [UInt8] { Array(fieldBytes[range(k)]) }

    func isEmpty(_ k: Int) -> Bool { range(k).isEmpty }

    /// Whether field `k` is exactly `other`'s bytes.
    func field(_ k: Int, equals other: [UInt8]) -> Bool {
        let r = range(k)
        guard r.count == other.count else { return false }
        return fieldBytes.withUnsafeBufferPointer { b in
            other.withUnsafeBufferPointer { o in memcmp(b.baseAddress! + r.lowerBound, o.baseAddress!, r.count) == 0 }
        }
    }

    /// Field `k` as `Int(_:)` reads it (an optional sign and decimal digits, within `Int`'s range), or nil.
    func integer(_ k: Int) -> Int? {
        let r = range(k)
        return fieldBytes.withUnsafeBufferPointer { b -> Int? in
            var i = r.lowerBound
            var negative = false
            if i < r.upperBound, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
            guard i < r.upperBound else { return nil }
            var v = 0
            while i < r.upperBound {
                let d = b[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
                guard !o1, !o2 else { return nil }
                v = s; i += 1
            }
            return v
        }
    }

    /// Field `k` when it is a decimal number ``DecimalText/isAccepted(_:)``, or nil.
    func number(_ k: Int) -> NumberText? {
        let r = range(k)
        return fieldBytes.withUnsafeBufferPointer { b -> NumberText? in
            let text = UnsafeBufferPointer(rebasing: b[r])
            return DecimalText.isAccepted(text) ? NumberText(text) : nil
        }
    }

    /// Checks that the field ending the buffer is UTF-8 (only for a source; ASCII needs no look).
    private mutating func validateLastField() {
        guard source != nil, !invalidUTF8, !allASCII else { return }
        let r = range(fieldEnds.count - 1)
        let ascii = fieldBytes.withUnsafeBufferPointer { b in
            var any: UInt8 = 0
            for i in r { any |= b[i] }
            return any < 0x80
        }
        if !ascii, String(validating: fieldBytes[r], as: UTF8.self) == nil { invalidUTF8 = true }
    }

    /// The next non-empty record as text, or nil at the end.
    mutating func next() throws(PathCSVError) -> (line: Int, fields: [String])? {
        guard let line = try nextRecord() else { return nil }
        return (line, (0..<fieldCount).map { text($0) })
    }

    /// Reads the next non-empty record into the field buffer (``field(_:)``); returns the line
    /// it starts on, or nil at the end.
    mutating func nextRecord() throws(PathCSVError) -> Int? {
        compact()
        // Empty lines (also a final line ending) hold no record.
        while case let n = lineEnd(at: position), n > 0 { position += n; line += 1 }
        guard has(position) else { return nil }
        let startLine = line
        fieldBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        while true {
            if has(position), bytes[position] == Self.quote {
                let quoteLine = line
                position += 1
                while true {
                    guard has(position) else {
                        throw PathCSVError(line: quoteLine, "unterminated quoted field (a '\"' opens it but none closes it)")
                    }
                    let c = bytes[position]
                    if c == Self.quote {
                        if has(position + 1), bytes[position + 1] == Self.quote { fieldBytes.append(c); position += 2; continue }
                        position += 1
                        break
                    }
                    if c == Self.lf { line += 1 }
                    fieldBytes.append(c); position += 1
                }
                fieldEnds.append(fieldBytes.count)
                validateLastField()
                guard !has(position) || bytes[position] == Self.comma || lineEnd(at: position) > 0 else {
                    throw PathCSVError(line: line, "unexpected '\(Unicode.Scalar(bytes[position]))' after a closing quote; expected ',' or the end of the line")
                }
            } else {
                let start = position
                scan: while true {
                    // The bytes at hand, without a check per byte for more.
                    let end = bytes.count
                    var p = position
                    bytes.withUnsafeBufferPointer { b in
                        while p < end {
                            let c = b[p]
                            if c == Self.comma || c == Self.lf || c == Self.cr || c == Self.quote { break }
                            p += 1
                        }
                    }
                    position = p
                    guard has(position) else { break scan }
                    let c = bytes[position]
                    if c == Self.comma || c == Self.lf { break scan }
                    if c == Self.quote {
                        throw PathCSVError(line: line, "a '\"' inside an unquoted field; quote the whole field and double the quote (\"\")")
                    }
                    if lineEnd(at: position) > 0 { break scan }
                    position += 1  // a CR alone is data
                }
                fieldBytes.append(contentsOf: bytes[start..<position])
                fieldEnds.append(fieldBytes.count)
                validateLastField()
            }
            if has(position), bytes[position] == Self.comma { position += 1; continue }
            let n = lineEnd(at: position)
            if n > 0 { position += n; line += 1 }
            return startLine
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
