import Foundation
import Testing
import Expressions
import SurfaceFiles
import Surfaces

/// Reading surface files: keys, defaults, and errors that point into the file.
@Suite struct SurfaceFileTests {
    static let minimal = """
        name = "bowl"
        f = "x^2 + 10*y^2"
        x = [-2, 2]
        y = [-1, 1.5]
        """

    func error(_ text: String, file: String = "s.toml") -> SurfaceFileError? {
        do {
            _ = try SurfaceFile.parse(text: text, file: file)
            return nil
        } catch {
            return error
        }
    }

    @Test func minimalFileAndDefaults() throws {
        let s = try SurfaceFile.parse(text: Self.minimal, file: "bowl.toml")
        #expect(s.name == "bowl" && s.title == "bowl" && s.formula == "x^2 + 10*y^2")
        #expect(s.domain == Domain(x: -2...2, y: -1...1.5))
        #expect(s.minima.isEmpty)
        #expect(s.levelScale == .log)                      // non-negative, from 0 to 26.5
        #expect(s.suggestedStart == Point(1.6, 1.25) || s.suggestedStart == Point(-1.6, 1.25))
        #expect(s.value(1, 1) == 11)
        #expect(s.gradient(1, 1) == Point(2, 20))
        #expect(s.suggestedLearningRates.isEmpty)
        #expect(s.file == "bowl.toml")
    }

    @Test func everyKey() throws {
        let s = try SurfaceFile.parse(text: """
            name = "full"
            f = "(x - 1)^2 + (y + 0.5)^2 - 3"
            x = [-2.5, 3]
            y = [-1, 2]
            minima = [[1, -0.5]]
            start = [-2, 1.5]
            levels = "linear"
            title = "A full file"
            description = "Made up for a test\\nsecond line"
            lr = { adam = 0.05, sgd = 1e-2 }
            """, file: "full.toml")
        #expect(s.minima == [Minimum(1, -0.5, value: -3)])
        #expect(s.suggestedStart == Point(-2, 1.5))
        #expect(s.levelScale == .linear)
        #expect(s.title == "A full file")
        #expect(s.citation == "Made up for a test")
        #expect(s.suggestedLearningRates == ["adam": 0.05, "sgd": 0.01])
        #expect(s.definition.description == "Made up for a test\nsecond line")
    }

    @Test func defaultLevelsAreLinearForSignedSurfaces() throws {
        let s = try SurfaceFile.parse(text: Self.minimal.replacingOccurrences(of: "x^2 + 10*y^2", with: "x*y"), file: "t")
        #expect(s.levelScale == .linear)
        // The default start is the highest of the four inset corners.
        #expect(s.suggestedStart == Point(1.6, 1.25))
    }

    /// The constant-gradient plane of the CLI's first-step checks: exact (0.1, -0.2) everywhere.
    @Test func linearGradientIsExact() throws {
        let s = try SurfaceFile.parse(text: """
            name = "linear"
            f = "0.1*x - 0.2*y"
            x = [-1, 3]
            y = [0, 4]
            start = [1, 2]
            """, file: "linear.toml")
        for (x, y) in [(1.0, 2.0), (0.999, 2.002), (-0.5, 3.7)] {
            #expect(s.gradient(x, y) == Point(0.1, -0.2))
        }
        #expect(s.value(1, 2) == 0.1 * 1 - 0.2 * 2)
    }

    // MARK: errors

    @Test func missingKeysAreNamed() throws {
        for key in ["name", "f", "x", "y"] {
            let text = Self.minimal.split(separator: "\n").filter { !$0.hasPrefix("\(key) ") }.joined(separator: "\n")
            let e = try #require(error(text))
            #expect(e.message.hasPrefix("missing key '\(key)'"), "\(e)")
            #expect(e.file == "s.toml")
        }
    }

