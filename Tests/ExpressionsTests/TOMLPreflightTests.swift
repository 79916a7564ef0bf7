import Testing
import SurfaceFiles

/// Spellings that made toml++ (inside TOMLKit) abort the process on an assertion, found by
/// fuzzing: each must now be a positioned error, and valid files that merely look similar must
/// still read.
@Suite struct TOMLPreflightTests {
    static let keys = "name = \"t\"\nf = \"x\"\ny = [0, 1]\n"

    func error(_ text: String) -> SurfaceFileError? {
        do { _ = try SurfaceFile.parse(text: text, file: "s.toml"); return nil } catch { return error }
    }

    @Test(arguments: [
        ("x = [}]\n", 1, 6), ("x = [1, }]\n", 1, 9), ("x = [\n  # c\n  }]\n", 3, 3), ("x = [[0, 1], [}]]\n", 1, 15),
        ("lr = { a = [ } ] }\n", 1, 14),
    ])
    func closingBraceWhereAnArrayExpectsAValue(_ x: String, _ line: Int, _ column: Int) throws {
        let e = try #require(error(Self.keys + x))
        #expect(e.line == line + 3 && e.column == column)
        #expect(e.message.contains("expected a value in the array, found '}'"))
    }

    @Test(arguments: ["[,]", "[ ,]", "[\t.a]", "[[ ,]]", "[é]", "[[[a]]]", "[", "[\n"])
    func tableHeaderWithoutAName(_ header: String) throws {
        let e = try #require(error(Self.keys + "x = [0, 1]\n" + header))
        #expect(e.line == 5)
        #expect(e.message.contains("expected a table name after '['"))
    }

    @Test(arguments: ["start = [1979-05-27T-7:32:00Z, 1]", "start = [1979-05-27T[07:32:01Z, 1]", "title = 1979-05-27 2",
                      "title = 07:32:00", "lr = { sgd = 1979-05-27 }", "title = -1979-05-27"])
    func datesAndTimesAreRefused(_ value: String) throws {
        let e = try #require(error(Self.keys + "x = [0, 1]\n" + value + "\n"))
        #expect(e.line == 5)
        #expect(e.message.contains("a date or time is not a surface-file value"))
    }

    @Test func validFilesThatLookAlikeStillRead() throws {
        let s = try SurfaceFile.parse(text: """
            # [, and x = [}] in a comment
            name = "a[,]}"
            f = '''x +
            y'''
            title = '[,\\' # [}]
            minima = [[0, 0]]
            description = \"\"\"
            [,] \\
            x = [}]\"\"\"
            x = [ -2, # a comment with }
              2 ]
            y = [-1, 1e-3]
            start = [-1.5e+0, 0]
            [ "lr" ]
            sgd = 0.1
            """, file: "s.toml")
        #expect(s.name == "a[,]}" && s.domain.x == -2...2)
        #expect(s.suggestedLearningRates == ["sgd": 0.1])
    }
}
