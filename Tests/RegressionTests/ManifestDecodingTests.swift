import Foundation
import Optimizers
import Stepping
import Surfaces
import Testing
import Plot
@testable import Regression

/// A valid manifest with one two-point path, as text, to break one field at a time.
private let valid = """
    {"format": 1, "trajviz_version": "0.1.0",
     "surface": {"name": "s", "title": "S", "formula": "x", "domain": {"x": [0, 1], "y": [0, 1]}},
     "paths": [{"label": "sgd", "optimizer": "sgd", "hyperparameters": {"lr": 0.1, "nesterov": false},
                "start": [0, 0], "steps": 1, "diverged_at": null, "xs": [0, 1], "ys": [0, 1], "losses": [0, 1]}]}
    """

/// The path object of `valid`, to add it a second time.
private let onePath = """
    {"label": "sgd", "optimizer": "sgd", "hyperparameters": {"lr": 0.1, "nesterov": false},
     "start": [0, 0], "steps": 1, "diverged_at": null, "xs": [0, 1], "ys": [0, 1], "losses": [0, 1]}
    """

private func decodeError(_ text: String) -> String? {
    do { _ = try Manifest.decode(Array(text.utf8)); return nil } catch { return error.message }
}

private func replacing(_ a: String, _ b: String) -> String {
    precondition(valid.contains(a), "fixture lacks \(a)")
    return valid.replacingOccurrences(of: a, with: b)
}

@Test func validFixtureDecodes() throws {
    let m = try Manifest.decode(Array(valid.utf8))
    #expect(m.paths.count == 1 && m.figure == nil && m.surface.definition == nil)
    #expect(m.paths[0].hyperparameters["nesterov"] == .flag(false))
}

@Test func wrongOrMissingFieldsAreNamed() {
    let cases: [(String, String)] = [
        (replacing("\"format\": 1, ", ""), "not a trajviz manifest (no \"format\" field); write one with trajviz --json"),
        (replacing("\"format\": 1", "\"format\": 3"), "format: 3 is not a manifest format"),
        (replacing("\"losses\": [0, 1]}", "\"losses\": [0, 1], \"lrs\": [0.1, 0.1]}"), "paths[0].lrs: 2 rates; expected 1, one per step taken"),
        (replacing("\"losses\": [0, 1]}", "\"losses\": [0, 1], \"run\": 0}"), "paths[0].run: 0 is not a run number"),
        (replacing("\"losses\": [0, 1]}", "\"losses\": [0, 1], \"schedule\": 5}"), "paths[0].schedule: expected a string, found a number"),
        (replacing("\"paths\": [", "\"noise\": {\"sigma\": -1, \"decay\": 0, \"seed\": 0}, \"paths\": ["), "noise.sigma: -1.0 is negative"),
        (replacing("\"paths\": [", "\"noise\": {\"sigma\": 1, \"decay\": 0}, \"paths\": ["), "noise.seed: missing"),
        (replacing("\"paths\": [", "\"runs\": 0, \"paths\": ["), "runs: 0 is not a positive number of runs"),
        (replacing("\"trajviz_version\": \"0.1.0\"", "\"trajviz_version\": 1"), "trajviz_version: expected a string, found a number"),
        (replacing("\"title\": \"S\", ", ""), "surface.title: missing"),
        (replacing("\"x\": [0, 1]", "\"x\": [1, 0]"), "surface.domain.x: [1.0, 0.0] is not an interval"),
        (replacing("\"x\": [0, 1]", "\"x\": [0]"), "surface.domain.x: expected two numbers"),
        (replacing("\"lr\": 0.1", "\"lr\": \"0.1\""), "paths[0].hyperparameters.lr: expected a number or true/false, found a string"),
        (replacing("\"steps\": 1", "\"steps\": 1.5"), "paths[0].steps: expected a whole number"),
        (replacing("\"steps\": 1", "\"steps\": -1"), "paths[0].steps: invalid value -1; expected a whole number from 0 to 1000000"),
        (replacing("\"steps\": 1", "\"steps\": 1000001"), "paths[0].steps: invalid value 1000001; expected a whole number from 0 to 1000000"),
        (replacing("\"label\": \"sgd\"", "\"label\": \"sgd\", \"colour\": 1"), "paths[0].colour: unknown field; accepted: label, optimizer, hyperparameters, schedule, run, style, start, steps, diverged_at, xs, ys, losses, lrs"),
        (replacing("\"format\": 1", "\"format\": 1, \"extra\": null"), "extra: unknown field; accepted: format, trajviz_version, surface, figure, noise, runs, paths"),
        (replacing("\"title\": \"S\"", "\"title\": \"S\", \"tilte\": \"S\""), "surface.tilte: unknown field; accepted: name, title, formula, domain, definition"),
        (replacing("\"x\": [0, 1]", "\"x\": [0, 1], \"z\": [0, 1]"), "surface.domain.z: unknown field; accepted: x, y"),
        (replacing("\"ys\": [0, 1]", "\"ys\": [0, \"1\"]"), "paths[0].ys[1]: expected a number, found a string"),
        (replacing("\"losses\": [0, 1]", "\"losses\": [0]"), "paths[0]: xs, ys and losses hold 2, 2 and 1 numbers"),
        (replacing("\"steps\": 1", "\"steps\": 3"), "paths[0].xs: 2 points; expected 4 for steps 3 and no divergence"),
        (replacing("\"diverged_at\": null", "\"diverged_at\": 5"), "paths[0].diverged_at: 5 is outside 0...1"),
        (replacing("\"optimizer\": \"sgd\", ", ""), "paths[0].optimizer: missing"),
        (replacing("\"paths\": [", "\"paths\": 3, \"x\": ["), "x: unknown field; accepted: format, trajviz_version, surface, figure, noise, runs, paths"),
        ("[1]", "the document: expected an object, found an array"),
        (replacing("\"losses\": [0, 1]}]", "\"losses\": [0, 1]},\n" + onePath + "]"), "paths[1].label: 'sgd' is used by an earlier path"),
        (replacing("\"start\": [0, 0]", "\"start\": [0, 0"), "not valid JSON: line 4, column"),
    ]
    for (text, message) in cases {
        guard let e = decodeError(text) else { Issue.record("accepted: \(message)"); continue }
        #expect(e.contains(message), "\(e)")
    }
}

