import Foundation
import Regression
import Testing

/// The figure options end to end: every style option draws, is recorded in the manifest and
/// replayed; bad values, undefined surfaces and crafted manifests are refused in one line.
@Suite struct FigureCommandTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var files: [String: String] = [:]
        var status: Int32
        /// The first line of stderr, or a prefix of it ending in "…".
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refused: [Case] = [
        Case(arguments: ["--font-scale", "10"], status: 2,
             message: "trajviz: error: invalid --font-scale 10; expected a number from 0.5 to 3"),
        Case(arguments: ["--font-scale", "big"], status: 2,
             message: "trajviz: error: invalid --font-scale 'big'; expected a number, e.g. --font-scale 1.5"),
        Case(arguments: ["--title", String(repeating: "t", count: 501)], status: 2,
             message: "trajviz: error: invalid --title of 501 characters; expected text of at most 500 characters"),
        Case(arguments: ["--surface", "log.toml", "--start=-1,0", "--opt", "adam"],
             files: ["log.toml": "name = \"log\"\nf = \"log(x) + y^2\"\nx = [-3, 3]\ny = [-2, 2]\nstart = [2, 1]\n"], status: 2,
             message: "trajviz: error: invalid --start=-1,0: f is undefined (not a number) there; choose a start where the surface is defined"),
        Case(arguments: ["--surface", "nowhere.toml", "--opt", "adam"],
             files: ["nowhere.toml": "name = \"nowhere\"\nf = \"sqrt(-1 - x*x)\"\nx = [-1, 1]\ny = [-1, 1]\nstart = [0, 0]\n"], status: 2,
             message: "trajviz: error: the surface's suggested start (0, 0) is where f is undefined (not a number); give a --start where the surface is defined"),
    ]

    @Test(arguments: refused)
    func refusedCleanly(_ c: Case) throws {
        let folder = try TemporaryFolder()
        for (name, text) in c.files { try folder.write(name, text) }
        let r = try TrajvizProcess.run(c.arguments, in: folder.url)
        #expect(r.status == c.status, "\(r)")
        let first = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if c.message.hasSuffix("…") { #expect(first.hasPrefix(String(c.message.dropLast())), "\(r)") } else { #expect(first == c.message, "\(r)") }
        #expect(r.stdout.isEmpty && !r.stderr.contains("Fatal error"), "\(r)")
        #expect(folder.listing() == c.files.keys.sorted(), "nothing written")
    }

    /// Inputs that crashed the figure (issue 18): equal losses, a flat surface, subnormal ranges.
    @Test(arguments: [
        ["--surface", "saddle", "--opt", "adam", "--start=0,0"],
        ["--surface", "flat.toml", "--opt", "adam,sgd"],
        ["--opt", "adam", "--ylim=0,1e-320"],
        ["--opt", "sgd:lr=10", "--xlim=-1e300,1e300"],
    ])
    func formerCrashesDrawOrRefuseInOneLine(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        try folder.write("flat.toml", "name = \"flat\"\nf = \"0\"\nx = [-1, 1]\ny = [-1, 1]\nstart = [0.5, 0.5]\n")
        let r = try TrajvizProcess.run(arguments + ["--output", "fig.png", "--size", "400x300"], in: folder.url)
        #expect(!r.stderr.contains("Fatal error"), "\(r)")
        if r.status == 0 {
            #expect(try folder.read("fig.png").starts(with: [0x89, 0x50, 0x4E, 0x47]))
        } else {
            #expect(r.status == 2 && r.stderr.hasPrefix("trajviz: error: ") && r.stderr.split(separator: "\n").count == 1, "\(r)")
        }
    }

    @Test func undefinedRegionIsHatchedWithAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.write("log.toml", "name = \"log\"\nf = \"log(x) + y^2\"\nx = [-3, 3]\ny = [-2, 2]\nstart = [2, 1]\n")
        let r = try TrajvizProcess.run(["--surface", "log.toml", "--opt", "adam,sgd", "--output", "fig.png"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let warning = r.stderr.split(separator: "\n").map(String.init).first { $0.hasPrefix("trajviz: warning: ") }
        #expect(warning == "trajviz: warning: f is undefined (not a number) on 50% of the shown domain; hatched in the figure", "\(r)")
    }

    @Test(arguments: ["png", "svg", "pdf"])
    func everyStyleOptionDrawsInEveryFormat(_ format: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["--surface", "beale", "--opt", "adam,sgd,momentum,rmsprop", "--facet", "optimizer",
                                        "--theme", "dark", "--colormap", "magma", "--aspect", "auto", "--title", "Beale, four ways",
                                        "--subtitle", "", "--background", "transparent", "--font-scale", "1.2", "--loss-scale", "linear",
                                        "--size", "900x700", "--output", "fig.\(format)"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let bytes = try folder.read("fig.\(format)")
        #expect(bytes.count > 1000)
        if format == "svg" {
            let svg = String(decoding: bytes, as: UTF8.self)
            #expect(svg.contains("width=\"900px\""), "SVG size is in CSS px")
        }
    }

    @Test func figureOptionsAreRecordedAndReplayed() throws {
        let folder = try TemporaryFolder()
        let run = try TrajvizProcess.run(["--surface", "himmelblau", "--opt", "adam,sgd", "--facet", "optimizer", "--theme", "dark",
                                          "--colormap", "cividis", "--title", "T", "--font-scale", "1.5", "--loss-scale", "log",
                                          "--aspect", "equal", "--background", "transparent",
                                          "--json", "run.json", "--output", "a.png"], in: folder.url)
        #expect(run.status == 0, "\(run)")
        let manifest = try JSONValue.parse([UInt8](folder.read("run.json")))
        let figure = try #require(manifest["figure"])
        #expect(figure["facet"] == .string("optimizer") && figure["theme"] == .string("dark"))
        #expect(figure["colormap"] == .string("cividis") && figure["title"] == .string("T"))
        #expect(figure["font_scale"] == .number(1.5) && figure["loss_scale"] == .string("log"))
        #expect(figure["aspect"] == .string("equal") && figure["background"] == .string("transparent"))
        // The same figure from the manifest alone; another theme when asked.
        let replay = try TrajvizProcess.run(["replay", "run.json", "--output", "b.png"], in: folder.url)
        #expect(replay.status == 0, "\(replay)")
        #expect(try folder.read("a.png") == folder.read("b.png"))
        let light = try TrajvizProcess.run(["replay", "run.json", "--theme", "light", "--output", "c.png"], in: folder.url)
        let c = try folder.read("c.png"), a = try folder.read("a.png")
        #expect(light.status == 0 && c != a, "\(light)")
    }

    @Test(arguments: [
        ("\"colour\": \"red\"", "trajviz: error: run.json: figure.colour: unknown field; accepted: aspect, azimuth, background, colormap, duration, elevation, facet, font_scale, fps, height, layout, levels, loss_scale, orbit, scale, subtitle, theme, title, view, width, xlim, ylim"),
        ("\"width\": 32767", "trajviz: error: run.json: figure.width: invalid value 32767; expected a whole number of pixels from 100 to 10000"),
        ("\"levels\": 0", "trajviz: error: run.json: figure.levels: invalid value 0; expected a whole number from 2 to 200"),
        ("\"levels\": 100000", "trajviz: error: run.json: figure.levels: invalid value 100000; expected a whole number from 2 to 200"),
        ("\"xlim\": [1, 1]", "trajviz: error: run.json: figure.xlim: invalid value [1, 1]; expected two finite numbers [min, max] with min < max"),
        ("\"font_scale\": \"big\"", "trajviz: error: run.json: figure.font_scale: expected a number, found \"big\""),
    ])
    func craftedManifestsCannotBypassTheLimits(_ field: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["--opt", "adam", "--steps", "5", "--json", "run.json"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        var text = String(decoding: try folder.read("run.json"), as: UTF8.self)
        let range = try #require(text.range(of: "\"figure\": {"))
        text.replaceSubrange(range, with: "\"figure\": {\(field), ")
        try folder.write("run.json", text)
        let replay = try TrajvizProcess.run(["replay", "run.json", "--output", "fig.png"], in: folder.url)
        #expect(replay.status == 1 && replay.stderr == message + "\n", "\(replay)")
        #expect(folder.listing() == ["run.json"])
    }

    @Test func helpTellsTheUnitsOfSizeForEachFormat() throws {
        let r = try TrajvizProcess.run(["--help"])
        let help = r.stdout.split(separator: "\n").joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("pixels in a PNG; CSS px (1/96 inch) in an SVG; 1/96 inch in a PDF"), "\(r)")
        for option in ["--facet", "--title", "--subtitle", "--aspect", "--colormap", "--theme", "--background", "--font-scale", "--loss-scale"] {
            #expect(help.contains(option), "\(option)")
        }
    }
}
