import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The bad-input table of issue 18, one group per class of defect found by a hostile user: each
/// case names its exact stderr, its exit status, what stdout holds, and that every file in the
/// folder is as it was (same names, kinds, bytes, permission bits, link targets) with no
/// temporary file left. Cases that must succeed (writing through a device, keeping a link)
/// check the folder after the run instead. Run by scripts/test against the release build.
@Suite struct HostileInputTests {
    /// The classes of issue 18 (8, undefined values, is the figures' and not here yet).
    enum Class: String, Sendable {
        case streams = "1 crashes on failed writes"
        case specialFiles = "2 special files"
        case atomicity = "3 all outputs or none"
        case debris = "4 debris"
        case collisions = "5 outputs that collide"
        case limits = "6 limits through manifests and files"
        case cost = "7 cost blow-ups"
        case messages = "9 messages"
        case leniency = "10 leniency"
    }

    /// What the folder holds before the run.
    enum Entry: Sendable {
        case file(String, String, mode: Int = 0o644)
        case link(String, to: String)
        case hardLink(String, to: String)
        case fifo(String)
        case socket(String)
        case folder(String)
        /// A manifest written by `trajviz --opt adam,sgd --steps 3 --json NAME`, then changed.
        case manifest(String, edit: (@Sendable (inout [String: Any]) -> Void)?)
        /// The first occurrence of a text in a file replaced.
        case replace(String, String, with: String)
        /// What `trajviz ARGUMENTS` writes.
        case run([String])
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var kind: Class
        var setup: [Entry] = []
        var arguments: [String]
        /// Shell set-up before trajviz (`ulimit -f 64; trap '' XFSZ;`) and its redirection.
        var prefix = ""
        var redirect = ""
        var status: Int32
        /// The whole stderr, line by line; a line ending in `…` is matched as a prefix.
        var stderr: [String]
        /// The whole stdout (a prefix when it ends in `…`); nil when not checked.
        var stdout: String? = ""
        /// For a run that writes: checks on the folder after it (nil: the folder must be unchanged).
        var after: (@Sendable (TemporaryFolder) throws -> Void)? = nil
        var testDescription: String { "[\(kind.rawValue)] trajviz " + arguments.joined(separator: " ") + (redirect.isEmpty ? "" : " " + redirect) }
    }

    static func figure(_ set: [String: Any]) -> @Sendable (inout [String: Any]) -> Void {
        let pairs = set.map { ($0.key, "\($0.value)") }
        return { json in
            var figure = json["figure"] as? [String: Any] ?? [:]
            for (k, v) in pairs { figure[k] = (try? JSONSerialization.jsonObject(with: Data(v.utf8), options: .fragmentsAllowed)) ?? v }
            json["figure"] = figure
        }
    }

    static func path(_ key: String, _ value: String) -> @Sendable (inout [String: Any]) -> Void {
        return { json in
            var paths = json["paths"] as! [[String: Any]]
            paths[0][key] = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
            json["paths"] = paths
        }
    }

    static let surfaceFile = "name = \"bowl\"\nf = \"x^2 + 10*y^2\"\nx = [-2, 2]\ny = [-1, 1.5]\n"
    static let long255 = String(repeating: "a", count: 251) + ".csv"

