import Foundation
import Testing

/// `trajviz landscape` end to end on the bundled subset, with a small network, one epoch and a
/// small grid so that the debug build stays quick: outputs, the issue's invariants through the
/// CSV, replay, determinism, refusals.
@Suite struct LandscapeCommandTests {
    /// Small and fast: 784-16-10, one epoch of 10 batches, a 9 × 9 grid over 200 records.
    static let small = ["landscape", "--opt", "sgd:lr=0.1,adam", "--epochs", "1", "--batch", "400", "--hidden", "16",
                        "--grid", "9", "--records", "200"]

    struct Row {
        var fields: [String]
        var kind: String { fields[0] }
        func number(_ column: String) -> Double? { Double(fields[LandscapeCommandTests.columns.firstIndex(of: column)!]) }
        func text(_ column: String) -> String { fields[LandscapeCommandTests.columns.firstIndex(of: column)!] }
    }

    static let header = "kind,label,optimizer,iteration,epoch,t,alpha,beta,distance,loss,accuracy,grid_loss"
    static let columns = header.split(separator: ",").map(String.init)

    static func rows(_ csv: Data) -> [Row] {
        String(decoding: csv, as: UTF8.self).split(separator: "\n").dropFirst()
            .map { Row(fields: $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) }
    }

    @Test func writesFigureCSVManifestAndSummary() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + ["--output", "fig.png", "--csv", "ls.csv", "--json", "ls.json"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.isEmpty, "not a terminal: no progress line\n\(r)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("plane: PCA through the start; PC1 holds "), "\(r)")
        // The first column is as wide as the longest label (sgd:lr=0.1).
        #expect(lines[1] == "optimizer   final loss  accuracy  off the plane  line peak", "\(r)")
        #expect(lines[2].hasPrefix("sgd:lr=0.1 ") && lines[3].hasPrefix("adam "), "\(r)")
        #expect(Array(lines.suffix(3)) == ["wrote fig.png", "wrote ls.csv", "wrote ls.json"], "\(r)")
        #expect(try folder.read("fig.png").starts(with: [0x89, 0x50, 0x4e, 0x47]))

        let csv = try folder.read("ls.csv")
        #expect(String(decoding: csv, as: UTF8.self).hasPrefix(Self.header + "\n"))
        let rows = Self.rows(csv)
        #expect(rows.allSatisfy { $0.fields.count == Self.columns.count })
        let grid = rows.filter { $0.kind == "grid" }, paths = rows.filter { $0.kind == "path" }, lines2 = rows.filter { $0.kind == "line" }
        #expect(grid.count == 81)
        // 10 iterations, recorded at every one (the default keeps about 200 a run) and at 0.
        #expect(paths.filter { $0.text("label") == "sgd:lr=0.1" }.map { $0.text("iteration") } == (0...10).map(String.init))
        #expect(paths.count == 22)
        #expect(lines2.count == 2 * 101 && lines2.first?.number("t") == -0.5 && lines2.last?.number("t") == 1.5)
        // The grid's lattice holds the origin (the start) exactly.
        #expect(grid.contains { $0.number("alpha") == 0 } && grid.contains { $0.number("beta") == 0 })
        for row in grid {
            #expect(row.number("loss").map { $0 > 0 && $0.isFinite } == true)
            #expect(row.number("accuracy").map { (0...1).contains($0) } == true)
        }
    }

