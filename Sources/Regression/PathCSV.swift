import Optimizers

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
    /// column when any path has a run number.
    ///
    /// - Complexity: O(total points).
    public static func write(_ trajectories: [Trajectory]) -> String {
        let runs = trajectories.contains { $0.run != nil }
        var out = (runs ? headerWithRuns : header) + "\n"
        for t in trajectories {
            let label = field(t.label), optimizer = field(t.optimizer)
            let run = runs ? (t.run.map(String.init) ?? "") + "," : ""
            let rates = PathRecord.recordedRates(t)
            for i in 0..<min(t.xs.count, t.ys.count, t.losses.count) {
                // Trajectories only hold finite points; stop defensively at a non-finite one,
                // since a CSV row cannot spell it in a way that reads back.
                guard t.xs[i].isFinite, t.ys[i].isFinite, t.losses[i].isFinite else { break }
                out += label; out += ","; out += optimizer; out += ","; out += run; out += String(i); out += ","
                out += exactDecimal(t.xs[i]); out += ","; out += exactDecimal(t.ys[i]); out += ","
                out += exactDecimal(t.losses[i]); out += ","
                if let rates, i < rates.count, rates[i].isFinite { out += exactDecimal(rates[i]) }
                out += "\n"
            }
        }
        return out
    }

    /// `text` quoted when RFC 4180 requires it.
    static func field(_ text: String) -> String {
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
        var rows = CSVRows(text)
        guard let first = try rows.next() else {
            throw PathCSVError(line: 1, "empty file; expected the header '\(header)'")
        }
        let columns = first.fields
        let hasRun: Bool, hasRate: Bool
        switch columns.joined(separator: ",") {
        case header: hasRun = false; hasRate = true
        case headerWithRuns: hasRun = true; hasRate = true
        case legacyHeader: hasRun = false; hasRate = false
        default:
            throw PathCSVError(line: first.line, "expected the header '\(header)' (or '\(headerWithRuns)' with --runs), found '\(columns.joined(separator: ","))'")
        }
        let offset = hasRun ? 1 : 0
        var records: [PathRecord] = []
        /// Per record: the rates read so far (NaN for an empty field: a rate is always finite) and
        /// the line of the last row.
        var rates: [[Double]] = [], lastLine: [Int] = []
        var index: [String: Int] = [:]
        while let row = try rows.next() {
            let f = row.fields
            guard f.count == columns.count else {
                throw PathCSVError(line: row.line, "expected \(columns.count) fields (\(columns.joined(separator: ","))), found \(f.count)")
            }
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
            var values: [Double] = []
            for (name, text) in zip(["x", "y", "loss"], f[(3 + offset)...(5 + offset)]) {
                guard let v = parseExactDecimal(Substring(text)) else {
                    throw PathCSVError(line: row.line, "\(name) '\(text)' is not a finite decimal number")
                }
                values.append(v)
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
            if let i = index[key] {
                guard records[i].optimizer == f[1] else {
                    throw PathCSVError(line: row.line, "optimizer '\(f[1])' for \(name), whose earlier rows say '\(records[i].optimizer)'")
                }
                guard step == records[i].count else {
                    throw PathCSVError(line: row.line, "step \(step) of \(name); expected step \(records[i].count)")
                }
                records[i].xs.append(values[0]); records[i].ys.append(values[1]); records[i].losses.append(values[2])
                rates[i].append(rate); lastLine[i] = row.line
            } else {
                guard step == 0 else {
                    throw PathCSVError(line: row.line, "\(name) starts at step \(step); expected step 0 (the start)")
                }
                index[key] = records.count
                records.append(PathRecord(label: label, optimizer: f[1], run: run, xs: [values[0]], ys: [values[1]], losses: [values[2]]))
                rates.append([rate]); lastLine.append(row.line)
            }
        }
        // Rates: every row but the last has one, or none has.
        for i in records.indices where hasRate {
            var r = rates[i]
            if r.allSatisfy(\.isNaN) { continue }
            let final = r.removeLast()
            if !final.isNaN {
                throw PathCSVError(line: lastLine[i], "lr \(exactDecimal(final)) on the final row of '\(records[i].key)'; a path's final row has none (no step was taken from it)")
            }
            if let missing = r.firstIndex(where: \.isNaN) {
                throw PathCSVError(line: lastLine[i], "'\(records[i].key)' has no lr at step \(missing); every row but the final one needs its step's rate (or leave all of them empty)")
            }
            records[i].lrs = r
        }
        return records
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
struct CSVRows {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    init(_ text: String) {
        var b = Array(text.utf8)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        bytes = b
    }

    /// The length of the line ending at `i` (1 for LF, 2 for CR LF), or 0.
    private func lineEnd(at i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        if bytes[i] == Self.lf { return 1 }
        if bytes[i] == Self.cr, i + 1 < bytes.count, bytes[i + 1] == Self.lf { return 2 }
        return 0
    }

    /// The next non-empty record, or nil at the end.
    mutating func next() throws(PathCSVError) -> (line: Int, fields: [String])? {
        // Empty lines (also a final line ending) hold no record.
        while case let n = lineEnd(at: position), n > 0 { position += n; line += 1 }
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        while true {
            if position < bytes.count, bytes[position] == Self.quote {
                let quoteLine = line
                position += 1
                var field: [UInt8] = []
                while true {
                    guard position < bytes.count else {
                        throw PathCSVError(line: quoteLine, "unterminated quoted field (a '\"' opens it but none closes it)")
                    }
                    let c = bytes[position]
                    if c == Self.quote {
                        if position + 1 < bytes.count, bytes[position + 1] == Self.quote { field.append(c); position += 2; continue }
                        position += 1
                        break
                    }
                    if c == Self.lf { line += 1 }
                    field.append(c); position += 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                guard position >= bytes.count || bytes[position] == Self.comma || lineEnd(at: position) > 0 else {
                    throw PathCSVError(line: line, "unexpected '\(Unicode.Scalar(bytes[position]))' after a closing quote; expected ',' or the end of the line")
                }
            } else {
                let start = position
                while position < bytes.count, bytes[position] != Self.comma, lineEnd(at: position) == 0 {
                    if bytes[position] == Self.quote {
                        throw PathCSVError(line: line, "a '\"' inside an unquoted field; quote the whole field and double the quote (\"\")")
                    }
                    position += 1
                }
                fields.append(String(decoding: bytes[start..<position], as: UTF8.self))
            }
            if position < bytes.count, bytes[position] == Self.comma { position += 1; continue }
            let n = lineEnd(at: position)
            if n > 0 { position += n; line += 1 }
            return (startLine, fields)
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
