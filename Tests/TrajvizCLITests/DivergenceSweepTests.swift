import Foundation
import Optimizers
import Regression
import Surfaces
import Testing

/// Divergence is never fatal: every optimizer on every built-in surface at 1000× its suggested
/// learning rate runs to the end, diverged paths are reported on stderr, and the figure is written.
@Suite struct DivergenceSweepTests {
    @Test(arguments: Surfaces.names)
    func thousandfoldLearningRates(_ surfaceName: String) throws {
        let surface = try #require(Surfaces.named(surfaceName))
        let specs = OptimizerRegistry.all.map { kind -> String in
            let base = surface.suggestedLearningRates[kind.rateKey] ?? kind.defaults.number("lr")
            return "\(kind.name):lr=\(formatNumber(base * 1000))"
        }
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["--surface", surfaceName, "--steps", "200", "--size", "400x300",
                                        "--output", "fig.png", "--json", "run.json"] + specs.flatMap { ["--opt", $0] },
                                       in: folder.url)
        try #require(r.status == 0, "\(r)")
        #expect(!r.stderr.contains("Fatal error"))
        let png = try folder.read("fig.png")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG was written")
        let manifest = try Manifest.decode([UInt8](folder.read("run.json")))
        #expect(manifest.paths.count == OptimizerRegistry.all.count)
        // stderr names exactly the diverged paths, with their step.
        let reported = Set(r.stderr.split(separator: "\n").map(String.init).filter { $0.contains(" diverged at step ") })
        let expected = Set(manifest.paths.compactMap { p in p.divergedAt.map { "\(p.label) diverged at step \($0)" } })
        #expect(reported == expected, "\(r.stderr)")
        for p in manifest.paths {
            #expect(p.xs.allSatisfy(\.isFinite) && p.ys.allSatisfy(\.isFinite) && p.losses.allSatisfy(\.isFinite))
            if let k = p.divergedAt { #expect(p.xs.count <= k + 1) } else { #expect(p.xs.count == 201) }
        }
    }
}