    /// The issue's invariants, read from the CSV: the start lies on the plane at its origin, and
    /// the grid there shows exactly its loss; so does the centre of a random plane through a run's end.
    @Test(arguments: [["--plane", "pca"], ["--plane", "random", "--center", "adam", "--span", "0.5"]])
    func theCentreLiesOnThePlaneWhereTheGridShowsItsLoss(_ plane: [String]) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + plane + ["--csv", "ls.csv"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let rows = Self.rows(try folder.read("ls.csv"))
        let centre = plane.contains("random")
            ? rows.last { $0.kind == "path" && $0.text("label") == "adam" }!
            : rows.first { $0.kind == "path" && $0.text("iteration") == "0" }!
        #expect(centre.number("alpha") == 0 && centre.number("beta") == 0, "\(centre.fields)")
        #expect(centre.number("distance") == 0)
        let loss = try #require(centre.number("loss")), under = try #require(centre.number("grid_loss"))
        #expect(abs(loss - under) <= 1e-5, "\(loss) vs the grid's \(under)")
        let node = try #require(rows.first { $0.kind == "grid" && $0.number("alpha") == 0 && $0.number("beta") == 0 })
        #expect(abs(node.number("loss")! - loss) <= 1e-5)
        // Every start projects to the origin: all runs share it.
        for row in rows where row.kind == "path" && row.text("iteration") == "0" {
            #expect(row.number("loss") == rows.first { $0.kind == "path" }!.number("loss"))
        }
    }

    @Test func replayDrawsTheSameFigureAndWritesTheSameFiles() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + ["--plane", "random", "--output", "a.png", "--csv", "a.csv", "--json", "a.json"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let replay = try TrajvizProcess.run(["replay", "a.json", "--output", "b.png", "--csv", "b.csv", "--json", "b.json"], in: folder.url)
        #expect(replay.status == 0, "\(replay)")
        #expect(replay.stdout == "wrote b.png\nwrote b.csv\nwrote b.json\n", "\(replay)")
        #expect(try folder.read("a.png") == folder.read("b.png"))
        #expect(try folder.read("a.csv") == folder.read("b.csv"))
        #expect(try folder.read("a.json") == folder.read("b.json"))
        // Without an output: the default figure.
        let plain = try TrajvizProcess.run(["replay", "a.json"], in: folder.url)
        #expect(plain.status == 0 && plain.stdout == "wrote output/landscape.png\n", "\(plain)")
    }

