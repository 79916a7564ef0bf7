// Figure benchmark (issue 17): where the default figure's time goes, in-process, phase by phase:
// the paths, grid sampling, marching squares, the whole display list (surfaceFigure, which samples
// and contours again), Cairo's drawing and the PNG encoding. The whole process, start-up included,
// is timed by scripts/bench-render.sh and scripts/bench-growth.sh against the release `trajviz`.
//
// Usage: trajviz-bench figure [--surface NAME] [--steps N] [--grid G] [--repeat R]
// Output: one line per phase, `phase=<name> seconds=<median of R> ...`.
#if canImport(Glibc)
import Glibc
#endif
import CairoRender
import Optimizers
import Plot
import PNGEncoding
import Stepping
import Surfaces

func runFigureBenchmark(_ arguments: [String]) {
    var surfaceName = "rosenbrock", steps = 500, gridSize = 400, repeats = 9
    var i = 0
    while i + 1 < arguments.count {
        let value = arguments[i + 1]
        switch arguments[i] {
        case "--surface": surfaceName = value
        case "--steps": steps = Int(value) ?? -1
        case "--grid": gridSize = Int(value) ?? -1
        case "--repeat": repeats = Int(value) ?? -1
        default: steps = -1
        }
        i += 2
    }
    guard i == arguments.count, steps >= 0, gridSize >= 2, repeats > 0, let surface = Surfaces.named(surfaceName) else {
        print("usage: trajviz-bench figure [--surface NAME] [--steps N] [--grid G] [--repeat R]")
        exit(2)
    }
    // Every optimizer at the surface's suggested rate (the reference default where it has none),
    // from the suggested start: the paths of `trajviz --surface NAME --opt all`.
    let f: (Double, Double) -> (loss: Double, gx: Double, gy: Double) = { x, y in
        let g = surface.gradient(x, y)
        return (surface.value(x, y), g.x, g.y)
    }
    let optimizers: [(String, any Optimizer)] = OptimizerRegistry.all.compactMap { kind in
        let rate = surface.suggestedLearningRates[kind.name]
        let settings = rate.map { Hyperparameters([("lr", .number($0))]) } ?? Hyperparameters([])
        return (try? kind.make(settings)).map { (kind.name, $0) }
    }
    var paths: [Trajectory] = []
    let x = surface.domain.x, y = surface.domain.y
    var grid = Grid.sample(surface, x: x, y: y, nx: 2, ny: 2)
    var figure = Figure(width: 1, height: 1)
    var png: [UInt8] = []
    var results: [(String, [Double], String)] = []
    func time(_ name: String, note: @autoclosure () -> String = "", _ body: () -> Void) {
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = monotonicSeconds()
            body()
            samples.append(monotonicSeconds() - start)
        }
        results.append((name, samples, note()))
    }
    time("paths", note: "optimizers=\(optimizers.count) steps=\(steps)") {
        // No schedule: trace cannot fail.
        paths = optimizers.map { name, o in
            try! trace(o, label: name, name: name, start: (surface.suggestedStart.x, surface.suggestedStart.y), steps: steps, objective: f)
        }
    }
    time("grid", note: "points=\(gridSize * gridSize)") { grid = Grid.sample(surface, x: x, y: y, nx: gridSize, ny: gridSize) }
    let levels = ContourLevels.choose(count: 30, scale: surface.levelScale, gridRange: grid.range, minimumValue: surface.minimumValue)
    var crossings = 0
    time("contours", note: "levels=\(levels.count)") {
        let c = marchingSquares(grid, levels: levels.thresholds.map { $0 + levels.offset })
        crossings = c.lines.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    }
    time("figure", note: "display list, grid and contours included") { figure = surfaceFigure(surface: surface, paths: paths) }
    time("render-png", note: "Cairo drawing and PNG encoding") { png = (try? render(figure, format: .png)) ?? [] }
    guard let image = try? decodePNG(png) else { print("error: the figure did not render"); exit(1) }
    time("encode-png", note: "bytes=\(png.count)") { _ = try? encodePNG(image) }
    for (name, samples, note) in results {
        let sorted = samples.sorted()
        print("phase=\(name) seconds=\(sorted[sorted.count / 2]) min_seconds=\(sorted[0]) \(note)")
    }
    print("checksum=\(crossings + png.count)")
}
