import Optimizers

/// The path CSV of `trajviz --csv`: a contract that users' scripts and tests read.
///
///     label,optimizer,step,x,y,loss
///     sgd,sgd,0,-1.5,2,12.5
///     "adam:lr=0.05,beta1=0.8",adam,0,-1.5,2,12.5
///
/// * The header is exactly `label,optimizer,step,x,y,loss`; one row per point; step 0 is the start.
/// * Numbers are the shortest decimals that read back to the identical Double
///   (``exactDecimal(_:)``), never locale-dependent.
/// * Fields holding a comma, a double quote or a line break are quoted as RFC 4180 says (quotes
///   doubled): specs with several hyperparameters contain commas.
/// * A diverged path's rows end at its last finite point.
/// * Lines end with `\n`; the reader also accepts `\r\n`.
public enum PathCSV {
    /// The header line, without its line ending.
    public static let header = "label,optimizer,step,x,y,loss"

    /// The CSV of `trajectories`, paths one after another in the given order.
    ///
    /// - Complexity: O(total points).
    public static func write(_ trajectories: [Trajectory]) -> String {
        var out = header + "\n"
        for t in trajectories {
            let label = field(t.label), optimizer = field(t.optimizer)
            for i in 0..<min(t.xs.count, t.ys.count, t.losses.count) {
                // Trajectories only hold finite points; stop defensively at a non-finite one,
                // since a CSV row cannot spell it in a way that reads back.
                guard t.xs[i].isFinite, t.ys[i].isFinite, t.losses[i].isFinite else { break }
                out += label; out += ","; out += optimizer; out += ","; out += String(i); out += ","
                out += exactDecimal(t.xs[i]); out += ","; out += exactDecimal(t.ys[i]); out += ","
                out += exactDecimal(t.losses[i]); out += "\n"
            }
        }
        return out
    }

    /// `text` quoted when RFC 4180 requires it.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Reads a path CSV back, one record per label in the order labels first appear.
    ///
    /// Each label's rows must carry steps 0, 1, 2, ... in order (other labels' rows may sit in
    /// between) and one optimizer name. Empty lines are skipped; a UTF-8 byte order mark is ignored.
    ///
    /// - Throws: ``PathCSVError`` with the line number and what was expected there.
    /// - Complexity: O(length of `text`).
    public static func read(_ text: String) throws(PathCSVError) -> [PathRecord] {
        var rows = CSVRows(text)
        guard let first = try rows.next() else {
            throw PathCSVError(line: 1, "empty file; expected the header '\(header)'")
        }
        guard first.fields == header.split(separator: ",").map(String.init) else {
            throw PathCSVError(line: first.line, "expected the header '\(header)', found '\(first.fields.joined(separator: ","))'")
        }
        var records: [PathRecord] = []
        var index: [String: Int] = [:]
        while let row = try rows.next() {
            let f = row.fields
            guard f.count == 6 else {
                throw PathCSVError(line: row.line, "expected 6 fields (\(header)), found \(f.count)")
            }
            guard let step = Int(f[2]), step >= 0 else {
                throw PathCSVError(line: row.line, "step '\(f[2])' is not a whole number >= 0")
            }
            var values: [Double] = []
            for (name, text) in zip(["x", "y", "loss"], f[3...5]) {
                guard let v = parseExactDecimal(Substring(text)) else {
                    throw PathCSVError(line: row.line, "\(name) '\(text)' is not a finite decimal number")
                }
                values.append(v)
            }
            let label = f[0]
            if let i = index[label] {
                guard records[i].optimizer == f[1] else {
                    throw PathCSVError(line: row.line, "optimizer '\(f[1])' for '\(label)', whose earlier rows say '\(records[i].optimizer)'")
                }
                guard step == records[i].count else {
                    throw PathCSVError(line: row.line, "step \(step) of '\(label)'; expected step \(records[i].count)")
                }
                records[i].xs.append(values[0]); records[i].ys.append(values[1]); records[i].losses.append(values[2])
            } else {
                guard step == 0 else {
                    throw PathCSVError(line: row.line, "'\(label)' starts at step \(step); expected step 0 (the start)")
                }
                index[label] = records.count
                records.append(PathRecord(label: label, optimizer: f[1], xs: [values[0]], ys: [values[1]], losses: [values[2]]))
            }
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

/// The records of an RFC 4180 text, with the line each starts on.
struct CSVRows {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var line = 1

    init(_ text: String) {
        var s = Array(text.unicodeScalars)
        if s.first == "\u{FEFF}" { s.removeFirst() }
        scalars = s
    }

    /// The next non-empty record, or nil at the end.
    mutating func next() throws(PathCSVError) -> (line: Int, fields: [String])? {
        while position < scalars.count {
            let startLine = line
            // An empty line (also a final line ending) holds no record.
            if scalars[position] == "\n" { position += 1; line += 1; continue }
            if scalars[position] == "\r", position + 1 < scalars.count, scalars[position + 1] == "\n" {
                position += 2; line += 1; continue
            }
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var atFieldStart = true
            while true {
                guard position < scalars.count else { fields.append(String(field)); return (startLine, fields) }
                let c = scalars[position]
                if atFieldStart, c == "\"" {
                    position += 1
                    let quoteLine = line
                    while true {
                        guard position < scalars.count else {
                            throw PathCSVError(line: quoteLine, "unterminated quoted field (a '\"' opens it but none closes it)")
                        }
                        let q = scalars[position]
                        if q == "\"" {
                            if position + 1 < scalars.count, scalars[position + 1] == "\"" {
                                field.append("\""); position += 2; continue
                            }
                            position += 1
                            break
                        }
                        if q == "\n" { line += 1 }
                        field.append(q); position += 1
                    }
                    atFieldStart = false
                    guard position >= scalars.count || scalars[position] == "," || scalars[position] == "\n"
                            || (scalars[position] == "\r" && position + 1 < scalars.count && scalars[position + 1] == "\n") else {
                        throw PathCSVError(line: line, "unexpected '\(scalars[position])' after a closing quote; expected ',' or the end of the line")
                    }
                    continue
                }
                if c == "," {
                    fields.append(String(field)); field = String.UnicodeScalarView(); atFieldStart = true; position += 1
                    continue
                }
                if c == "\n" || (c == "\r" && position + 1 < scalars.count && scalars[position + 1] == "\n") {
                    position += c == "\n" ? 1 : 2
                    line += 1
                    fields.append(String(field))
                    return (startLine, fields)
                }
                if c == "\"" {
                    throw PathCSVError(line: line, "a '\"' inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
                field.append(c); position += 1; atFieldStart = false
            }
        }
        return nil
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