    /// Figure options are recorded in the manifest; replay draws with them, and one given again
    /// replaces the recorded one.
    @Test func figureOptionsAreRecordedAndReplaced() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + ["--theme", "dark", "--size", "600x400", "--title", "Mine", "--output", "a.png", "--json", "a.json"],
                                       in: folder.url)
        #expect(r.status == 0, "\(r)")
        let manifest = String(decoding: try folder.read("a.json"), as: UTF8.self)
        #expect(manifest.contains("\"theme\" : \"dark\"") || manifest.contains("\"theme\": \"dark\""), "\(manifest.prefix(400))")
        let png = try folder.read("a.png")
        // PNG's IHDR: width and height, big-endian, at bytes 16 and 20.
        #expect(Array(png[16..<24]) == [0, 0, 2, 0x58, 0, 0, 1, 0x90])
        let same = try TrajvizProcess.run(["replay", "a.json", "--output", "b.png"], in: folder.url)
        let b = try folder.read("b.png")
        #expect(same.status == 0 && b == png, "\(same)")
        let light = try TrajvizProcess.run(["replay", "a.json", "--theme", "light", "--output", "c.png"], in: folder.url)
        #expect(light.status == 0, "\(light)")
        let c = try folder.read("c.png")
        #expect(c != png && Array(c[16..<24]) == Array(png[16..<24]))
    }

    @Test(arguments: [["landscape", "--xlim=-1,1"], ["replay", "a.json", "--layout", "contour"]])
    func surfaceOnlyFigureOptionsAreRefused(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        if arguments[0] == "replay" {
            #expect(try TrajvizProcess.run(Self.small + ["--json", "a.json"], in: folder.url).status == 0)
        }
        let r = try TrajvizProcess.run(arguments, in: folder.url)
        #expect(r.status == 2, "\(r)")
        let option = arguments[0] == "replay" ? "--layout" : "--xlim"
        #expect(r.stderr == "trajviz: error: \(option) does not apply to a landscape figure (its window covers every projected path: use --span; "
                + "its contours and panels are fixed); accepted figure options: --size, --title, --subtitle, --levels, --colormap, --theme, "
                + "--background, --font-scale; and --view, --azimuth, --elevation, --orbit, --fps, --duration\n", "\(r)")
        #expect(folder.listing() == (arguments[0] == "replay" ? ["a.json"] : []))
    }

    @Test func theSameCommandGivesTheSameBytesOnOneCoreOrTwo() throws {
        let folder = try TemporaryFolder()
        let one = try TrajvizProcess.run(Self.small + ["--json", "one.json"], in: folder.url, environment: ["TRAJVIZ_JOBS": "1"])
        let two = try TrajvizProcess.run(Self.small + ["--json", "two.json"], in: folder.url, environment: ["TRAJVIZ_JOBS": "2"])
        #expect(one.status == 0 && two.status == 0, "\(one)\n\(two)")
        #expect(try folder.read("one.json") == folder.read("two.json"))
    }

    @Test func aDamagedManifestIsRefusedByName() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.json", #"{"format": 1, "kind": "landscape", "trajviz_version": "0.1.0", "setup": {"model": 3}}"#)
        let r = try TrajvizProcess.run(["replay", "bad.json"], in: folder.url)
        #expect(r.status == 1)
        #expect(r.stderr == "trajviz: error: bad.json: setup.model: expected a string, found a number\n", "\(r)")
        #expect(folder.listing() == ["bad.json"])
    }

    static let refusals: [([String], String)] = [
        (["--plane", "flat"], "invalid --plane 'flat'; accepted: pca, random"),
        (["--plane", "randon"], "invalid --plane 'randon' (did you mean 'random'?); accepted: pca, random"),
        (["--grid", "2"], "invalid --grid 2; expected a whole number from 3 to 401"),
        (["--grid", "402"], "invalid --grid 402; expected a whole number from 3 to 401"),
        (["--span", "0"], "invalid --span '0'; expected a number above 0 and at most 1000, e.g. --span 0.5"),
        (["--span", "abc"], "invalid --span 'abc'; expected a number, e.g. --span 1"),
        (["--records", "0"], "invalid --records 0; expected a positive number of training records, e.g. --records 2000"),
        (["--records", "4001"], "invalid --records 4001; the training set holds 4000 records"),
        (["--record-every", "0"], "invalid --record-every 0; expected a positive number of iterations, e.g. --record-every 5"),
        (["--center", "nadam"], "invalid --center 'nadam' (did you mean 'adam'?); accepted: start, sgd:lr=0.1, adam"),
        (["--opt", "sgd:lr=0.2,sgd:lr=0.5", "--center", "sgd"], "--center 'sgd' names 2 runs; give one label: start, sgd:lr=0.2, sgd:lr=0.5"),
        (["--lr", "-1"], "invalid --lr -1 for adam: Invalid learning rate: -1.0"),
        (["--epochs", "0"], "invalid --epochs 0; expected a whole number from 1 to 10000"),
        (["--schedule-every", "epoc"], "invalid --schedule-every 'epoc' (did you mean 'epoch'?); accepted: iteration, epoch"),
        (["--noise-decay", "1"], "--noise-decay anneals the gradient noise; give --noise SIGMA too, e.g. --noise 0.5 --noise-decay 0.55"),
        (["--noise", "-1"], "invalid --noise '-1'; expected a standard deviation >= 0, e.g. --noise 0.5"),
        (["--hidden", "100000,100000"], "invalid --hidden 100000,100000: the network would have …"),
    ]

    @Test(arguments: refusals)
    func refusesWithOneLine(_ extra: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        var arguments = Self.small
        // A later --opt replaces nothing: drop the default small one when a case gives its own.
        if extra.first == "--opt" { arguments.removeSubrange(1...2) }
        let r = try TrajvizProcess.run(arguments + extra + ["--output", "x.png"], in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
        let line = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
        if message.hasSuffix("…") {
            #expect(line.hasPrefix("trajviz: error: " + message.dropLast()), "\(r)")
        } else {
            #expect(line == "trajviz: error: " + message, "\(r)")
        }
        #expect(folder.listing().isEmpty, "nothing written")
    }

    @Test func tooManyRecordsAskForALargerInterval() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["landscape", "--hidden", "2000", "--epochs", "20", "--record-every", "1"], in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.hasPrefix("trajviz: error: recording 801 weights of 1590010 parameters for each of 4 optimizers would hold "), "\(r)")
        #expect(r.stderr.contains("(use a larger --record-every, e.g. "), "\(r)")
        #expect(folder.listing().isEmpty)
    }

    /// On a terminal (a pseudo-terminal from util-linux's `script`), stderr shows the training and
    /// each phase as a bar that is redrawn in place and erased before the summary.
    @Test func aTerminalShowsProgressAndErasesIt() throws {
        let script = "/usr/bin/script"
        try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux's script gives the command a terminal")
        let folder = try TemporaryFolder()
        let command = ([TrajvizProcess.executable.path] + Self.small + ["--output", "fig.png"]).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = folder.url
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        for phase in ["training 2 optimizers [", "evaluating the recorded weights [", "evaluating the grid [####################] 100%",
                      "evaluating the lines ["] {
            #expect(text.contains(phase), "no '\(phase)' in \(text.debugDescription)")
        }
        // Every bar is erased before the summary is printed.
        let summary = try #require(text.range(of: "plane: PCA"))
        #expect(text[..<summary.lowerBound].hasSuffix("\r\u{1b}[2K"), "\(text.debugDescription)")
    }

    @Test func helpTeachesTheCommand() throws {
        let r = try TrajvizProcess.run(["landscape", "--help"])
        #expect(r.status == 0)
        for text in ["--plane pca|random", "--record-every", "--center", "filter-normalized", "Goodfellow", "trajviz replay",
                     "kind,label,optimizer,iteration,epoch,t,alpha,beta,distance,loss,accuracy,grid_loss"] {
            #expect(r.stdout.contains(text), "help lacks \(text)")
        }
    }
}

