import Foundation
import Regression
import SurfaceFiles
import Surfaces

/// Surface files: ``SurfaceFile/parse(data:file:)`` (size, binary and UTF-8 checks, TOML, keys,
/// the expression), then the surface evaluated at its start, minima and corners, and its
/// definition carried through a manifest's JSON and rebuilt, as replay does.
public enum SurfaceFileFuzz {
    public static let target = FuzzTarget(
        name: "surface", summary: "SurfaceFile.parse(data:file:), ExpressionSurface, definition round trip",
        seeds: [
            "name = \"valley\"\nf = \"0.05*x^2 + 5*(y - 0.2*x^2)^2\"\nx = [-4, 4]\ny = [-2, 3]\nminima = [[0, 0]]\nstart = [-3.5, 2.5]\nlevels = \"log\"\ntitle = \"A long valley\"\ndescription = \"\"\"\nA valley.\nSecond line.\"\"\"\nlr = { sgd = 0.01, adam = 0.05 }\n",
            "name = 'bowl'\nf = '''x^2 +\n y^2'''\nx = [-1.0, 1.0]\ny = [-1, 1]\n",
            "\u{FEFF}name = \"crlf\"\r\nf = \"x*y\"\r\nx = [-2, 2]\r\ny = [-2, 2]\r\n",
            "name = \"bad\"\nf = \"x +\"\nx = [-2, 2]\ny = [-2, 2]\n",
            "name = \"esc\"\nf = \"x\\u005e2 + \\\n  y\"\nx = [0, 1]\ny = [0, 1]\n",
            "name = \"t\"\nf = \"x\"\nx = [1, 0]\ny = [0, 1]\n[lr]\nsgd = 0.1\n",
            "name = \"\"\nf = 3\nx = \"a\"\n",
            "name = \"inf\"\nf = \"x\"\nx = [-inf, nan]\ny = [0x10, 1_000]\nstart = [1979-05-27T07:32:00Z, 1]\n",
        ],
        dictionary: SurfaceDefinition.keys + ["=", "\"", "'", "\"\"\"", "'''", "[", "]", "{", "}", "[[", "]]", "#", "\n",
                                              "\r\n", "\\u", "\\U0010FFFF", "\\", "inf", "nan", "true", "1979-05-27",
                                              "0x", "0o", "0b", "_", ".", "\t"],
        generate: generate, run: run)

    static func generate(_ rng: inout FuzzRandom) -> [UInt8] {
        rng.chance(0.5) ? wellFormed(&rng) : anything(&rng)
    }

