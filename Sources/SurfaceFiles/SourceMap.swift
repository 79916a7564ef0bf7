/// Finds where top-level keys and the characters of string values sit in a TOML text, so that
/// errors found after parsing (a wrong type, a mistake inside `f`) can point at the file.
///
/// TOMLKit returns values without positions; this reads the raw lines. It handles what surface
/// files use: `key = value` at the top level, basic and literal strings, single- and
/// multi-line. When the raw text does not decode to the parsed value (an unusual spelling), the
/// caller falls back to the key's position.
struct SourceMap {
    let lines: [[Unicode.Scalar]]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var scalars = Array(line.unicodeScalars)
            if scalars.last == "\r" { scalars.removeLast() }
            return scalars
        }
    }

    /// A 1-based (line, column).
    struct Position: Hashable { var line: Int; var column: Int }

    /// Where `key = value` starts at the top level: the key's position and the value's.
    func locate(key: String) -> (key: Position, value: Position)? {
        let target = Array(key.unicodeScalars)
        for (i, line) in lines.enumerated() {
            var j = 0
            while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
            if j < line.count, line[j] == "[" { return nil }   // a table header ends the top level
            let keyStart = j
            var name: [Unicode.Scalar] = []
            if j < line.count, line[j] == "\"" || line[j] == "'" {
                let quote = line[j]
                j += 1
                while j < line.count, line[j] != quote { name.append(line[j]); j += 1 }
                j += 1
            } else {
                while j < line.count, line[j] != " ", line[j] != "\t", line[j] != "=" { name.append(line[j]); j += 1 }
            }
            guard name == target else { continue }
            while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
            guard j < line.count, line[j] == "=" else { continue }
            j += 1
            while j < line.count, line[j] == " " || line[j] == "\t" { j += 1 }
            return (Position(line: i + 1, column: keyStart + 1), Position(line: i + 1, column: j + 1))
        }
        return nil
    }

    /// The file position of each scalar of the string value that starts at `start`, provided
    /// decoding the raw text gives exactly `expected`.
    func stringPositions(at start: Position, expected: String) -> [Position]? {
        var line = start.line - 1, col = start.column - 1
        func peek(_ k: Int = 0) -> Unicode.Scalar? {
            guard line < lines.count else { return nil }
            return col + k < lines[line].count ? lines[line][col + k] : (col + k == lines[line].count ? "\n" : nil)
        }
        func advance() {
            if col >= lines[line].count { line += 1; col = 0 } else { col += 1 }
        }
        guard let open = peek(), open == "\"" || open == "'" else { return nil }
        let multiline = peek(1) == open && peek(2) == open
        let literal = open == "'"
        for _ in 0..<(multiline ? 3 : 1) { advance() }
        if multiline, peek() == "\n" { advance() }   // TOML trims a newline right after """
        var decoded: [Unicode.Scalar] = []
        var positions: [Position] = []
        while line < lines.count {
            guard let c = peek() else { return nil }
            let here = Position(line: line + 1, column: col + 1)
            if c == open && (!multiline || (peek(1) == open && peek(2) == open && peek(3) != open)) { break }
            if c == "\n" && !multiline { return nil }
            if c == "\\" && !literal {
                advance()
                guard let e = peek() else { return nil }
                let simple: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "\"": "\"", "\\": "\\", "r": "\r", "b": "\u{8}", "f": "\u{C}"]
                if let s = simple[e] {
                    decoded.append(s); positions.append(here); advance()
                } else if e == "u" || e == "U" {
                    advance()
                    var hex = ""
                    for _ in 0..<(e == "u" ? 4 : 8) {
                        guard let h = peek() else { return nil }
                        hex.unicodeScalars.append(h); advance()
                    }
                    guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { return nil }
                    decoded.append(s); positions.append(here)
                } else if multiline, e == " " || e == "\t" || e == "\n" {
                    // A line-ending backslash swallows the whitespace and newlines after it.
                    while let w = peek(), w == " " || w == "\t" || w == "\n" { advance() }
                } else {
                    return nil
                }
                continue
            }
            decoded.append(c == "\n" ? "\n" : c)
            positions.append(here)
            advance()
        }
        return String(String.UnicodeScalarView(decoded)) == expected ? positions : nil
    }

    /// The text of a 1-based line, without its line break.
    func text(ofLine line: Int) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        return String(String.UnicodeScalarView(lines[line - 1]))
    }
}
