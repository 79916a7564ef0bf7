import Foundation
import Testing
import SurfaceFiles
import Surfaces

/// `--surface` arguments: paths, ./surfaces files, built-ins, and the error for anything else.
@Suite struct SurfaceResolverTests {
    /// A fresh folder with a `surfaces/` subfolder holding the given files.
    func folder(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "trajviz-resolver-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/surfaces", withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/surfaces/" + name))
        }
        return dir
    }

    static let linear = "name = \"linear\"\nf = \"0.1*x - 0.2*y\"\nx = [-1, 3]\ny = [0, 4]\nstart = [1, 2]\n"

    @Test func pathNameAndBuiltIn() throws {
        let dir = try folder(["linear.toml": Self.linear, "beale.toml": Self.linear.replacingOccurrences(of: "\"linear\"", with: "\"my-beale\"")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let byPath = try SurfaceResolver.resolve("surfaces/linear.toml", currentDirectory: dir)
        let byName = try SurfaceResolver.resolve("linear", currentDirectory: dir)
        #expect(byPath.name == "linear" && byName.name == "linear")
        #expect(byName.gradient(1, 2) == Point(0.1, -0.2))
        #expect(byName.suggestedStart == Point(1, 2))
        let absolute = try SurfaceResolver.resolve(dir + "/surfaces/linear.toml", currentDirectory: "/")
        #expect(absolute.formula == "0.1*x - 0.2*y")
        // A file in ./surfaces comes before a built-in of the same name.
        #expect(try SurfaceResolver.resolve("beale", currentDirectory: dir).name == "my-beale")
        #expect(try SurfaceResolver.resolve("rosenbrock", currentDirectory: dir).name == "rosenbrock")
        #expect(try SurfaceResolver.resolve("rosenbrock", currentDirectory: "/nonexistent").name == "rosenbrock")
    }

    @Test func unknownListsBuiltInsAndFiles() throws {
        let dir = try folder(["linear.toml": Self.linear, "notes.txt": "x"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try SurfaceResolver.resolve("rosenbrok", currentDirectory: dir)
            Issue.record("resolved an unknown name")
        } catch {
            #expect(error.description == "unknown surface 'rosenbrok'; built-in: \(Surfaces.names.joined(separator: ", ")); files in ./surfaces: linear; or give a path to a .toml file")
        }
    }

    @Test func brokenFileIsReportedUnderItsShortName() throws {
        let dir = try folder(["broken.toml": "name = \"broken\"\nf = \"x +\"\nx = [0, 1]\ny = [0, 1]\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try SurfaceResolver.resolve("broken", currentDirectory: dir)
            Issue.record("resolved a broken file")
        } catch {
            #expect(error.summary.hasPrefix("surfaces/broken.toml:2:9: in f: the expression ends"))
        }
        let missing = #expect(throws: SurfaceFileError.self) {
            try SurfaceResolver.resolve("other/none.toml", currentDirectory: dir)
        }
        #expect(missing?.message == "no such file")
    }

    @Test func listing() throws {
        let dir = try folder(["linear.toml": Self.linear, "b.toml": "oops", ".hidden.toml": Self.linear])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let list = SurfaceResolver.fileSurfaces(in: dir)
        #expect(list.map(\.name) == ["b", "linear"])
        #expect(list.map(\.path) == ["surfaces/b.toml", "surfaces/linear.toml"])
        guard case .failure(let e) = list[0].result else { Issue.record("b.toml loaded"); return }
        #expect(e.file == "surfaces/b.toml")
        guard case .success(let s) = list[1].result else { Issue.record("linear.toml failed"); return }
        #expect(s.name == "linear")
        #expect(SurfaceResolver.fileSurfaces(in: "/nonexistent").isEmpty)
    }
}