    /// A file that reads (unless the expression is malformed or a point falls outside the domain),
    /// so that the surface and its defaults are exercised too.
    static func wellFormed(_ rng: inout FuzzRandom) -> [UInt8] {
        func range(_ rng: inout FuzzRandom) -> (Double, Double) {
            let lo = Double(rng.int(-5000...4000)) / 1000
            return (lo, lo + Double(rng.int(1...5000)) / 1000 * (rng.below(20) == 0 ? 1e300 : 1))
        }
        let x = range(&rng), y = range(&rng)
        func inside(_ rng: inout FuzzRandom) -> String {
            "[\(x.0 + (x.1 - x.0) * Double(rng.below(11)) / 10), \(y.0 + (y.1 - y.0) * Double(rng.below(11)) / 10)]"
        }
        var lines = ["name = " + quoted(rng.pick(["valley", "bowl", "x", "très"]), &rng),
                     "f = " + quoted(ExpressionFuzz.expression(&rng, depth: rng.int(0...5)), &rng),
                     "x = [\(x.0), \(x.1)]", "y = [\(y.0), \(y.1)]"]
        if rng.chance(0.5) { lines.append("minima = [" + (0..<rng.smallSize(3)).map { _ in inside(&rng) }.joined(separator: ", ") + "]") }
        if rng.chance(0.5) { lines.append("start = " + inside(&rng)) }
        if rng.chance(0.3) { lines.append("levels = " + quoted(rng.pick(["log", "linear"]), &rng)) }
        if rng.chance(0.3) { lines.append("title = " + quoted("A title", &rng)) }
        if rng.chance(0.3) { lines.append("lr = { sgd = 0.01, adam = \(Double(rng.int(1...1000)) / 1000) }") }
        lines.shuffle(using: &rng)
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Keys present or not, values of any type and any spelling.
    static func anything(_ rng: inout FuzzRandom) -> [UInt8] {
        var lines: [String] = []
        let eol = rng.below(6) == 0 ? "\r\n" : "\n"
        var keys = SurfaceDefinition.keys.filter { ["name", "f", "x", "y"].contains($0) || rng.chance(0.5) }
        if rng.below(10) == 0, !keys.isEmpty { keys.remove(at: rng.below(keys.count)) }
        if rng.below(10) == 0 { keys.append(rng.pick(["nmae", "z", "\"quoted key\"", "a.b", "lr.sgd", "f"])) }
        if rng.below(4) == 0 { keys.shuffle(using: &rng) }
        for key in keys {
            let spaces = rng.below(5) == 0 ? "" : " "
            if key == "lr", rng.below(3) == 0 { continue }   // written as a table below
            lines.append(key + spaces + "=" + spaces + value(for: key, &rng))
            if rng.below(8) == 0 { lines.append(rng.pick(["# a comment", "", "   ", "\t# x = [0, 1]"])) }
        }
        if keys.contains("lr") || rng.below(10) == 0 {
            lines.append(rng.pick(["[lr]", "[ lr ]", "[[lr]]", "[x]", "[lr.sgd]"]))
            for _ in 0..<rng.smallSize(4) {
                lines.append(rng.pick(["sgd", "adam", "momentum", "unknown", "\"a b\""]) + " = " + number(&rng))
            }
        }
        let text = (rng.below(10) == 0 ? "\u{FEFF}" : "") + lines.joined(separator: eol) + (rng.chance(0.8) ? eol : "")
        return Array(text.utf8)
    }

    static func value(for key: String, _ rng: inout FuzzRandom) -> String {
        if rng.below(15) == 0 { return anyValue(&rng, depth: 2) }
        switch key {
        case "name": return quoted(rng.pick(["valley", "bowl", "a b", "", "x", "très", "😀", "\t", "name\\n"]), &rng)
        case "f": return quoted(ExpressionFuzz.expression(&rng, depth: rng.int(0...4)), &rng)
        case "x", "y":
            let lo = number(&rng), hi = number(&rng)
            return rng.below(8) == 0 ? "[" + lo + "]" : "[" + lo + ", " + hi + "]"
        case "minima": return "[" + (0..<rng.smallSize(4)).map { _ in pair(&rng) }.joined(separator: ", ") + "]"
        case "start": return pair(&rng)
        case "levels": return quoted(rng.pick(["log", "linear", "Log", "cubic", ""]), &rng)
        case "title", "description": return quoted(rng.pick(["A title", "Line one\nline two", "", "\u{1F600} emoji", "tab\there"]), &rng)
        case "lr": return "{ " + (0..<rng.smallSize(3)).map { _ in rng.pick(["sgd", "adam", "x"]) + " = " + number(&rng) }.joined(separator: ", ") + " }"
        default: return anyValue(&rng, depth: 2)
        }
    }

    /// A number as TOML may write it, valid or not.
    static func number(_ rng: inout FuzzRandom) -> String {
        switch rng.below(5) {
        case 0: return rng.pick(["-2", "2", "-4", "4", "0", "-1.5", "3.25", "1e3", "-1e-3", "+1"])
        case 1: return rng.pick(["inf", "-inf", "nan", "+nan", "0x1F", "0o17", "0b101", "1_000", "1__0", "01", "1e400",
                                  "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1.", ".5"])
        case 2: return rng.pick(Mutator.boundaryNumbers)
        default: return String(Double(rng.int(-5000...5000)) / 1000)
        }
    }

    static func pair(_ rng: inout FuzzRandom) -> String {
        rng.below(10) == 0 ? anyValue(&rng, depth: 1) : "[" + number(&rng) + ", " + number(&rng) + "]"
    }

    /// A TOML string in one of its four forms, with escapes where the form allows them.
    static func quoted(_ s: String, _ rng: inout FuzzRandom) -> String {
        switch rng.below(6) {
        case 0: return "'" + s + "'"
        case 1: return "'''" + s + "'''"
        case 2: return "\"\"\"\n" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"\"\""
        case 3:
            // Escapes for every scalar, as an odd but valid spelling.
            return "\"" + s.unicodeScalars.map { rng.chance(0.5) ? "\\u" + hex($0.value, 4) : escaped($0) }.joined() + "\""
        default: return "\"" + s.unicodeScalars.map(escaped).joined() + "\""
        }
    }

    static func escaped(_ c: Unicode.Scalar) -> String {
        switch c {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\t": return "\\t"
        default: return String(c)
        }
    }

    static func hex(_ v: UInt32, _ digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// Any TOML value, for keys that expect something else.
    static func anyValue(_ rng: inout FuzzRandom, depth: Int) -> String {
        switch rng.below(depth > 0 ? 8 : 5) {
        case 0: return number(&rng)
        case 1: return rng.pick(["true", "false", "1979-05-27T07:32:00Z", "07:32:00", "1979-05-27"])
        case 2: return quoted(rng.pick(["x", "", "log"]), &rng)
        case 3: return "[]"
        case 4: return "{}"
        case 5: return "[" + (0..<rng.smallSize(3)).map { _ in anyValue(&rng, depth: depth - 1) }.joined(separator: ", ") + "]"
        case 6: return "{ a = " + anyValue(&rng, depth: depth - 1) + " }"
        default: return String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        }
    }

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let surface: ExpressionSurface
        do { surface = try SurfaceFile.parse(data: Data(bytes), file: "fuzz.toml") } catch {
            _ = error.description
            return .refused
        }
        var points = [surface.suggestedStart] + surface.minima.map(\.point)
        let d = surface.domain
        points += [Point(d.x.lowerBound, d.y.lowerBound), Point(d.x.upperBound, d.y.upperBound)]
        for p in points {
            _ = surface.evaluate(p)
            _ = surface.gradient(p.x, p.y)
        }
        _ = (surface.title, surface.citation, surface.levelScale, surface.suggestedLearningRates, surface.minimumValue)
        // What a manifest records for a file surface, and what replay rebuilds from it.
        do {
            let json = try JSONValue(encoding: surface.definition)
            let reread = try JSONValue.parse(json.prettyBytes())
            _ = try ExpressionSurface(definition: reread.decode(SurfaceDefinition.self))
        } catch {
            _ = "\(error)"
        }
        return .accepted
    }
}
