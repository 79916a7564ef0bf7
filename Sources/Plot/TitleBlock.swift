import Surfaces

/// A figure's title and subtitle, set to fit the page: the title on one line (shrunk to fit, down
/// to 60 %, then cut with "…"), the subtitle wrapped at spaces onto at most three lines (then
/// shrunk, then cut with "…").
struct TitleBlock {
    var title: String
    /// The subtitle as given (``lines`` is it set).
    var subtitle: String
    var titleSize: Double
    var lines: [String]
    var lineSize: Double
    var theme: Theme

    init(title: String, subtitle: String, width: Double, m: Metrics, theme: Theme) {
        self.theme = theme
        self.title = title
        let natural = TextMetrics.width(title, size: m.title, bold: true)
        titleSize = natural > width && natural > 0 ? max(m.title * 0.6, m.title * width / natural) : m.title
        if TextMetrics.width(title, size: titleSize, bold: true) > width {
            var cut = title
            while !cut.isEmpty && TextMetrics.width(cut + "…", size: titleSize, bold: true) > width { cut.removeLast() }
            self.title = cut.trimmingTrailingSpaces() + "…"
        }
        self.subtitle = subtitle
        var size = m.subtitle
        var lines = wrapText(subtitle, width: width, size: size)
        if lines.count > 3 {
            size = m.subtitle * 0.82
            lines = wrapText(subtitle, width: width, size: size)
        }
        if lines.count > 4 {
            lines = Array(lines.prefix(4))
            lines[3] = truncated(lines[3] + " …", width: width, size: size)
        }
        self.lines = lines
        lineSize = size
    }

    var height: Double {
        (title.isEmpty ? 0 : titleSize * 1.3) + Double(lines.count) * lineSize * 1.3
    }

    /// The marks, centred on `centre`, from `top` down.
    func layer(centre: Double, top: Double, width: Double) -> Layer {
        var marks: [Mark] = []
        var y = top
        if !title.isEmpty {
            marks.append(.text(title, at: Point(centre, y), TextStyle(size: titleSize, color: theme.ink, bold: true,
                                                                       alignment: TextAlignment(.center, .top))))
            y += titleSize * 1.3
        }
        for line in lines {
            marks.append(.text(line, at: Point(centre, y), TextStyle(size: lineSize, color: theme.mutedInk,
                                                                      alignment: TextAlignment(.center, .top))))
            y += lineSize * 1.3
        }
        return Layer(name: "title", viewport: Rect(x: centre - width / 2, y: top, width: width, height: height), marks: marks)
    }
}

extension TitleBlock {
    /// This block centred as near `preferred` as the page allows (a grid's content may sit off the
    /// page's centre): set again for the room on both sides of `preferred` inside the margins, so
    /// that no line reaches past the page's edge; centred on the page instead when the narrower
    /// setting would need more lines than the layout made room for.
    func placed(preferred: Double, pageWidth W: Double, margin: Double, m: Metrics) -> (block: TitleBlock, centre: Double, width: Double) {
        let full = W - 2 * margin
        let half = min(preferred - margin, W - margin - preferred)
        guard half * 2 < full - 0.5 else { return (self, W / 2, full) }
        let narrow = TitleBlock(title: title, subtitle: subtitle, width: max(1, 2 * half), m: m, theme: theme)
        guard half > 0, narrow.height <= height + 1e-9 else { return (self, W / 2, full) }
        return (narrow, preferred, 2 * half)
    }
}

/// `text` broken at spaces into lines at most `width` pixels wide at `size` (a word wider than a
/// line is cut between characters). Runs of white space, line breaks included, count as one space.
func wrapText(_ text: String, width: Double, size: Double) -> [String] {
    let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    var lines: [String] = []
    var line = ""
    for word in words {
        let candidate = line.isEmpty ? word : line + " " + word
        if TextMetrics.width(candidate, size: size) <= width || line.isEmpty && TextMetrics.width(word, size: size) <= width {
            line = candidate
            continue
        }
        if !line.isEmpty { lines.append(line) }
        line = ""
        var rest = word
        while TextMetrics.width(rest, size: size) > width && rest.count > 1 {
            var n = rest.count - 1
            while n > 1 && TextMetrics.width(String(rest.prefix(n)), size: size) > width { n -= 1 }
            lines.append(String(rest.prefix(n)))
            rest = String(rest.dropFirst(n))
        }
        line = rest
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

/// `text` cut to fit `width`, ending in "…" when cut.
func truncated(_ text: String, width: Double, size: Double) -> String {
    guard TextMetrics.width(text, size: size) > width else { return text }
    var s = text
    while !s.isEmpty && TextMetrics.width(s + "…", size: size) > width { s.removeLast() }
    return s.trimmingTrailingSpaces() + "…"
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// A formula as a reader expects it: the ASCII of surface files set as the built-ins' Unicode.
///
///     prettyFormula("0.02*x^2 + 5*(y - sin(x/2))^2")   // "0.02 x² + 5 (y − sin(x/2))²"
///     prettyFormula("sqrt(x*y)\n - 1e-3")             // "√(x·y) − 1e-3"
///
/// White space, line breaks included, becomes single spaces; `^n` (an integer) becomes
/// superscript digits; `*` a space after a number and before a name or parenthesis, `·`
/// elsewhere; `-` a minus sign (except in an exponent such as `1e-3`); `sqrt` `√`. Text already
/// in Unicode is left as it is.
func prettyFormula(_ text: String) -> String {
    let chars = Array(text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                                "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
    var out = ""
    var i = 0
    func previousNonSpace() -> Character? { out.last(where: { $0 != " " }) }
    while i < chars.count {
        let c = chars[i]
        if c == "^" {
            var j = i + 1
            while j < chars.count && chars[j] == " " { j += 1 }
            var digits = ""
            if j < chars.count && chars[j] == "-" { digits.append("-"); j += 1 }
            while j < chars.count && chars[j].isNumber { digits.append(chars[j]); j += 1 }
            if digits.contains(where: \.isNumber), j == chars.count || chars[j] != "." {
                out += String(digits.compactMap { superscripts[$0] })
                i = j
                continue
            }
            out.append("^")
        } else if c == "*" {
            let before = previousNonSpace()
            var j = i + 1
            while j < chars.count && chars[j] == " " { j += 1 }
            let after = j < chars.count ? chars[j] : nil
            if let b = before, b.isNumber || b == ".", let a = after, a.isLetter || a == "(" {
                out = out.trimmingTrailingSpaces() + " "
            } else {
                out = out.trimmingTrailingSpaces() + "·"
            }
            i = j
            continue
        } else if c == "-" {
            // An exponent's sign (1e-3) stays a hyphen.
            let n = out.count
            let chars = Array(out)
            if n >= 2, chars[n - 1] == "e" || chars[n - 1] == "E", chars[n - 2].isNumber {
                out.append("-")
            } else {
                out.append("−")
            }
        } else if c == "s", chars[i...].starts(with: Array("sqrt")), !(out.last?.isLetter ?? false) {
            out.append("√")
            i += 4
            continue
        } else {
            out.append(c)
        }
        i += 1
    }
    return out
}
