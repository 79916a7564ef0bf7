import Foundation
import FuzzGenerators
import Testing

/// Every input that ever crashed a parser under `scripts/fuzz`, fed again through the same entry
/// point (`Crashers/<target>/<file>`, see Crashers/README.md): each must come back accepted or
/// refused. A regression is a crash of the test run.
@Suite struct CrashersTests {
    static var folder: URL { Bundle.module.resourceURL!.appendingPathComponent("Crashers") }

    static func files(of target: String) -> [URL] {
        let dir = folder.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test func everyCrasherFolderNamesATarget() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasSuffix(".md") }
        #expect(!folders.isEmpty)
        for name in folders { #expect(FuzzTargets.named(name) != nil, "Crashers/\(name) is not a fuzz target") }
    }

    @Test(arguments: FuzzTargets.names)
    func crashersNoLongerCrash(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        if target.isolated {
            // Replayed in trajviz-fuzz: the command line changes the current folder.
            let files = Self.files(of: name).map(\.path)
            guard !files.isEmpty else { return }
            let r = try FuzzExecutable.run(["replay", name] + files)
            #expect(r.status == 0, "\(r.output)")
            return
        }
        for file in Self.files(of: name) {
            let outcome = target.run([UInt8](try Data(contentsOf: file)))
            // Surface files and IDX files that crashed were malformed: now a clear error.
            if name == "surface" || name == "idx" { #expect(outcome == .refused, "\(file.lastPathComponent)") }
        }
    }

    @Test func theFixedBugsHaveTheirCrashers() {
        #expect(Self.files(of: "surface").count >= 2)
        #expect(Self.files(of: "idx").count >= 2)
        #expect(Self.files(of: "manifest").count >= 1)
        #expect(Self.files(of: "cli").count >= 3)
    }
}
