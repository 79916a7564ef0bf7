@testable import Regression

// The path CSV reader as it was before it read bytes (one String per field), kept verbatim as
// the oracle the byte-level reader must match: the same rows, values, records and messages.

/// A path CSV read row by row, each row checked as ``PathCSV/read(_:)`` checks it, holding
/// only a few numbers per path: what `compare` streams through.
struct ReferencePathCSVReader {
    /// One row: the path it belongs to (an index into ``records``), its step, and its values
    /// (`rate` is NaN where the field is empty: a rate is always finite).
    struct Row {
        var record: Int
        var step: Int
        var x: Double, y: Double, loss: Double, rate: Double
    }

    /// What is known of one path so far.
    struct Record {
        var label: String
        var optimizer: String
        var run: Int?
        /// Rows read so far.
        var count = 0
        var anyRate = false
        var firstMissingRate: Int?
        var lastRate = Double.nan
        var lastLine = 0
        /// Whether the path records rates (known from its first row: in a valid file every row
        /// but the last has one, or none has).
        var hasRates: Bool { anyRate && count > 1 }
        /// ``PathRecord/key``.
        var key: String { run.map { "\(label) (run \($0))" } ?? label }
    }

    private var rows: ReferenceCSVRows
    private let columns: [String]
    private let hasRun: Bool, hasRate: Bool
    /// The paths met so far, in the order they first appear.
    private(set) var records: [Record] = []
    private var index: [String: Int] = [:]

    /// Reads the header.
    init(_ rows: ReferenceCSVRows) throws(PathCSVError) {
        self.rows = rows
        guard let first = try self.rows.next() else {
            throw PathCSVError(line: 1, "empty file; expected the header '\(PathCSV.header)'")
        }
        columns = first.fields
        switch columns.joined(separator: ",") {
        case PathCSV.header: hasRun = false; hasRate = true
        case PathCSV.headerWithRuns: hasRun = true; hasRate = true
        case PathCSV.legacyHeader: hasRun = false; hasRate = false
        default:
            throw PathCSVError(line: first.line, "expected the header '\(PathCSV.header)' (or '\(PathCSV.headerWithRuns)' with --runs), found '\(columns.joined(separator: ","))'")
        }
    }

    /// Whether a field held bytes that are not UTF-8 (checked when the rows come from a source).
    var invalidUTF8: Bool { rows.invalidUTF8 }

    /// The next row, checked; nil at the end of the file (then call ``checkRates()``).
    mutating func next() throws(PathCSVError) -> Row? {
        guard let row = try rows.next() else { return nil }
        let f = row.fields
        guard f.count == columns.count else {
            throw PathCSVError(line: row.line, "expected \(columns.count) fields (\(columns.joined(separator: ","))), found \(f.count)")
        }
        let offset = hasRun ? 1 : 0
        var run: Int? = nil
        if hasRun {
            guard let r = Int(f[2]), r >= 1 else {
                throw PathCSVError(line: row.line, "run '\(f[2])' is not a whole number >= 1")
            }
            run = r
        }
        guard let step = Int(f[2 + offset]), step >= 0 else {
            throw PathCSVError(line: row.line, "step '\(f[2 + offset])' is not a whole number >= 0")
        }
        var values = (0.0, 0.0, 0.0)
        for (k, name) in ["x", "y", "loss"].enumerated() {
            let text = f[3 + offset + k]
            guard let v = parseExactDecimal(Substring(text)) else {
                throw PathCSVError(line: row.line, "\(name) '\(text)' is not a finite decimal number")
            }
            switch k { case 0: values.0 = v; case 1: values.1 = v; default: values.2 = v }
        }
        var rate = Double.nan
        if hasRate, !f[6 + offset].isEmpty {
            guard let v = parseExactDecimal(Substring(f[6 + offset])) else {
                throw PathCSVError(line: row.line, "lr '\(f[6 + offset])' is not a finite decimal number")
            }
            rate = v
        }
        let label = f[0]
        let key = run.map { "\($0)\u{0}" + label } ?? label
        let name = run.map { "'\(label)' run \($0)" } ?? "'\(label)'"
        let i: Int
        if let known = index[key] {
            i = known
            guard records[i].optimizer == f[1] else {
                throw PathCSVError(line: row.line, "optimizer '\(f[1])' for \(name), whose earlier rows say '\(records[i].optimizer)'")
            }
            guard step == records[i].count else {
                throw PathCSVError(line: row.line, "step \(step) of \(name); expected step \(records[i].count)")
            }
        } else {
            guard step == 0 else {
                throw PathCSVError(line: row.line, "\(name) starts at step \(step); expected step 0 (the start)")
            }
            i = records.count
            index[key] = i
            records.append(Record(label: label, optimizer: f[1], run: run))
        }
        if rate.isNaN {
            if records[i].firstMissingRate == nil { records[i].firstMissingRate = step }
        } else {
            records[i].anyRate = true
        }
        records[i].lastRate = rate
        records[i].lastLine = row.line
        records[i].count += 1
        return Row(record: i, step: step, x: values.0, y: values.1, loss: values.2, rate: rate)
    }

