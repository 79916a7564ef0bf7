import Foundation
import GIFEncoding
import Testing
import WebPEncoding

/// `--output x.gif` / `x.webp` end to end: valid looping files with the frames --fps and
/// --duration ask for, the same bytes on rerun, and one-line refusals of bad values.
@Suite struct AnimationCommandTests {
    static let small = ["--surface", "rosenbrock", "--opt", "adam,momentum", "--steps", "60", "--size", "400x300"]

    @Test func gifLoopsWithTheRequestedFrames() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + ["--output", "a.gif", "--fps", "10", "--duration", "2"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "wrote a.gif\n", "\(r)")
        let bytes = [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("a.gif")))
        let gif = try decodeGIF(bytes)
        #expect(gif.width == 400 && gif.height == 300 && gif.loopsForever)
        #expect(gif.delays.count == 20)
        #expect(gif.delays.dropLast().allSatisfy { $0 == 10 } && gif.delays.last == 210)
        let again = try TrajvizProcess.run(Self.small + ["--output", "b.gif", "--fps", "10", "--duration", "2"], in: folder.url)
        #expect(again.status == 0)
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("b.gif")) == Data(bytes))
    }

    /// --view 3d writes a still in every format, and an orbit turns the camera frame by frame.
    @Test func threeDimensionalViews() throws {
        let folder = try TemporaryFolder()
        for name in ["v.png", "v.svg", "v.pdf"] {
            let r = try TrajvizProcess.run(Self.small + ["--view", "3d", "--azimuth=-120", "--output", name], in: folder.url)
            #expect(r.status == 0, "\(r)")
        }
        let r = try TrajvizProcess.run(Self.small + ["--view", "3d", "--orbit", "--fps", "4", "--duration", "1", "--output", "o.gif"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let gif = try decodeGIF([UInt8](try Data(contentsOf: folder.url.appendingPathComponent("o.gif"))))
        #expect(gif.delays == [25, 25, 25, 25])
        #expect(Set(gif.frames.map { $0 }).count == 4)
    }

    @Test func webpLoopsWithTheRequestedFrames() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + ["--output", "a.webp", "--fps", "5", "--duration", "1", "--background", "transparent"],
                                       in: folder.url)
        #expect(r.status == 0, "\(r)")
        let webp = try decodeWebPAnimation([UInt8](try Data(contentsOf: folder.url.appendingPathComponent("a.webp"))))
        #expect(webp.width == 400 && webp.height == 300 && webp.loopCount == 0)
        // Each frame ends on time; a frame stored in two parts shows its first for 20 ms.
        #expect(Set([200, 400, 600, 800, 3000]).isSubset(of: webp.timestamps))
        #expect(webp.timestamps.allSatisfy { [200, 400, 600, 800, 3000].contains($0) || [200, 400, 600, 800].contains($0 - 20) }, "\(webp.timestamps)")
        // Transparent where the page is: the top-left corner.
        #expect(webp.frames[0][3] == 0)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refused: [Case] = [
        Case(arguments: ["--output", "a.gif", "--fps", "0"],
             message: "trajviz: error: invalid --fps 0; expected a whole number from 1 to 50 (frames under 20 ms play slowly in browsers)"),
        Case(arguments: ["--output", "a.gif", "--fps", "60"],
             message: "trajviz: error: invalid --fps 60; expected a whole number from 1 to 50 (frames under 20 ms play slowly in browsers)"),
        Case(arguments: ["--output", "a.webp", "--duration", "0"],
             message: "trajviz: error: invalid --duration 0; expected seconds from 0.5 to 120"),
        Case(arguments: ["--output", "a.webp", "--duration", "1e9"],
             message: "trajviz: error: invalid --duration 1e9; expected seconds from 0.5 to 120"),
        Case(arguments: ["--output", "a.gif", "--duration", "soon"],
             message: "trajviz: error: invalid --duration 'soon'; expected a number, e.g. --duration 6"),
        Case(arguments: ["--output", "a.png", "--fps", "10"],
             message: "trajviz: error: --fps only applies to an animated figure; name a .gif or .webp --output"),
        Case(arguments: ["--fps", "10", "--duration", "2"],
             message: "trajviz: error: --fps and --duration only apply to an animated figure; name a .gif or .webp --output"),
        Case(arguments: ["--output", "a.gif", "--background", "transparent"],
             message: "trajviz: error: --background transparent cannot be kept in a GIF (a pixel is transparent or not); write a .webp or .png"),
        Case(arguments: ["--output", "a.gif", "--fps", "50", "--duration", "120", "--size", "1000x1000"],
             message: "trajviz: error: too much work for one animation: 6000 frames of 1000x1000 pixels; at most 3·10⁹ pixels in all: lower --fps, --duration or --size"),
        Case(arguments: ["--azimuth=-30"], message: "trajviz: error: --azimuth needs --view 3d"),
        Case(arguments: ["--view", "3d", "--orbit"], message: "trajviz: error: --orbit needs an animated figure; name a .gif or .webp --output"),
        Case(arguments: ["--view", "3d", "--elevation", "91"], message: "trajviz: error: invalid --elevation 91; expected degrees from -90 to 90"),
        Case(arguments: ["--view", "3d", "--facet", "optimizer"], message: "trajviz: error: --facet draws 2D panels; drop --facet or --view 3d"),
        Case(arguments: ["mnist", "--output", "a.gif"],
             message: "trajviz: error: trajviz mnist draws training curves, not paths to animate; name a .png, .svg or .pdf --output"),
    ]

    @Test(arguments: refused)
    func refusedCleanly(_ c: Case) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(c.arguments, in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == c.message, "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "nothing written")
    }
}