/// `--view 3d` and animated figures of `trajviz landscape`, and their replay.
@Suite struct LandscapeViewCommandTests {
    static let small = LandscapeCommandTests.small + ["--size", "480x320"]

    /// A 3D still and a GIF of the paths growing; the manifest records the view and the frames,
    /// and replay draws the same bytes from it (a .gif again, or the 3D view as a .png).
    @Test func threeDAndAnimationReplayFromTheManifest() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + ["--view", "3d", "--azimuth=-40", "--output", "a.gif", "--fps", "4", "--duration", "1",
                                                     "--json", "a.json"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let manifest = String(decoding: try folder.read("a.json"), as: UTF8.self)
        for text in ["\"view\": \"3d\"", "\"azimuth\": -40", "\"fps\": 4", "\"duration\": 1"] {
            #expect(manifest.contains(text), "manifest lacks \(text)")
        }
        let gif = try folder.read("a.gif")
        #expect(gif.starts(with: Array("GIF89a".utf8)))
        let again = try TrajvizProcess.run(["replay", "a.json", "--output", "b.gif", "--json", "b.json"], in: folder.url)
        #expect(again.status == 0, "\(again)")
        #expect(try folder.read("b.gif") == gif)
        #expect(try folder.read("b.json") == folder.read("a.json"))
        // The recorded camera draws the still too; --view 2d (given) replaces it.
        let still = try TrajvizProcess.run(["replay", "a.json", "--output", "c.png", "--json", "c.json"], in: folder.url)
        #expect(still.status == 0, "\(still)")
        let c = String(decoding: try folder.read("c.json"), as: UTF8.self)
        #expect(c.contains("\"azimuth\": -40"), "a still keeps the recorded view")
        let flat = try TrajvizProcess.run(["replay", "a.json", "--view", "2d", "--output", "d.png"], in: folder.url)
        #expect(flat.status == 0, "\(flat)")
        #expect(try folder.read("d.png") != folder.read("c.png"))
        // The same run drawn as a 3D still directly gives the replay's bytes.
        let direct = try TrajvizProcess.run(Self.small + ["--view", "3d", "--azimuth=-40", "--output", "e.png"], in: folder.url)
        #expect(direct.status == 0, "\(direct)")
        #expect(try folder.read("e.png") == folder.read("c.png"))
    }