    @Test(arguments: [
        ("name = 3", 1, 8, "'name' must be a string (in quotes), got 3"),
        ("f = 2", 2, 5, "'f' must be a string (in quotes), got 2"),
        ("x = [1]", 3, 5, "'x' must be an array of two numbers [min, max], e.g. x = [-2, 2], got [1]"),
        ("x = \"-2..2\"", 3, 5, "'x' must be an array of two numbers [min, max], e.g. x = [-2, 2], got \"-2..2\""),
        ("x = [2, -2]", 3, 5, "'x' = [2, -2] must have min < max"),
        ("y = [1, 1]", 4, 5, "'y' = [1, 1] must have min < max"),
        ("y = [0, inf]", 4, 9, "number 'inf': expected a finite number"),
        ("y = [0, 1e-400]", 4, 9, "number '1e-400': expected 0 or a number of magnitude at least 5e-324 (it would read as 0)"),
        ("y = [0, 1e400]", 4, 9, "number '1e400': expected a finite number (the largest is about 1.8e308)"),
        ("y = [0, 0x10]", 4, 9, "number '0x10': write numbers in decimal (hexadecimal, octal and binary are not accepted)"),
        ("y = [-nan, 1]", 4, 6, "number '-nan': expected a finite number"),
        ("x = [\"a\", 2]", 3, 5, "'x' must be an array of two numbers"),
    ])
    func wrongTypesAndRanges(replacement: String, line: Int, column: Int, message: String) throws {
        let key = String(replacement.prefix(while: { $0 != " " }))
        let text = Self.minimal.split(separator: "\n").map { $0.hasPrefix("\(key) ") ? Substring(replacement) : $0 }.joined(separator: "\n")
        let e = try #require(error(text), "\(replacement) should be refused")
        #expect(e.message.hasPrefix(message), "\(e.message)")
        #expect(e.line == line && e.column == column, "\(e)")
        #expect(e.sourceLine == replacement)
    }

    @Test func optionalKeysAreChecked() throws {
        let cases: [(String, String)] = [
            ("levels = \"logarithmic\"", "'levels' must be \"log\" or \"linear\", got \"logarithmic\""),
            ("start = [1]", "'start' must be a pair of finite numbers [x, y], got [1]"),
            ("start = [5, 0]", "start = [5, 0] lies outside the domain x = [-2, 2], y = [-1, 1.5]"),
            ("minima = [1, 2]", "'minima[0]' must be a pair of finite numbers [x, y], got 1"),
            ("minima = [[0, 0], [9, 9]]", "minima[1] = [9, 9] lies outside the domain"),
            ("lr = 0.1", "'lr' must be a table of learning rates"),
            ("lr = { adam = -1 }", "lr.adam must be a positive number, got -1"),
            ("lr = { adam = 0.0 }", "lr.adam must be a positive number, got 0"),
            ("lr = { adam = \"fast\" }", "lr.adam must be a positive number, got \"fast\""),
            ("lr = { adam = true }", "lr.adam must be a positive number, got true"),
            ("description = 1", "'description' must be a string"),
            ("fx = \"x\"", "unknown key 'fx'; accepted keys: name, f, x, y, minima, start, levels, title, description, lr"),
            ("name = \"two words\"", "'name' must be a non-empty word without spaces"),
        ]
        for (line, message) in cases {
            let key = String(line.prefix(while: { $0 != " " }))
            let base = Self.minimal.split(separator: "\n").filter { !$0.hasPrefix("\(key) ") }.joined(separator: "\n")
            let e = try #require(error(base + "\n" + line), "\(line) should be refused")
            #expect(e.message.hasPrefix(message), "\(line): \(e.message)")
            #expect(e.sourceLine == line, "\(line): \(e)")
        }
    }

    @Test func tomlSyntaxErrorHasPositionAndCaret() throws {
        let e = try #require(error("name = \"a\"\nf = \"x\"\nx = [1, 2\ny = [0, 1]\n", file: "bad.toml"))
        #expect(e.file == "bad.toml")
        #expect(e.message.hasPrefix("TOML syntax error: "))
        let line = try #require(e.line), column = try #require(e.column)
        #expect(line >= 3 && line <= 4)
        #expect(e.summary == "bad.toml:\(line):\(column): \(e.message)")
        #expect(e.caret?.hasSuffix("^") == true)
        let e2 = try #require(error("name = = \"a\"\n"))
        #expect((e2.line, e2.column) == (1, 8))
        #expect(e2.description.hasSuffix("\nname = = \"a\"\n       ^"))
    }

    /// A mistake inside f points at the file's line and column, with the caret under it.
    @Test func expressionErrorsMapIntoTheFile() throws {
        let text = "name = \"t\"\nf   =   \"x^2 + sinn(y)\"\nx = [0, 1]\ny = [0, 1]\n"
        let e = try #require(error(text, file: "t.toml"))
        #expect(e.message.hasPrefix("in f: unknown name 'sinn'; accepted: the variables x, y"))
        #expect((e.line, e.column) == (2, 16))
        #expect(e.description.hasPrefix("t.toml:2:16: in f: unknown name 'sinn'"))
        #expect(e.description.hasSuffix("\nf   =   \"x^2 + sinn(y)\"\n               ^~~~"))
    }