    static let cases: [Case] = [
        // MARK: 1. A failed write to stdout or stderr is an error, never a trap.
        Case(kind: .streams, arguments: ["list"], redirect: "> /dev/full", status: 1,
             stderr: ["trajviz: error: cannot write standard output: No space left on device"], stdout: nil),
        Case(kind: .streams, arguments: ["--opt", "adam", "--steps", "2", "--csv", "-"], redirect: "> /dev/full", status: 1,
             stderr: ["trajviz: error: cannot write --csv to standard output: No space left on device"], stdout: nil),
        Case(kind: .streams, setup: [.file("a.csv", "old")], arguments: ["--opt", "adam", "--steps", "2", "--csv", "a.csv"],
             redirect: ">&-", status: 1, stderr: ["trajviz: error: cannot write standard output: it is closed"], stdout: nil),
        // The status line is part of the run: stdout that cannot take it leaves a.csv as it was.
        Case(kind: .streams, setup: [.file("a.csv", "old")], arguments: ["--opt", "adam", "--steps", "2", "--csv", "a.csv"],
             redirect: "> /dev/full", status: 1, stderr: ["trajviz: error: cannot write standard output: No space left on device"], stdout: nil),
        Case(kind: .streams, arguments: ["--version"], redirect: "> /dev/full", status: 1,
             stderr: ["trajviz: error: cannot write standard output: No space left on device"], stdout: nil),
        Case(kind: .streams, arguments: ["--help"], redirect: ">&-", status: 1,
             stderr: ["trajviz: error: cannot write standard output: it is closed"], stdout: nil),
        Case(kind: .streams, arguments: ["--opt", "adam:lr=-1"], redirect: "2>&-", status: 2, stderr: []),
        Case(kind: .streams, arguments: ["--opt", "adam", "--steps", "2", "--csv", "/dev/full"], status: 1,
             stderr: ["trajviz: error: cannot write --csv '/dev/full': No space left on device"]),

        // MARK: 2. Special files: written through, never replaced; links kept; the rest refused.
        Case(kind: .specialFiles, arguments: ["--opt", "adam", "--steps", "2", "--csv", "/dev/null"], status: 0,
             stderr: [], stdout: "wrote /dev/null\n"),
        Case(kind: .specialFiles, arguments: ["--opt", "adam", "--steps", "2", "--csv", "/dev/stdout"], status: 0,
             stderr: [], stdout: nil, after: { folder in #expect(folder.listing().isEmpty) }),
        Case(kind: .specialFiles, arguments: ["--opt", "adam", "--steps", "1", "--csv", "/dev/stderr"], status: 0,
             stderr: ["label,optimizer,step,x,y,loss,lr", "adam,adam,0,-1.5,2,12.5,0.05", "adam,adam,1,-1.4500000000032258,2.04999999999,6.278125000219035,"],
             stdout: "wrote /dev/stderr\n"),
        Case(kind: .specialFiles, setup: [.file("target.csv", "old", mode: 0o640), .link("link.csv", to: "target.csv")],
             arguments: ["--opt", "adam", "--steps", "2", "--csv", "link.csv"], status: 0, stderr: [], stdout: "wrote link.csv\n",
             after: { folder throws in
                 #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path("link.csv")) == "target.csv")
                 #expect(String(decoding: try folder.read("target.csv"), as: UTF8.self).hasPrefix("label,optimizer"))
                 #expect(try HostileInputTests.mode(folder.path("target.csv")) == 0o640)
                 #expect(folder.listing() == ["link.csv", "target.csv"])
             }),
        Case(kind: .specialFiles, setup: [.folder("sub"), .link("new.csv", to: "sub/made.csv")],
             arguments: ["--opt", "adam", "--steps", "2", "--csv", "new.csv"], status: 0, stderr: [], stdout: "wrote new.csv\n",
             after: { folder in #expect(folder.listing() == ["new.csv", "sub", "sub/made.csv"]) }),
        Case(kind: .specialFiles, setup: [.fifo("fifo")], arguments: ["--opt", "adam", "--steps", "1", "--csv", "fifo"],
             prefix: "cat fifo > got.txt &", status: 0, stderr: [], stdout: "wrote fifo\n",
             after: { folder throws in
                 var s = stat()
                 #expect(lstat(folder.path("fifo"), &s) == 0 && UInt32(s.st_mode) & UInt32(S_IFMT) == UInt32(S_IFIFO), "the FIFO was replaced")
                 for _ in 0..<100 where (try? folder.read("got.txt"))?.isEmpty ?? true { usleep(20_000) }
                 #expect(String(decoding: try folder.read("got.txt"), as: UTF8.self).hasPrefix("label,optimizer,step"))
             }),
        Case(kind: .specialFiles, setup: [.link("dangling.csv", to: "missing/x.csv")],
             arguments: ["--opt", "adam", "--csv", "dangling.csv"], status: 1,
             stderr: ["trajviz: error: cannot write --csv 'dangling.csv': it is a symbolic link to 'missing/x.csv', whose folder 'missing' does not exist"]),
        Case(kind: .specialFiles, setup: [.socket("sock")], arguments: ["--opt", "adam", "--csv", "sock"], status: 1,
             stderr: ["trajviz: error: cannot write --csv 'sock': it is a socket; name a file, a FIFO or a device"]),
        Case(kind: .specialFiles, setup: [.link("a", to: "b"), .link("b", to: "a")], arguments: ["--opt", "adam", "--csv", "a"], status: 1,
             stderr: ["trajviz: error: cannot write --csv 'a': too many levels of symbolic links"]),

        // MARK: 3. A run that fails writes none of its outputs.
        Case(kind: .atomicity, setup: [.file("out.csv", "old csv"), .file("fig.png", "old png")],
             arguments: ["--opt", "adam", "--steps", "20", "--csv", "out.csv", "--output", "fig.png"],
             prefix: "ulimit -f 64; trap '' XFSZ;", status: 1, stderr: ["trajviz: error: cannot write --output 'fig.png': File too large"]),
        Case(kind: .atomicity, setup: [.file("out.csv", "old csv"), .file("run.json", "old json")],
             arguments: ["--opt", "adam,rmsprop,nadam", "--steps", "5000", "--csv", "out.csv", "--json", "run.json"],
             prefix: "ulimit -f 256; trap '' XFSZ;", status: 1, stderr: ["trajviz: error: cannot write --csv 'out.csv': File too large"]),
        Case(kind: .atomicity, setup: [.file("out.csv", "old csv")],
             arguments: ["--opt", "adam,sgd:lr=-1", "--csv", "out.csv", "--output", "fig.png"], status: 2,
             stderr: ["trajviz: error: invalid optimizer 'sgd:lr=-1': Invalid learning rate: -1.0"]),
        Case(kind: .atomicity, arguments: ["--opt", "adam", "--steps", "2", "--csv", "c.csv", "--json", "j.json"], redirect: "> /dev/full",
             status: 1, stderr: ["trajviz: error: cannot write standard output: No space left on device"], stdout: nil),
        Case(kind: .atomicity, arguments: ["--opt", "adam:lr=-1"], status: 2,
             stderr: ["trajviz: error: invalid optimizer 'adam:lr=-1': Invalid learning rate: -1.0"]),

        // MARK: 4. Temporaries: stale ones of dead processes go, nobody else's files.
        Case(kind: .debris, setup: [.file(".out.csv.trajviz-999999999.tmp", "stale"), .file(".trajviz-999999999-3.bak", "stale"),
                                     .file(".keep.trajviz-1.tmp", "pid 1 lives"), .file("mine.trajviz-999999999.tmp", "the user's")],
             arguments: ["--opt", "adam", "--steps", "2", "--csv", "out.csv"], status: 0, stderr: [], stdout: "wrote out.csv\n",
             after: { folder in #expect(folder.listing() == [".keep.trajviz-1.tmp", "mine.trajviz-999999999.tmp", "out.csv"]) }),
        Case(kind: .debris, arguments: ["--opt", "adam", "--steps", "2", "--csv", long255], status: 0, stderr: [],
             stdout: "wrote \(long255)\n", after: { folder in #expect(folder.listing() == [HostileInputTests.long255]) }),
        Case(kind: .debris, arguments: ["--opt", "adam", "--csv", long255 + "x"], status: 2,
             stderr: ["trajviz: error: cannot write --csv '\(long255)x': the file name is 256 bytes long; at most 255"]),

        // MARK: 5. Two outputs, or an output and an input, that are one file: refused first.
        Case(kind: .collisions, arguments: ["--csv", "s.csv", "--json", "./s.csv"], status: 2,
             stderr: ["trajviz: error: --csv 's.csv' and --json './s.csv' are the same file; name different files"]),
        Case(kind: .collisions, arguments: ["--output", "s.png", "--csv", "s.png"], status: 2,
             stderr: ["trajviz: error: --csv 's.png' and --output 's.png' are the same file; name different files"]),
        Case(kind: .collisions, setup: [.file("a.csv", "old"), .hardLink("b.json", to: "a.csv")],
             arguments: ["--csv", "a.csv", "--json", "b.json"], status: 2,
             stderr: ["trajviz: error: --csv 'a.csv' and --json 'b.json' are the same file; name different files"]),
        Case(kind: .collisions, setup: [.file("t.csv", "old"), .link("l1.csv", to: "t.csv")],
             arguments: ["--csv", "l1.csv", "--json", "t.csv"], status: 2,
             stderr: ["trajviz: error: --csv 'l1.csv' and --json 't.csv' are the same file; name different files"]),
        Case(kind: .collisions, arguments: ["--csv", "-", "--json", "/dev/stdout"], status: 2,
             stderr: ["trajviz: error: --csv '-' and --json '/dev/stdout' are the same file; name different files"]),
        Case(kind: .collisions, setup: [.manifest("run.json", edit: nil)], arguments: ["replay", "run.json", "--csv", "run.json"],
             status: 2, stderr: ["trajviz: error: --csv 'run.json' is the same file as the manifest 'run.json'; name another file"]),
        Case(kind: .collisions, setup: [.file("bowl.toml", surfaceFile)], arguments: ["--surface", "bowl.toml", "--json", "./bowl.toml"],
             status: 2, stderr: ["trajviz: error: --json './bowl.toml' is the same file as the surface file 'bowl.toml'; name another file"]),
        Case(kind: .collisions, setup: [.file("b-diff.png", "A"), .file("b.png", "B")], arguments: ["compare", "b-diff.png", "b.png"],
             status: 2, stderr: ["trajviz: error: the difference image 'b-diff.png' is the same file as A 'b-diff.png'; choose another with --diff FILE"]),
        Case(kind: .collisions, setup: [.file("a.png", "A"), .file("b.png", "B")], arguments: ["compare", "a.png", "b.png", "--diff", "b.png"],
             status: 2, stderr: ["trajviz: error: --diff 'b.png' is the same file as B 'b.png'; name another file"]),

        // MARK: 6. Manifests and surface files meet the command line's limits, in its words.
        Case(kind: .limits, setup: [.manifest("m.json", edit: figure(["width": 32767]))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: figure.width: invalid value 32767; expected a whole number of pixels from 100 to 10000"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: figure(["height": -5]))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: figure.height: invalid value -5; expected a whole number of pixels from 100 to 10000"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: figure(["levels": 0]))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: figure.levels: invalid value 0; expected a whole number from 2 to 200"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: figure(["levels": 100000]))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: figure.levels: invalid value 100000; expected a whole number from 2 to 200"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: figure(["xlim": "[1, 1]"]))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: figure.xlim: invalid value [1, 1]; expected two finite numbers [min, max] with min < max"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: figure(["layout": "\"diagonal\""]))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: figure.layout: invalid value \"diagonal\"; accepted: both, contour"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: figure(["colour": "\"red\""]))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: figure.colour: unknown field; accepted: aspect, azimuth, background, colormap, duration, elevation, facet, font_scale, fps, height, layout, levels, loss_scale, orbit, scale, subtitle, theme, title, view, width, xlim, ylim"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: path("steps", "2000000"))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: paths[0].steps: invalid value 2000000; expected a whole number from 0 to 1000000"]),
        Case(kind: .limits, setup: [.manifest("m.json", edit: path("momentum", "0.9"))], arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: paths[0].momentum: unknown field; accepted: label, optimizer, hyperparameters, schedule, run, style, start, steps, diverged_at, xs, ys, losses, lrs"]),
        Case(kind: .limits, setup: [.file("bowl.toml", surfaceFile + "lr = { adam = -1 }\n")], arguments: ["--surface", "bowl.toml"], status: 1,
             stderr: ["trajviz: error: bowl.toml:5:6: lr.adam must be a positive number, got -1", "lr = { adam = -1 }", "     ^"]),
        Case(kind: .limits, setup: [.file("bowl.toml", surfaceFile + "lr = { adma = 0.1 }\n")], arguments: ["--surface", "bowl.toml"], status: 1,
             stderr: ["trajviz: error: bowl.toml: lr.adma: unknown optimizer 'adma' (did you mean 'adam'?); accepted: …"]),

        // MARK: 7. Work that would take minutes is refused at once, saying why.
        Case(kind: .cost, setup: [.file("big.toml", "name = \"big\"\nf = \"" + (1...6000).map { "\($0)*x" }.joined(separator: " + ") + "\"\nx = [-1, 1]\ny = [-1, 1]\n")],
             arguments: ["--surface", "big.toml"], status: 1,
             stderr: ["trajviz: error: big.toml:2:6: in f: the expression needs 12000 operations (after folding constants and sharing repeated parts); at most 5000, since a figure evaluates it at up to 160,000 points", "…", "…"]),
        Case(kind: .cost, setup: [.file("mid.toml", "name = \"mid\"\nf = \"" + (1...1500).map { "\($0)*x^2" }.joined(separator: " + ") + "\"\nx = [-1, 1]\ny = [-1, 1]\n")],
             arguments: ["--surface", "mid.toml", "--opt", "all", "--steps", "1000000", "--csv", "p.csv"], status: 2,
             stderr: ["trajviz: error: too much work for one run: f of 'mid' has 3001 operations and 18 paths take 18000000 steps in all (--steps 1000000), about 54018000000 operations; at most 5000000000: ask for fewer steps or paths, or simplify f"]),
        Case(kind: .cost, arguments: (1...21).flatMap { ["--opt", "adam:lr=0.\($0)"] } + ["--steps", "1000000", "--csv", "p.csv"], status: 2,
             stderr: ["trajviz: error: too much work for one run: 21000000 steps in all (21 paths); expected at most 20000000 steps in one run (21 optimizer specs × --steps 1000000)"]),

        // MARK: diff: its figure and data files are one transaction, its report the commit's status.
        Case(kind: .atomicity, setup: [.file("out.csv", "old csv"), .file("fig.png", "old png")],
             arguments: ["diff", "adam", "textbook.adam", "--steps", "20", "--csv", "out.csv", "--output", "fig.png"],
             prefix: "ulimit -f 64; trap '' XFSZ;", status: 1, stderr: ["trajviz: error: cannot write --output 'fig.png': File too large"]),
        Case(kind: .collisions, setup: [.file("bowl.toml", surfaceFile)],
             arguments: ["diff", "adam", "keras.adam", "--surface", "bowl.toml", "--csv", "bowl.toml"], status: 2,
             stderr: ["trajviz: error: --csv 'bowl.toml' is the same file as the surface file 'bowl.toml'; name another file"]),
        Case(kind: .collisions, arguments: ["diff", "adam", "keras.adam", "--output", "d.png", "--json", "./d.png"], status: 2,
             stderr: ["trajviz: error: --json './d.png' and --output 'd.png' are the same file; name different files"]),
        Case(kind: .limits, arguments: ["diff", "adam", "keras.adam", "--size", "5x5"], status: 2,
             stderr: ["trajviz: error: invalid --size '5x5'; width and height must be between 100 and 10000 pixels"]),
        Case(kind: .limits, arguments: ["diff", "adam", "keras.adam", "--steps", "1e3"], status: 2,
             stderr: ["trajviz: error: invalid --steps '1e3'; expected a whole number from 0 to 1000000"]),
        Case(kind: .cost, setup: [.file("mid.toml", "name = \"mid\"\nf = \"" + (1...1500).map { "\($0)*x^2" }.joined(separator: " + ") + "\"\nx = [-1, 1]\ny = [-1, 1]\n")],
             arguments: ["diff", "adam", "sgd", "--surface", "mid.toml", "--steps", "1000000", "--csv", "p.csv"], status: 2,
             stderr: ["trajviz: error: too much work for one run: f of 'mid' has 3001 operations and 2 paths take 2000000 steps in all (--steps 1000000), about 6002000000 operations; at most 5000000000: ask for fewer steps or paths, or simplify f"]),

        // MARK: 9. One line in one style; 2 for the command line, 1 for the rest.
        Case(kind: .messages, arguments: ["--frobnicate"], status: 2,
             stderr: ["trajviz: error: unknown option '--frobnicate'", "see 'trajviz --help' for the options"]),
        Case(kind: .messages, arguments: ["mnist", "--frobnicate"], status: 2,
             stderr: ["trajviz: error: unknown option '--frobnicate'", "see 'trajviz help mnist' for the options"]),
        Case(kind: .messages, arguments: ["--steps", "ten"], status: 2,
             stderr: ["trajviz: error: invalid --steps 'ten'; expected a whole number from 0 to 1000000"]),
        Case(kind: .messages, arguments: ["--levels", "ten"], status: 2,
             stderr: ["trajviz: error: invalid value 'ten' for --levels <N>", "help: --levels <N> Number of contour levels (2...200; default: chosen for the surface)."]),
        Case(kind: .messages, arguments: ["--log", "--linear"], status: 2,
             stderr: ["trajviz: error: value to be set with flag '--linear' had already been set with flag '--log'", "see 'trajviz --help' for the options"]),
        Case(kind: .messages, arguments: ["replay", "nope.json"], status: 1, stderr: ["trajviz: error: cannot read 'nope.json': no such file"]),
        Case(kind: .messages, setup: [.file("bowl.toml", "name = \"bowl\"\nf = \"x^2\"\nx = [-2, 2]\ny = [-1, 1]\nlr = { adam = -1 }\n")],
             arguments: ["--surface", "bowl.toml"], status: 1,
             stderr: ["trajviz: error: bowl.toml:5:6: lr.adam must be a positive number, got -1", "lr = { adam = -1 }", "     ^"]),
        Case(kind: .messages, setup: [.file("a.png", "not a png"), .file("b.png", "not a png either")], arguments: ["compare", "a.png", "b.png"],
             status: 2, stderr: ["trajviz: error: cannot read 'a.png': not a readable PNG: missing PNG signature"], stdout: ""),
        Case(kind: .messages, arguments: ["mnist", "--data", "nowhere"], status: 1, stderr: ["trajviz: error: …"]),
        // Data files that hold no records are a failure of the data (1), not of the command line.
        Case(kind: .messages, setup: [.file("d/train-images-idx3-ubyte", "\u{0}\u{0}\u{8}\u{3}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{1C}\u{0}\u{0}\u{0}\u{1C}"),
                                       .file("d/train-labels-idx1-ubyte", "\u{0}\u{0}\u{8}\u{1}\u{0}\u{0}\u{0}\u{0}"),
                                       .file("d/t10k-images-idx3-ubyte", "\u{0}\u{0}\u{8}\u{3}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{1C}\u{0}\u{0}\u{0}\u{1C}"),
                                       .file("d/t10k-labels-idx1-ubyte", "\u{0}\u{0}\u{8}\u{1}\u{0}\u{0}\u{0}\u{0}")],
             arguments: ["mnist", "--data", "d", "--opt", "adam", "--epochs", "1"], status: 1,
             stderr: ["trajviz: error: the training data holds no records"]),
        // The verdict stands when the difference image cannot be written.
        Case(kind: .messages, setup: [.run(["--opt", "adam", "--steps", "5", "--size", "100x100", "--output", "a.png"]),
                                       .run(["--opt", "sgd", "--steps", "5", "--size", "100x100", "--output", "b.png"])],
             arguments: ["compare", "a.png", "b.png", "--diff", "missing/d.png"], status: 1,
             stderr: ["trajviz: error: cannot write --diff 'missing/d.png': folder 'missing' does not exist"],
             stdout: "figures differ: RMS difference …"),

        // MARK: 10. What would hide a mistake is refused like an overflow is.
        Case(kind: .leniency, arguments: ["--output", "a.png/"], status: 2,
             stderr: ["trajviz: error: cannot write --output 'a.png/': a file name cannot end with '/'; name a file, e.g. --output fig.png"]),
        Case(kind: .leniency, arguments: ["--lr", "0x1p-4"], status: 2,
             stderr: ["trajviz: error: invalid --lr '0x1p-4'; expected a decimal number such as 0.01 or 1e-3 (hexadecimal is not accepted), e.g. --lr 0.01"]),
        Case(kind: .leniency, arguments: ["--opt", "adam:lr=1e-400"], status: 2,
             stderr: ["trajviz: error: invalid value '1e-400' for adam lr: expected 0 or a number of magnitude at least 5e-324 (it would read as 0)"]),
        Case(kind: .leniency, arguments: ["--opt", "adam:lr=1e400"], status: 2,
             stderr: ["trajviz: error: invalid value '1e400' for adam lr: expected a finite number (the largest is about 1.8e308)"]),
        Case(kind: .leniency, arguments: ["--opt", "adam:lr=0x10"], status: 2,
             stderr: ["trajviz: error: invalid value '0x10' for adam lr: expected a decimal number such as 0.01 or 1e-3 (hexadecimal is not accepted)"]),
        Case(kind: .leniency, arguments: ["--start=nan,1"], status: 2,
             stderr: ["trajviz: error: invalid --start 'nan,1'; both numbers must be finite, e.g. --start=-1.5,2"]),
        Case(kind: .leniency, arguments: ["--xlim=0,1e-400"], status: 2,
             stderr: ["trajviz: error: invalid --xlim '0,1e-400'; '1e-400': expected 0 or a number of magnitude at least 5e-324 (it would read as 0)"]),
        Case(kind: .leniency, arguments: ["--lr", "inf"], status: 2,
             stderr: ["trajviz: error: invalid --lr 'inf'; expected a finite number, e.g. --lr 0.01"]),
        Case(kind: .leniency, arguments: ["compare", "a.csv", "b.csv", "--rtol", "0x1p-4"], status: 2,
             stderr: ["trajviz: error: invalid --rtol '0x1p-4'; expected a decimal number such as 0.01 or 1e-3 (hexadecimal is not accepted), e.g. --rtol 1e-6"]),
        Case(kind: .leniency, setup: [.file("bowl.toml", "name = \"bowl\"\nf = \"x^2 + 1e-400*y\"\nx = [-2, 2]\ny = [-1, 1]\n")],
             arguments: ["--surface", "bowl.toml"], status: 1,
             stderr: ["trajviz: error: bowl.toml:2:12: in f: number '1e-400': expected 0 or a number of magnitude at least 5e-324 (it would read as 0)",
                      "f = \"x^2 + 1e-400*y\"", "           ^~~~~~"]),
        Case(kind: .leniency, setup: [.file("bowl.toml", "name = \"bowl\"\nf = \"x^2\"\nx = [-2, 0x10]\ny = [-1, 1]\n")],
             arguments: ["--surface", "bowl.toml"], status: 1,
             stderr: ["trajviz: error: bowl.toml:3:10: number '0x10': write numbers in decimal (hexadecimal, octal and binary are not accepted)",
                      "x = [-2, 0x10]", "         ^"]),
        Case(kind: .leniency, setup: [.manifest("m.json", edit: nil), .replace("m.json", "\"start\": [-1.5, 2]", with: "\"start\": [1e-400, 2]")],
             arguments: ["replay", "m.json"], status: 1,
             stderr: ["trajviz: error: m.json: not valid JSON: …"]),
    ]

    @Test(arguments: cases)
    func refusedCleanly(_ c: Case) throws {
        let folder = try TemporaryFolder()
        try Self.prepare(c.setup, in: folder)
        let before = try Self.snapshot(folder)
        let r = c.prefix.isEmpty && c.redirect.isEmpty
            ? try TrajvizProcess.run(c.arguments, in: folder.url)
            : try TrajvizProcess.runShell(c.arguments, prefix: c.prefix, redirect: c.redirect, in: folder.url)
        #expect(r.status == c.status, "\(r)")
        let lines = r.stderr.isEmpty ? [] : r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == c.stderr.count, "\(r)")
        for (line, expected) in zip(lines, c.stderr) {
            if expected.hasSuffix("…") { #expect(line.hasPrefix(expected.dropLast()), "\(r)") } else { #expect(line == expected, "\(r)") }
        }
        #expect(r.stderr.isEmpty || r.stderr.hasSuffix("\n"), "\(r)")
        if let stdout = c.stdout {
            if stdout.hasSuffix("…") {
                #expect(r.stdout.hasPrefix(stdout.dropLast()) && !r.stdout.contains("difference image:"), "\(r)")
            } else {
                #expect(r.stdout == stdout, "\(r)")
            }
        }
        for word in ["Fatal error", "Backtracing", "Swift", "Optional(", "Error Domain"] { #expect(!r.stderr.contains(word), "\(r)") }
        #expect(!folder.listing().contains { $0.contains(".trajviz-") && $0.hasSuffix(".tmp") && !$0.hasPrefix(".keep") && !$0.hasPrefix("mine") },
                "temporary file left: \(folder.listing())")
        if let after = c.after {
            try after(folder)
        } else {
            #expect(try Self.snapshot(folder) == before, "the folder changed: \(folder.listing())")
        }
    }

    /// A read-only file is not replaced behind the user's back: refused, unless the user may
    /// write it anyway (root), when it is replaced with its permission bits kept.
    @Test func readOnlyFile() throws {
        let folder = try TemporaryFolder()
        try Self.prepare([.file("ro.csv", "old", mode: 0o444)], in: folder)
        let r = try TrajvizProcess.run(["--opt", "adam", "--steps", "2", "--csv", "ro.csv"], in: folder.url)
        if getuid() == 0 {
            #expect(r.status == 0, "\(r)")
            #expect(try Self.mode(folder.path("ro.csv")) == 0o444)
        } else {
            #expect(r.status == 1 && r.stderr == "trajviz: error: cannot write --csv 'ro.csv': the file is read-only (Permission denied)\n", "\(r)")
            #expect(try folder.read("ro.csv") == Data("old".utf8))
        }
        #expect(folder.listing() == ["ro.csv"])
    }

    // MARK: - Set-up and snapshots

    static func prepare(_ entries: [Entry], in folder: TemporaryFolder) throws {
        for entry in entries {
            switch entry {
            case .file(let name, let text, let mode):
                try folder.write(name, text)
                chmod(folder.path(name), mode_t(mode))
            case .link(let name, let target):
                try FileManager.default.createSymbolicLink(atPath: folder.path(name), withDestinationPath: target)
            case .hardLink(let name, let target):
                try FileManager.default.linkItem(atPath: folder.path(target), toPath: folder.path(name))
            case .fifo(let name):
                mkfifo(folder.path(name), 0o644)
            case .socket(let name):
                let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_un()
                address.sun_family = sa_family_t(AF_UNIX)
                let path = Array(folder.path(name).utf8CString)
                withUnsafeMutableBytes(of: &address.sun_path) { raw in
                    for (i, c) in path.prefix(raw.count - 1).enumerated() { raw[i] = UInt8(bitPattern: c) }
                }
                _ = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
                }
                close(fd)
            case .folder(let name):
                try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
            case .manifest(let name, let edit):
                let r = try TrajvizProcess.run(["--opt", "adam,sgd", "--steps", "3", "--json", name], in: folder.url)
                try #require(r.status == 0, "\(r)")
                guard let edit else { continue }
                var json = try JSONSerialization.jsonObject(with: folder.read(name)) as! [String: Any]
                edit(&json)
                try folder.write(name, String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
            case .run(let arguments):
                let r = try TrajvizProcess.run(arguments, in: folder.url)
                try #require(r.status == 0, "\(r)")
            case .replace(let name, let old, let new):
                let text = String(decoding: try folder.read(name), as: UTF8.self)
                let range = try #require(text.range(of: old), "\(name) lacks \(old)")
                try folder.write(name, text.replacingCharacters(in: range, with: new))
            }
        }
    }

    /// Every entry below the folder: kind, permission bits, bytes or link target.
    static func snapshot(_ folder: TemporaryFolder) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in folder.listing() {
            let path = folder.path(name)
            var s = stat()
            guard lstat(path, &s) == 0 else { continue }
            let mode = String(UInt32(s.st_mode), radix: 8)
            switch UInt32(s.st_mode) & UInt32(S_IFMT) {
            case UInt32(S_IFREG): out[name] = mode + " " + String(decoding: try folder.read(name), as: UTF8.self)
            case UInt32(S_IFLNK): out[name] = mode + " -> " + (try FileManager.default.destinationOfSymbolicLink(atPath: path))
            default: out[name] = mode
            }
        }
        return out
    }

    static func mode(_ path: String) throws -> Int {
        var s = stat()
        guard stat(path, &s) == 0 else { throw CocoaError(.fileNoSuchFile) }
        return Int(UInt32(s.st_mode) & 0o7777)
    }
}