    /// label= and color= reach the legend, the summary and the manifest, and replay keeps them.
    @Test func specLabelsAndColoursAreKept() throws {
        let folder = try TemporaryFolder()
        var arguments = Self.small
        arguments.replaceSubrange(1...2, with: ["--opt", "sgd:lr=0.1,label=Plain SGD,color=#123456", "--opt", "adam"])
        let r = try TrajvizProcess.run(arguments + ["--output", "a.png", "--json", "a.json"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.split(separator: "\n").contains { $0.hasPrefix("Plain SGD ") }, "\(r)")
        let manifest = String(decoding: try folder.read("a.json"), as: UTF8.self)
        #expect(manifest.contains("\"label\": \"Plain SGD\"") && manifest.contains("\"color\": \"#123456\""), "\(manifest.prefix(300))")
        let again = try TrajvizProcess.run(["replay", "a.json", "--output", "b.png"], in: folder.url)
        #expect(again.status == 0, "\(again)")
        #expect(try folder.read("b.png") == folder.read("a.png"))
    }

    static let refusals: [([String], String)] = [
        (["--orbit", "--output", "x.png"], "--orbit needs --view 3d"),
        (["--view", "3d", "--orbit", "--output", "x.png"], "--orbit needs an animated figure; name a .gif or .webp --output"),
        (["--azimuth=10", "--output", "x.png"], "--azimuth needs --view 3d"),
        (["--view", "3d", "--elevation", "91", "--output", "x.png"], "invalid --elevation 91; expected degrees from -90 to 90"),
        (["--fps", "5", "--output", "x.png"], "--fps only applies to an animated figure; name a .gif or .webp --output"),
        (["--fps", "60", "--output", "x.gif"], "invalid --fps 60; expected a whole number from 1 to 50 (frames under 20 ms play slowly in browsers)"),
        (["--background", "transparent", "--output", "x.gif"],
         "--background transparent cannot be kept in a GIF (a pixel is transparent or not); write a .webp or .png"),
        (["--size", "1000x1000", "--fps", "50", "--duration", "120", "--output", "x.webp"],
         "too much work for one animation: 6000 frames of 1000x1000 pixels; at most 3·10⁹ pixels in all: lower --fps, --duration or --size"),
    ]

    @Test(arguments: refusals)
    func refusesBeforeTraining(_ extra: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(LandscapeCommandTests.small + extra, in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr == "trajviz: error: \(message)\n", "\(r)")
        #expect(folder.listing().isEmpty)
    }

    @Test func aDamagedViewInAManifestIsRefusedByName() throws {
        let folder = try TemporaryFolder()
        #expect(try TrajvizProcess.run(LandscapeCommandTests.small + ["--view", "3d", "--azimuth=-40", "--json", "a.json"], in: folder.url).status == 0)
        let text = String(decoding: try folder.read("a.json"), as: UTF8.self)
        let damaged = text.replacingOccurrences(of: "\"azimuth\": -40", with: "\"azimuth\": 500")
        #expect(damaged != text)
        try folder.write("bad.json", damaged)
        let r = try TrajvizProcess.run(["replay", "bad.json", "--output", "x.png"], in: folder.url)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr == "trajviz: error: bad.json: figure.azimuth: invalid value 500; expected degrees from -360 to 360\n", "\(r)")
        #expect(!folder.listing().contains("x.png"))
    }
}