    /// The rule on rates, once every row was read: every row of a path but the last has one, or none has.
    func checkRates() throws(PathCSVError) {
        for r in records where r.anyRate {
            if !r.lastRate.isNaN {
                throw PathCSVError(line: r.lastLine, "lr \(exactDecimal(r.lastRate)) on the final row of '\(r.key)'; a path's final row has none (no step was taken from it)")
            }
            if let missing = r.firstMissingRate, missing < r.count - 1 {
                throw PathCSVError(line: r.lastLine, "'\(r.key)' has no lr at step \(missing); every row but the final one needs its step's rate (or leave all of them empty)")
            }
        }
    }
}

/// The records of an RFC 4180 text, with the line each starts on. Works on UTF-8 bytes: every
/// delimiter is ASCII, so a multi-byte character can never be mistaken for one.
///
/// The bytes come whole (``init(_:)``) or in chunks from a source (``init(source:)``): then only
/// the record being read and one chunk are held, so a file of any length reads in bounded memory.
struct ReferenceCSVRows {
    private var bytes: [UInt8]
    private var position = 0
    private var line = 1
    /// The next chunk of the text, or nil (or empty) at its end.
    private let source: (() -> [UInt8]?)?
    private var drained = false
    /// Whether a field held bytes that are not UTF-8 (checked only for a source: a whole text is a `String` already).
    private(set) var invalidUTF8 = false

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    init(_ text: String) {
        bytes = Array(text.utf8)
        source = nil
        drained = true
        skipByteOrderMark()
    }

    /// Rows read from `source`'s chunks as they are needed.
    init(source: @escaping () -> [UInt8]?) {
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
            bytes += chunk
        }
        return true
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

    private mutating func text<C: Collection>(_ field: C) -> String where C.Element == UInt8 {
        if source != nil {
            if let valid = String(validating: field, as: UTF8.self) { return valid }
            invalidUTF8 = true
        }
        return String(decoding: field, as: UTF8.self)
    }

    /// The next non-empty record, or nil at the end.
    mutating func next() throws(PathCSVError) -> (line: Int, fields: [String])? {
        compact()
        // Empty lines (also a final line ending) hold no record.
        while case let n = lineEnd(at: position), n > 0 { position += n; line += 1 }
        guard has(position) else { return nil }
        let startLine = line
        var fields: [String] = []
        while true {
            if has(position), bytes[position] == Self.quote {
                let quoteLine = line
                position += 1
                var field: [UInt8] = []
                while true {
                    guard has(position) else {
                        throw PathCSVError(line: quoteLine, "unterminated quoted field (a '\"' opens it but none closes it)")
                    }
                    let c = bytes[position]
                    if c == Self.quote {
                        if has(position + 1), bytes[position + 1] == Self.quote { field.append(c); position += 2; continue }
                        position += 1
                        break
                    }
                    if c == Self.lf { line += 1 }
                    field.append(c); position += 1
                }
                fields.append(text(field))
                guard !has(position) || bytes[position] == Self.comma || lineEnd(at: position) > 0 else {
                    throw PathCSVError(line: line, "unexpected '\(Unicode.Scalar(bytes[position]))' after a closing quote; expected ',' or the end of the line")
                }
            } else {
                let start = position
                while has(position), bytes[position] != Self.comma, lineEnd(at: position) == 0 {
                    if bytes[position] == Self.quote {
                        throw PathCSVError(line: line, "a '\"' inside an unquoted field; quote the whole field and double the quote (\"\")")
                    }
                    position += 1
                }
                fields.append(text(bytes[start..<position]))
            }
            if has(position), bytes[position] == Self.comma { position += 1; continue }
            let n = lineEnd(at: position)
            if n > 0 { position += n; line += 1 }
            return (startLine, fields)
        }
    }
}

