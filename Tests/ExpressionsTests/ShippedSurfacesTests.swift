import Foundation
import Testing
import SurfaceFiles
import Surfaces

/// The files in the repository's `surfaces/` folder load, make sense, and the spelled-out
/// Rosenbrock agrees with the built-in.
@Suite struct ShippedSurfacesTests {
    /// The repository root, found from this file's path (the tests run from a checkout).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func everyShippedFileLoads() throws {
        let list = SurfaceResolver.fileSurfaces(in: Self.root)
        #expect(list.count >= 7)
        for entry in list {
            let s = try entry.result.get()
            #expect(s.name == entry.name, "\(entry.path): name \(s.name)")
            #expect(s.definition.description?.isEmpty == false, "\(entry.path) needs a description with its source")
            let start = s.value(s.suggestedStart.x, s.suggestedStart.y)
            #expect(start.isFinite)
            for m in s.minima {
                #expect(m.value < start, "\(entry.path): start is not above the minimum")
                let g = s.gradient(m.point.x, m.point.y)
                #expect(abs(g.x) < 1e-6 && abs(g.y) < 1e-6, "\(entry.path): ∇f at the listed minimum is \(g)")
            }
            let g = s.gradient(s.suggestedStart.x, s.suggestedStart.y)
            #expect(g.x != 0 || g.y != 0, "\(entry.path): the start is flat")
        }
    }

    @Test func linearFileIsTheCLIFixture() throws {
        let s = try SurfaceResolver.resolve("linear", currentDirectory: Self.root)
        #expect(s.name == "linear" && s.suggestedStart == Point(1, 2))
        #expect(s.gradient(1, 2) == Point(0.1, -0.2))
    }

    /// Values and gradients agree with the built-in to 1e-12 relative on a grid over the domain.
    @Test func rosenbrockFileMatchesTheBuiltIn() throws {
        let file = try SurfaceResolver.resolve("surfaces/rosenbrock-file.toml", currentDirectory: Self.root)
        let builtIn = Rosenbrock()
        #expect(file.domain == builtIn.domain && file.suggestedStart == builtIn.suggestedStart)
        #expect(file.suggestedLearningRates == builtIn.suggestedLearningRates)
        #expect(file.minima == builtIn.minima && file.levelScale == builtIn.levelScale)
        func close(_ a: Double, _ b: Double, scale: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, scale) }
        for i in 0...60 {
            for j in 0...60 {
                let x = -2 + 4 * Double(i) / 60, y = -1 + 4 * Double(j) / 60
                let (fv, bv) = (file.value(x, y), builtIn.value(x, y))
                #expect(close(fv, bv, scale: abs(bv)), "f(\(x), \(y)): \(fv) vs \(bv)")
                let (fg, bg) = (file.gradient(x, y), builtIn.gradient(x, y))
                let scale = max(abs(bg.x), abs(bg.y))
                #expect(close(fg.x, bg.x, scale: scale) && close(fg.y, bg.y, scale: scale), "∇f(\(x), \(y)): \(fg) vs \(bg)")
            }
        }
    }
}
