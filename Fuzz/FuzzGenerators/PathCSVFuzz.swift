import Optimizers
import Regression

/// Path CSV files: ``PathCSV/read(_:)`` and ``PathRecord/load(_:name:)`` (as `compare` reads a
/// `.csv`), then what consumes the records: ``comparePaths(expected:actual:rtol:atol:)`` with its
/// report, and writing them back.
public enum PathCSVFuzz {
    public static let target = FuzzTarget(
        name: "csv", summary: "PathCSV.read, PathRecord.load(.csv), comparePaths, PathCSV.write",
        seeds: [
            "label,optimizer,step,x,y,loss\nsgd,sgd,0,-1.5,2,12.5\nsgd,sgd,1,-1.4,1.9,11\n",
            "label,optimizer,step,x,y,loss\r\n\"adam:lr=0.05,beta1=0.8\",adam,0,-1.5,2,12.5\r\n\"a \"\"q\"\"\",sgd,0,1e-08,-0,5e-324\r\n",
            "\u{FEFF}label,optimizer,step,x,y,loss\n\nsgd,sgd,0,1,2,3\nadam,adam,0,1,2,3\nsgd,sgd,1,1,2,3\n",
            "label,optimizer,step,x,y,loss\nsgd,sgd,1,1,2,3\n",
            "label,optimizer,step,x,y,loss\nsgd,sgd,0,nan,2,3\n",
            "label,optimizer,step,x,y\n",
            "label,optimizer,step,x,y,loss,lr\nsgd,sgd,0,1,2,3,0.1\nsgd,sgd,1,1,2,3,\n",
            "label,optimizer,run,step,x,y,loss,lr\nsgd,sgd,1,0,1,2,3,0.1\nsgd,sgd,2,0,1,2,3,0.1\nsgd,sgd,1,1,1,2,3,\n",
            "",
        ],
        dictionary: ["label,optimizer,step,x,y,loss", PathCSV.header, PathCSV.headerWithRuns, ",", "\"", "\"\"", "\n", "\r\n", "\r", "sgd", "adam", "0", "1",
                     "\u{FEFF}"],
        generate: generate, run: run)

    static func generate(_ rng: inout FuzzRandom) -> [UInt8] {
        let eol = rng.below(5) == 0 ? "\r\n" : "\n"
        // The three layouts the reader takes: before rates, with rates, with runs and rates.
        let layout = rng.below(3)
        let header = [PathCSV.legacyHeader, PathCSV.header, PathCSV.headerWithRuns][layout]
        var lines = [rng.below(15) == 0 ? rng.pick(["label,optimizer,step,x,y", "Label,optimizer,step,x,y,loss",
                                                     "label,optimizer,step,x,y,loss,", "\"label\",optimizer,step,x,y,loss",
                                                     "label,optimizer,run,step,x,y,loss"])
                                        : header]
        let labels = (0..<(1 + rng.smallSize(4))).map { _ in label(&rng) }
        let runs = labels.map { _ in layout == 2 ? String(1 + rng.below(3)) : "" }
        var next = [Int](repeating: 0, count: labels.count)
        var rows: [[String]] = [], lastRow = [Int: Int]()
        for _ in 0..<rng.smallSize(60) {
            let i = rng.below(labels.count)
            var step = String(next[i])
            if rng.below(25) == 0 { step = rng.pick(["-1", "1.0", "", "99999999999999999999", " 1", "0x1", String(next[i] + 1)]) }
            next[i] += 1
            var fields = [quoted(labels[i], &rng), rng.below(30) == 0 ? "rmsprop" : "sgd"]
            if layout == 2 { fields.append(rng.below(30) == 0 ? rng.pick(["0", "-1", "x", ""]) : runs[i]) }
            fields.append(step)
            fields += (0..<3).map { _ in number(&rng) }
            if layout > 0 { fields.append(rng.below(20) == 0 ? "" : number(&rng)) }
            if rng.below(30) == 0 { fields.append(rng.below(2) == 0 ? "" : "extra") }
            if rng.below(30) == 0 { fields.removeLast() }
            lastRow[i] = rows.count
            rows.append(fields)
        }
        // A path's final row has no rate (usually).
        // (Sorted: a dictionary's order changes from process to process, and inputs must not.)
        if layout > 0 { for r in lastRow.values.sorted() where rng.below(10) != 0 && rows[r].count >= 7 { rows[r][rows[r].count - 1] = "" } }
        for fields in rows {
            lines.append(fields.joined(separator: ","))
            if rng.below(30) == 0 { lines.append("") }
        }
        let text = (rng.below(10) == 0 ? "\u{FEFF}" : "") + lines.joined(separator: eol) + (rng.chance(0.8) ? eol : "")
        return Array(text.utf8)
    }

    static func label(_ rng: inout FuzzRandom) -> String {
        rng.pick(["sgd", "adam:lr=0.05,beta1=0.8", "a \"quoted\" one", "line\nbreak", "crlf\r\nbreak", "", "é😀",
                  "momentum", ",", "\""])
    }

    /// `text` quoted as RFC 4180 says, or sometimes wrongly.
    static func quoted(_ text: String, _ rng: inout FuzzRandom) -> String {
        let needs = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        if rng.below(20) == 0 { return rng.pick(["\"" + text, "\"" + text + "\"x", text + "\""]) }
        return needs || rng.below(10) == 0 ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func number(_ rng: inout FuzzRandom) -> String {
        switch rng.below(6) {
        case 0: return rng.pick(Mutator.boundaryNumbers)
        case 1: return exactDecimal(Double(rng.int(-100_000...100_000)) / 1000)
        case 2:
            let v = Double(bitPattern: rng.next())
            return v.isFinite ? exactDecimal(v) : "1"
        default: return exactDecimal(Double(rng.int(-50...50)) / 8)
        }
    }

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let records: [PathRecord]
        do { records = try PathCSV.read(String(decoding: bytes, as: UTF8.self)) } catch {
            _ = error.description
            _ = loadAsFile(bytes)
            return .refused
        }
        _ = loadAsFile(bytes)
        // The same paths, one point shorter and moved in x: every kind of disagreement.
        let shifted = records.map { r in
            let n = max(0, r.count - 1)
            return PathRecord(label: r.label, optimizer: r.optimizer, run: r.run, xs: r.xs.prefix(n).map { $0 * 1.5 },
                              ys: Array(r.ys.prefix(n)), losses: Array(r.losses.prefix(n)),
                              lrs: r.lrs.map { $0.prefix(max(0, n - 1)).map { $0 * 2 } })
        }
        _ = comparePaths(expected: records, actual: records, rtol: 0, atol: 0).agrees
        _ = comparePaths(expected: records, actual: shifted.reversed()).report
        let trajectories = records.map { r in
            Trajectory(label: r.label, optimizer: r.optimizer, hyperparameters: Hyperparameters(), steps: max(0, r.count - 1),
                       xs: r.xs, ys: r.ys, losses: r.losses, divergedAt: nil, lrs: r.lrs ?? [], run: r.run)
        }
        // What is written reads back as the same records.
        let again = try? PathCSV.read(PathCSV.write(trajectories))
        precondition(again == records, "PathCSV.write did not read back")
        return .accepted
    }

    static func loadAsFile(_ bytes: [UInt8]) -> Bool {
        do { return try !PathRecord.load(bytes, name: "fuzz.CSV").isEmpty } catch {
            _ = error.description
            return false
        }
    }
}
