import Foundation
import Testing
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
        (replacing("\"steps\": 1", "\"steps\": -1"), "paths[0].steps: -1 is negative"),
        (replacing("\"ys\": [0, 1]", "\"ys\": [0, \"1\"]"), "paths[0].ys[1]: expected a number, found a string"),
        (replacing("\"losses\": [0, 1]", "\"losses\": [0]"), "paths[0]: xs, ys and losses hold 2, 2 and 1 numbers"),
        (replacing("\"steps\": 1", "\"steps\": 3"), "paths[0].xs: 2 points; expected 4 for steps 3 and no divergence"),
        (replacing("\"diverged_at\": null", "\"diverged_at\": 5"), "paths[0].diverged_at: 5 is outside 0...1"),
        (replacing("\"optimizer\": \"sgd\", ", ""), "paths[0].optimizer: missing"),
        (replacing("\"paths\": [", "\"paths\": 3, \"x\": ["), "paths: expected an array, found a number"),
        ("[1]", "the document: expected an object, found an array"),
        (replacing("\"losses\": [0, 1]}]", "\"losses\": [0, 1]},\n" + onePath + "]"), "paths[1].label: 'sgd' is used by an earlier path"),
        (replacing("\"start\": [0, 0]", "\"start\": [0, 0"), "not valid JSON: line 4, column"),
    ]
    for (text, message) in cases {
        guard let e = decodeError(text) else { Issue.record("accepted: \(message)"); continue }
        #expect(e.contains(message), "\(e)")
    }
}