    @Test func expressionErrorsInEscapedAndMultilineStrings() throws {
        // An escape before the mistake shifts the file column by its extra characters.
        let escaped = "name = \"t\"\nf = \"\\u0078 + @\"\nx = [0, 1]\ny = [0, 1]\n"
        let e1 = try #require(error(escaped))
        #expect((e1.line, e1.column) == (2, 15))
        // A multi-line string: the mistake is on the file's fourth line.
        let multi = "name = \"t\"\nf = \"\"\"\nx^2\n  + $y\n\"\"\"\nx = [0, 1]\ny = [0, 1]\n"
        let e2 = try #require(error(multi))
        #expect((e2.line, e2.column) == (4, 5))
        #expect(e2.sourceLine == "  + $y")
        // Literal strings are raw.
        let literal = "name = \"t\"\nf = 'x + 2 3'\nx = [0, 1]\ny = [0, 1]\n"
        let e3 = try #require(error(literal))
        #expect((e3.line, e3.column) == (2, 12))
    }

    @Test func deepExpressionInAFileIsAnError() throws {
        let deep = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
        let e = try #require(error("name = \"deep\"\nf = \"\(deep)\"\nx = [0, 1]\ny = [0, 1]\n"))
        #expect(e.message.hasPrefix("in f: the expression is nested too deeply"))
        #expect(e.line == 2)
    }

    @Test func deeplyNestedTOMLIsAnError() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let e = try #require(error("name = \"deep\"\nf = \"x\"\nx = \(deep)\ny = [0, 1]\n"))
        #expect(e.message.hasPrefix("TOML syntax error"), "\(e)")
    }

    @Test func binaryNonUTF8AndHugeFilesAreRefused() throws {
        var binary = Data(Self.minimal.utf8)
        binary.append(contentsOf: [0, 1, 2])
        #expect(throws: SurfaceFileError.self) { try SurfaceFile.parse(data: binary, file: "b.toml") }
        do {
            _ = try SurfaceFile.parse(data: binary, file: "b.toml")
        } catch {
            #expect(error.summary.hasPrefix("b.toml: is a binary file (a zero byte at offset"))
        }
        let latin1 = Data("name = \"caf".utf8) + Data([0xE9]) + Data("\"\n".utf8)
        do {
            _ = try SurfaceFile.parse(data: latin1, file: "l.toml")
            Issue.record("Latin-1 accepted")
        } catch {
            #expect(error.message == "is not valid UTF-8 text (bad byte at offset 11); save it as UTF-8")
        }
        let huge = Data(repeating: UInt8(ascii: "#"), count: SurfaceFile.maximumSize + 1)
        do {
            _ = try SurfaceFile.parse(data: huge, file: "h.toml")
            Issue.record("huge file accepted")
        } catch {
            #expect(error.message.contains("1 MiB"))
        }
    }

    @Test func loadReportsMissingFilesAndFolders() throws {
        do {
            _ = try SurfaceFile.load(path: "/nonexistent/x.toml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.summary == "/nonexistent/x.toml: no such file")
        }
        do {
            _ = try SurfaceFile.load(path: NSTemporaryDirectory())
            Issue.record("loaded a folder")
        } catch {
            #expect(error.message.hasPrefix("is a folder"))
        }
    }

    /// The definition survives a JSON round trip and rebuilds the same surface (manifest replay).
    @Test func definitionRoundTripsThroughJSON() throws {
        let s = try SurfaceFile.parse(text: Self.minimal + "\nlr = { adam = 0.05 }\nstart = [1, 1]", file: "bowl.toml")
        let json = try JSONEncoder().encode(s.definition)
        let back = try JSONDecoder().decode(SurfaceDefinition.self, from: json)
        #expect(back == s.definition)
        let rebuilt = try ExpressionSurface(definition: back)
        #expect(rebuilt.value(0.3, -0.7) == s.value(0.3, -0.7))
        #expect(rebuilt.suggestedStart == Point(1, 1))
        #expect(String(decoding: json, as: UTF8.self).contains("\"lr\":{\"adam\":0.05}"))
    }

    @Test func definitionWithBadFormulaIsRefused() throws {
        let d = SurfaceDefinition(name: "bad", f: "x +* y", x: 0...1, y: 0...1)
        #expect(throws: SurfaceFileError.self) { try ExpressionSurface(definition: d) }
    }
}
