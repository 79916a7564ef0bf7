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
        #expect(webp.timestamps == [200, 400, 600, 800, 3000])
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