/// The figure member is read strictly and checked by ``FigureLimits``, with the command line's
/// limits and words: a manifest cannot pass a limit that `--size` or `--levels` holds.
@Test(arguments: [
    (#"{"width": 32767}"#, "figure.width: invalid value 32767; expected a whole number of pixels from 100 to 10000"),
    (#"{"height": -5}"#, "figure.height: invalid value -5; expected a whole number of pixels from 100 to 10000"),
    (#"{"levels": 0}"#, "figure.levels: invalid value 0; expected a whole number from 2 to 200"),
    (#"{"levels": 100000}"#, "figure.levels: invalid value 100000; expected a whole number from 2 to 200"),
    (#"{"xlim": [1, 1]}"#, "figure.xlim: invalid value [1, 1]; expected two finite numbers [min, max] with min < max"),
    (#"{"ylim": [2, 1]}"#, "figure.ylim: invalid value [2, 1]; expected two finite numbers [min, max] with min < max"),
    (#"{"layout": "diagonal"}"#, #"figure.layout: invalid value "diagonal"; accepted: both, contour"#),
    (#"{"scale": "cubic"}"#, #"figure.scale: invalid value "cubic"; accepted: log, linear"#),
    (#"{"width": "wide"}"#, #"figure.width: expected a whole number, found "wide""#),
    (#"{"levels": 2.5}"#, "figure.levels: expected a whole number, found 2.5"),
    (#"{"colour": "red"}"#, "figure.colour: unknown field; accepted: aspect, azimuth, background, colormap, duration, elevation, facet, font_scale, fps, height, layout, levels, loss_scale, orbit, scale, subtitle, theme, title, view, width, xlim, ylim"),
    ("[]", "figure: expected an object, found []"),
    (#"{"view": "4d"}"#, #"figure.view: invalid value "4d"; accepted: 2d, 3d"#),
    (#"{"view": "3d", "azimuth": 400}"#, "figure.azimuth: invalid value 400; expected degrees from -360 to 360"),
    (#"{"view": "3d", "elevation": "high"}"#, #"figure.elevation: expected a number, found "high""#),
    (#"{"view": "3d", "orbit": 1}"#, "figure.orbit: expected true or false, found 1"),
    (#"{"fps": 60}"#, "figure.fps: invalid value 60; expected a whole number from 1 to 50 (frames under 20 ms play slowly in browsers)"),
    (#"{"fps": 12.5}"#, "figure.fps: expected a whole number, found 12.5"),
    (#"{"duration": 0}"#, "figure.duration: invalid value 0; expected seconds from 0.5 to 120"),
    (#"{"azimuth": -30}"#, #"figure.azimuth: needs view "3d""#),
    (#"{"view": "2d", "orbit": true}"#, #"figure.orbit: needs view "3d""#),
    (#"{"view": "3d", "facet": "optimizer"}"#, #"figure.facet: a 3D view draws one panel; drop facet or view "3d""#),
])
func figureOptionsAreChecked(_ figure: String, _ message: String) throws {
    let text = replacing("\"format\": 1,", "\"format\": 1, \"figure\": \(figure),")
    let e = try #require(decodeError(text))
    #expect(e == message)
    #expect(!e.contains("SurfacePlotOptions") && !e.contains("Int") && !e.contains("Cannot initialize"))
}

@Test func figureWithinTheLimitsDecodes() throws {
    let text = replacing("\"format\": 1,", #""format": 1, "figure": {"width": 100, "height": 10000, "levels": 2, "xlim": [-1, 1], "layout": "contour"},"#)
    let options = try Manifest.decode(Array(text.utf8)).figureOptions()
    #expect(options.width == 100 && options.height == 10000 && options.levels == 2 && options.xlim == -1...1 && options.layout == .contour)
}

/// The view and the animation's timing read back as written; a manifest from before they
/// existed reads as the 2D figure at the default timing.
@Test func viewAndTimingDecode() throws {
    let text = replacing("\"format\": 1,", #""format": 1, "figure": {"layout": "both", "view": "3d", "azimuth": -120, "elevation": 45, "orbit": true, "fps": 10, "duration": 2.5},"#)
    let options = try Manifest.decode(Array(text.utf8)).figureOptions()
    #expect(options.camera == Camera3D(azimuth: -120, elevation: 45) && options.orbit && options.fps == 10 && options.duration == 2.5)
    let old = try Manifest.decode(Array(replacing("\"format\": 1,", #""format": 1, "figure": {"layout": "both", "levels": 20},"#).utf8)).figureOptions()
    #expect(old.camera == nil && !old.orbit && old.fps == nil && old.duration == nil)
}

@Test func aRunOfMorePathsThanTheLimitIsRefused() throws {
    let paths = (0...RunLimits.maximumPaths).map { i in onePath.replacingOccurrences(of: "\"label\": \"sgd\"", with: "\"label\": \"p\(i)\"") }
    let many = valid.replacingOccurrences(of: valid[valid.range(of: "\"paths\": [")!.lowerBound...].description, with: "\"paths\": [" + paths.joined(separator: ",") + "]}")
    #expect(decodeError(many) == "paths: invalid value 1001 paths; expected at most 1000 paths in one run")
}

/// Every member the encoder writes is one the decoder accepts, and no other: a field added to
/// one side alone fails here (the accepted lists are what a manifest with a new field is
/// checked against).
@Test func acceptedFieldsAreExactlyTheWrittenOnes() throws {
    var path = ManifestPath(label: "a", optimizer: "sgd", hyperparameters: Hyperparameters([("lr", .number(0.1))]),
                            start: Point(0, 0), steps: 0, divergedAt: nil, xs: [0], ys: [0], losses: [0])
    path.appearance.label = "A"
    path.appearance.color = PathAppearance.parseColor("#102030")
    path.run = 1
    let m = Manifest(surface: ManifestSurface(name: "s", title: "S", formula: "x", domain: Domain(x: 0...1, y: 0...1)),
                     figure: .object([]), noise: GradientNoise(sigma: 0.5, decay: 0.55, seed: 3), runs: 1, paths: [path],
                     study: .object([("kind", .string("sweep"))]))
    func keys(_ v: JSONValue?) -> [String] { if case .object(let members)? = v { members.map(\.key) } else { [] } }
    let json = m.json
    #expect(keys(json) == Manifest.fields)
    #expect(keys(json["surface"]) == Manifest.surfaceFields)
    #expect(keys(json["surface"]?["domain"]) == Manifest.domainFields)
    #expect(keys(json["noise"]) == Manifest.noiseFields)
    guard case .array(let paths)? = json["paths"] else { Issue.record("no paths"); return }
    #expect(keys(paths[0]) == Manifest.pathFields)
    #expect(keys(paths[0]["style"]) == Manifest.styleFields)
    #expect(try Manifest.decode(m.encode()) == m)
}
