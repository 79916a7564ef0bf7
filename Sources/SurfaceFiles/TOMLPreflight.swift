import Foundation
import Numbers

/// Finds the spellings on which toml++ 3.4.0 (the parser inside TOMLKit) stops the whole
/// process on an internal assertion instead of reporting a syntax error, so that they are
/// reported as errors before the text reaches it. The first two are invalid TOML; the third is
/// of no use in a surface file:
///
/// * a `}` where an array expects a value: `x = [}]`, `x = [1, }]`;
/// * a table header whose name starts with anything but a bare-key character or a quote:
///   `[,]`, `[[ .a]]`, `[é]`;
/// * dates and times, on several of whose malformed spellings (`1979-05-27T-7:00:00Z`,
///   `1979-05-27 2`) it asserts too. Surface files have no use for them, so any value that
///   starts like one (digits, then `-` or `:`) is refused; other TOML stays TOMLKit's to judge.
///
/// It also reads every number with trajviz's one number reader (see `numberProblem`).
///
/// The scan skips strings (all four forms) and comments, and follows the nesting of arrays and
/// inline tables. Found by fuzzing (`scripts/fuzz`).
enum TOMLPreflight {
    /// The first such spelling: 1-based line and column (in Unicode scalars) and a message.
    static func firstProblem(in text: String) -> (line: Int, column: Int, message: String)? {
        let s = Array(text.unicodeScalars)
        let n = s.count
        var i = 0, line = 1, lineStart = 0
        var open: [Unicode.Scalar] = []     // the '[' and '{' of values still open
        var inValue = false                 // after a key's '=' until the value ends
        var atLineStart = true
        var expectingValue = false          // right after an array's '[' or ','
        var startingValue = false           // where a value begins: after '=', or an array's '[' or ','
        func here(_ k: Int) -> (Int, Int) { (line, k - lineStart + 1) }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        /// Where a value starting at `k` shows itself a date or time (digits, then '-' or ':').
        func dateOrTime(at k: Int) -> Int? {
            var j = k
            if j < n, s[j] == "+" || s[j] == "-" { j += 1 }
            let digits = j
            while j < n, isDigit(s[j]) { j += 1 }
            return j > digits && j < n && (s[j] == "-" || s[j] == ":") ? k : nil
        }
        /// Why the number starting at `k` is refused, if it is one: TOML numbers go through
        /// trajviz's one number reader (TOML's `_` digit separators removed), so `0x10`, `inf`,
        /// `nan`, `1e-400` (0 to toml++) are refused as on the command line. What is not a
        /// number at all is toml++'s to report.
        func numberProblem(at k: Int) -> String? {
            guard isDigit(s[k]) || s[k] == "+" || s[k] == "-" || s[k] == "." || s[k] == "i" || s[k] == "n" else { return nil }
            var j = k
            while j < n, !" \t\r\n,]}#".unicodeScalars.contains(s[j]) { j += 1 }
            let token = String(String.UnicodeScalarView(s[k..<j]))
            let lower = token.lowercased()
            let unsigned = lower.hasPrefix("+") || lower.hasPrefix("-") ? String(lower.dropFirst()) : lower
            if unsigned.hasPrefix("0x") || unsigned.hasPrefix("0o") || unsigned.hasPrefix("0b") {
                return "number '\(token)': write numbers in decimal (hexadecimal, octal and binary are not accepted)"
            }
            if (s[k] == "i" || s[k] == "n"), !["inf", "nan"].contains(token) { return nil }
            switch DecimalNumber.parse(token.replacingOccurrences(of: "_", with: "")) {
            case .success, .failure(.malformed): return nil
            case .failure(let problem): return "number '\(token)': \(problem.reason)"
            }
        }
        func isBareKey(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
        }
        while i < n {
            let c = s[i]
            switch c {
            case "\n":
                line += 1; lineStart = i + 1; atLineStart = true
                if open.isEmpty { inValue = false }
                i += 1
                continue
            case " ", "\t", "\r":
                i += 1
                continue
            case "#":
                while i < n, s[i] != "\n" { i += 1 }
                continue
            default:
                break
            }
            if expectingValue, c == "}" {
                let (l, col) = here(i)
                return (l, col, "TOML syntax error: expected a value in the array, found '}'")
            }
            if startingValue, let k = dateOrTime(at: i) {
                let (l, col) = here(k)
                return (l, col, "a date or time is not a surface-file value; write numbers, strings, arrays or tables")
            }
            if startingValue, let problem = numberProblem(at: i) {
                let (l, col) = here(i)
                return (l, col, problem)
            }
            expectingValue = false
            startingValue = false
            let wasAtLineStart = atLineStart
            atLineStart = false
            switch c {
            case "\"", "'":
                // A string: skip to its end (a line break ends a one-line string, which toml++ reports).
                let triple = i + 2 < n && s[i + 1] == c && s[i + 2] == c
                i += triple ? 3 : 1
                while i < n {
                    if c == "\"", s[i] == "\\" {
                        if i + 1 < n, s[i + 1] == "\n" { line += 1; lineStart = i + 2 }
                        i += 2
                        continue
                    }
                    if s[i] == "\n" {
                        if !triple { break }
                        line += 1; lineStart = i + 1
                    }
                    if s[i] == c, !triple || (i + 2 < n && s[i + 1] == c && s[i + 2] == c) {
                        i += triple ? 3 : 1
                        break
                    }
                    i += 1
                }
                continue
            case "[" where wasAtLineStart && open.isEmpty && !inValue:
                // A table header, `[name]` or `[[name]]`.
                var j = i + 1
                if j < n, s[j] == "[" { j += 1 }
                while j < n, s[j] == " " || s[j] == "\t" { j += 1 }
                if j >= n || !(isBareKey(s[j]) || s[j] == "\"" || s[j] == "'" || s[j] == "]") {
                    let (l, col) = here(min(j, n))
                    let found = j < n ? (s[j] == "\n" || s[j] == "\r" ? "the end of the line" : "'\(s[j])'") : "the end of the file"
                    return (l, col, "TOML syntax error: expected a table name after '[', found \(found)")
                }
                i = j
                continue
            case "[":
                open.append("[")
                expectingValue = true
                startingValue = true
            case "{":
                open.append("{")
            case "]", "}":
                if !open.isEmpty { open.removeLast() }
            case ",":
                if open.last == "[" { expectingValue = true; startingValue = true }
            case "=":
                if open.isEmpty || open.last == "{" { inValue = true }
                startingValue = true
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
