import Foundation
import Regression
import Testing

/// `trajviz replay`: a manifest alone redoes the run, identically.
@Suite struct ReplayCommandTests {
    @Test(arguments: [["--surface", "rosenbrock", "--opt", "all", "--steps", "120"],
                      ["--surface", "surfaces/valley.toml", "--opt", "adam,rmsprop:centered=true,lion", "--steps", "120"],
                      ["--surface", "saddle", "--opt", "sgd:lr=10", "--steps", "40", "--levels", "9"]])
    func replayIsIdentical(_ arguments: [String]) throws {
        let folder = try SurfaceFileCommandTests.folderWithSurfaces()
        let first = try TrajvizProcess.run(arguments + ["--csv", "run.csv", "--json", "run.json"], in: folder.url)
        try #require(first.status == 0, "\(first)")
        // The surface file is gone: the manifest must be enough.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("surfaces"))
        let again = try TrajvizProcess.run(["replay", "run.json", "--csv", "replayed.csv", "--json", "replayed.json",
                                            "--output", "replayed.png"], in: folder.url)
        try #require(again.status == 0, "\(again)")
        #expect(!again.stderr.contains("note:"), "\(again)")
        #expect(try folder.read("run.csv") == folder.read("replayed.csv"), "replayed CSV is byte-identical")
        let a = try PathCSV.read(String(decoding: folder.read("run.csv"), as: UTF8.self))
        let b = try PathCSV.read(String(decoding: folder.read("replayed.csv"), as: UTF8.self))
        #expect(comparePaths(expected: a, actual: b, rtol: 0, atol: 0).agrees)
        #expect(try folder.read("run.json") == folder.read("replayed.json"))
    }

    /// A manifest read from a pipe (`replay /dev/stdin`, `replay <(zcat run.json.gz)`): it cannot
    /// be read at offsets as a file is, so it is read whole, and replays as the file does.
    @Test func replayReadsAManifestFromAPipe() throws {
        let folder = try TemporaryFolder()
        let first = try TrajvizProcess.run(["--opt", "adam,sgd", "--steps", "50", "--csv", "run.csv", "--json", "run.json"], in: folder.url)
        try #require(first.status == 0, "\(first)")
        let piped = try TrajvizProcess.run(["replay", "/dev/stdin", "--csv", "replayed.csv"], in: folder.url,
                                           stdin: Data(try folder.read("run.json")))
        try #require(piped.status == 0, "\(piped)")
        #expect(try folder.read("run.csv") == folder.read("replayed.csv"))
    }

    @Test func replayRefusesBrokenManifests() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.json", "{\"format\": 1, \"paths\": []}")
        try folder.write("notjson.json", "hello")
        let missing = try TrajvizProcess.run(["replay", "nope.json"], in: folder.url)
        #expect(missing.status == 1 && missing.stderr == "trajviz: error: cannot read 'nope.json': no such file\n", "\(missing)")
        for name in ["bad.json", "notjson.json"] {
            let r = try TrajvizProcess.run(["replay", name], in: folder.url)
            #expect(r.status == 1, "\(r)")
            #expect(r.stderr.hasPrefix("trajviz: error: \(name): "), "\(r)")
        }
        #expect(folder.listing() == ["bad.json", "notjson.json"])
    }
}