/// The manifest records the view and the animation's timing, so that `replay` redraws the same
/// 3D view or animation; options given to replay replace the recorded ones.
@Suite struct RecordedMotionTests {
    static let small = AnimationCommandTests.small

    /// The manifest's `figure` member, as a dictionary.
    static func figure(_ folder: TemporaryFolder, _ name: String) throws -> [String: Any] {
        let root = try JSONSerialization.jsonObject(with: folder.read(name)) as? [String: Any]
        return try #require(root?["figure"] as? [String: Any])
    }

    @Test func aThreeDimensionalViewReplaysIdentically() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(Self.small + ["--view", "3d", "--azimuth=-120", "--elevation", "45", "--output", "a.png",
                                                     "--json", "run.json"], in: folder.url)
        try #require(r.status == 0, "\(r)")
        let figure = try Self.figure(folder, "run.json")
        #expect(figure["view"] as? String == "3d" && figure["azimuth"] as? Double == -120 && figure["elevation"] as? Double == 45)
        #expect(figure["fps"] == nil && figure["duration"] == nil && figure["orbit"] == nil)
        let again = try TrajvizProcess.run(["replay", "run.json", "--output", "b.png", "--json", "again.json"], in: folder.url)
        try #require(again.status == 0, "\(again)")
        #expect(again.stderr.isEmpty, "\(again)")
        #expect(try folder.read("a.png") == folder.read("b.png"))
        #expect(try folder.read("run.json") == folder.read("again.json"))
        // --azimuth alone turns the recorded camera; --view 2d draws the plain figure.
        let turned = try TrajvizProcess.run(["replay", "run.json", "--azimuth=30", "--output", "c.png"], in: folder.url)
        let direct = try TrajvizProcess.run(Self.small + ["--view", "3d", "--azimuth=30", "--elevation", "45", "--output", "d.png"], in: folder.url)
        #expect(turned.status == 0 && direct.status == 0, "\(turned)\(direct)")
        #expect(try folder.read("c.png") == folder.read("d.png"))
        let flat = try TrajvizProcess.run(["replay", "run.json", "--view", "2d", "--output", "e.png"], in: folder.url)
        let plain = try TrajvizProcess.run(Self.small + ["--output", "f.png"], in: folder.url)
        #expect(flat.status == 0 && plain.status == 0, "\(flat)\(plain)")
        #expect(try folder.read("e.png") == folder.read("f.png"))
    }

    @Test func anAnimationReplaysIdentically() throws {
        let folder = try TemporaryFolder()
        for (arguments, name) in [(["--fps", "10", "--duration", "2", "--output", "a.gif"], "a.gif"),
                                  (["--view", "3d", "--orbit", "--fps", "4", "--duration", "1", "--output", "o.webp"], "o.webp")] {
            let r = try TrajvizProcess.run(Self.small + arguments + ["--json", "run.json"], in: folder.url)
            try #require(r.status == 0, "\(r)")
            let again = try TrajvizProcess.run(["replay", "run.json", "--output", "again-" + name], in: folder.url)
            try #require(again.status == 0, "\(again)")
            #expect(try folder.read(name) == folder.read("again-" + name), "\(arguments)")
        }
        let figure = try Self.figure(folder, "run.json")
        #expect(figure["orbit"] as? Bool == true && figure["fps"] as? Int == 4 && figure["duration"] as? Double == 1)
        // A still output draws the recorded 3D view and leaves the timing and the orbit aside;
        // --duration given replaces the recorded one.
        let still = try TrajvizProcess.run(["replay", "run.json", "--output", "still.png"], in: folder.url)
        let direct = try TrajvizProcess.run(Self.small + ["--view", "3d", "--output", "direct.png"], in: folder.url)
        #expect(still.status == 0 && direct.status == 0, "\(still)\(direct)")
        #expect(try folder.read("still.png") == folder.read("direct.png"))
        let longer = try TrajvizProcess.run(["replay", "run.json", "--duration", "2", "--output", "longer.gif"], in: folder.url)
        #expect(longer.status == 0, "\(longer)")
        #expect(try decodeGIF([UInt8](folder.read("longer.gif"))).delays == Array(repeating: 25, count: 8))
    }

    /// A 3D view given to replay over recorded facets draws one panel, and facets over a
    /// recorded 3D view draw in 2D; each says so in one line.
    @Test func aViewGivenReplacesRecordedPanels() throws {
        let folder = try TemporaryFolder()
        #expect(try TrajvizProcess.run(Self.small + ["--facet", "optimizer", "--json", "facets.json"], in: folder.url).status == 0)
        #expect(try TrajvizProcess.run(Self.small + ["--view", "3d", "--json", "solid.json"], in: folder.url).status == 0)
        let solid = try TrajvizProcess.run(["replay", "facets.json", "--view", "3d", "--output", "a.png"], in: folder.url)
        #expect(solid.status == 0 && solid.stderr == "note: facets.json records --facet, which a 3D view does not draw: one panel shows every path\n", "\(solid)")
        let direct = try TrajvizProcess.run(Self.small + ["--view", "3d", "--output", "b.png"], in: folder.url)
        #expect(try folder.read("a.png") == folder.read("b.png"), "\(direct)")
        let facets = try TrajvizProcess.run(["replay", "solid.json", "--facet", "optimizer", "--output", "c.png"], in: folder.url)
        #expect(facets.status == 0 && facets.stderr == "note: solid.json records --view 3d, which --facet replaces: the facets are drawn in 2D\n", "\(facets)")
    }

    static let refused: [(setup: [String], replay: [String], message: String)] = [
        ([], ["--azimuth=30", "--output", "x.png"], "trajviz: error: --azimuth needs --view 3d"),
        (["--view", "3d"], ["--fps", "10", "--output", "x.png"],
         "trajviz: error: --fps only applies to an animated figure; name a .gif or .webp --output"),
        (["--view", "3d"], ["--orbit", "--output", "x.png"], "trajviz: error: --orbit needs an animated figure; name a .gif or .webp --output"),
        (["--view", "3d"], ["--elevation", "95", "--output", "x.png"], "trajviz: error: invalid --elevation 95; expected degrees from -90 to 90"),
        (["--view", "3d"], ["--facet", "optimizer", "--view", "3d", "--output", "x.png"],
         "trajviz: error: --facet draws 2D panels; drop --facet or --view 3d"),
    ]

    @Test(arguments: 0..<refused.count)
    func replayRefusesWhatTheCommandLineRefuses(_ k: Int) throws {
        let c = Self.refused[k]
        let folder = try TemporaryFolder()
        try #require(try TrajvizProcess.run(Self.small + c.setup + ["--json", "run.json"], in: folder.url).status == 0)
        let r = try TrajvizProcess.run(["replay", "run.json"] + c.replay, in: folder.url)
        #expect(r.status == 2 && r.stderr == c.message + "\n", "\(r)")
        #expect(folder.listing() == ["run.json"])
    }

    /// A hand-edited manifest's view and timing are checked as the command line's, in its words.
    @Test(arguments: [
        (#""fps": 0"#, "figure.fps: invalid value 0; expected a whole number from 1 to 50 (frames under 20 ms play slowly in browsers)"),
        (#""duration": 500"#, "figure.duration: invalid value 500; expected seconds from 0.5 to 120"),
        (#""view": "3d", "azimuth": 720"#, "figure.azimuth: invalid value 720; expected degrees from -360 to 360"),
        (#""view": "sideways""#, #"figure.view: invalid value "sideways"; accepted: 2d, 3d"#),
        (#""elevation": 10"#, #"figure.elevation: needs view "3d""#),
        (#""orbit": "yes""#, #"figure.orbit: expected true or false, found "yes""#),
        (#""view": "3d", "facet": "optimizer""#, #"figure.facet: a 3D view draws one panel; drop facet or view "3d""#),
    ])
    func badRecordedValuesAreRefused(_ member: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        try #require(try TrajvizProcess.run(Self.small + ["--json", "run.json"], in: folder.url).status == 0)
        let text = String(decoding: try folder.read("run.json"), as: UTF8.self)
        try folder.write("run.json", text.replacingOccurrences(of: #""layout": "both""#, with: #""layout": "both", "# + member))
        let r = try TrajvizProcess.run(["replay", "run.json", "--output", "x.gif"], in: folder.url)
        #expect(r.status == 1 && r.stderr == "trajviz: error: run.json: \(message)\n", "\(r)")
        #expect(folder.listing() == ["run.json"])
    }
}
