import Foundation
import Optimizers
import Plot
import SurfaceFiles
import Surfaces

/// The files a run of paths writes: the figure, the CSV and the JSON manifest.
///
/// Resolved and checked before any work (``init(output:csv:json:surface:)``), written after it
/// (``write(_:)``). With no output named at all, the figure goes to `output/<surface>.png`; with
/// only `--csv`/`--json`, no figure is drawn.
struct RunOutputs {
    private let plan: OutputPlan
    private let csv: OutputFile?
    private let json: OutputFile?

    init(output: String?, csv: String?, json: String?, surface: any Surface) throws(CLIError) {
        self.csv = csv.map { OutputFile(path: $0, option: "--csv") }
        self.json = json.map { OutputFile(path: $0, option: "--json") }
        plan = try OutputPlan(output: output, data: [self.csv, self.json].compactMap { $0 },
                              defaultFigure: "output/\(FigureOutput.fileStem(for: surface)).png")
    }

    /// Whether a figure is drawn (then each path is reduced for it as soon as it is stepped).
    var drawsFigure: Bool { plan.figure != nil }
    /// Whether the full paths are written (CSV or manifest); otherwise they can be dropped once reduced.
    var keepsPaths: Bool { csv != nil || json != nil }

    /// What a run produced: the full paths when they are written, their reductions when a figure
    /// is drawn, and every path's divergence.
    struct Run {
        var surface: any Surface
        var definition: SurfaceDefinition?
        var paths: [Trajectory]
        var plotPaths: [PlotPath]
        var diverged: [(label: String, step: Int)]
        var start: Point
        var options: SurfacePlotOptions
    }

    /// Steps every path with `each` (which calls its argument once per path, in order), keeping
    /// what the outputs need of each.
    ///
    /// A figure's reduction of one path runs on a second thread while the next path is stepped;
    /// at most one path waits for it, so memory holds three full paths at most, whatever the count.
    func collect(surface: any Surface, definition: SurfaceDefinition?, start: Point, options: SurfacePlotOptions,
                 _ each: ((Trajectory) -> Void) throws(CLIError) -> Void) throws(CLIError) -> Run {
        var run = Run(surface: surface, definition: definition, paths: [], plotPaths: [], diverged: [], start: start, options: options)
        let resolution = PlotResolution(surface: surface, options: options)
        let reducer = BackgroundReducer(resolution: resolution)
        defer { reducer.wait() }
        try each { path in
            if let step = path.divergedAt { run.diverged.append((path.label, step)) }
            if drawsFigure { reducer.reduce(path) }
            if keepsPaths { run.paths.append(path) }
        }
        reducer.wait()
        run.plotPaths = reducer.results
        return run
    }

    /// Writes every file, each whole or not at all, and says where.
    func write(_ run: Run) throws(CLIError) {
        for (label, step) in run.diverged { Terminal.err("\(label) diverged at step \(step)\n") }
        let figureBytes = try plan.figure.map { file throws(CLIError) in
            try FigureOutput.render(surface: run.surface, paths: run.plotPaths, options: run.options, file: file)
        }
        var contents: [[UInt8]] = []
        if csv != nil { contents.append(Array(Exports.csv(run.paths).utf8)) }
        if json != nil {
            contents.append(try Exports.manifest(surface: run.surface, definition: run.definition, paths: run.paths,
                                                 start: run.start, figure: run.options))
        }
        try plan.write(figure: figureBytes, data: contents)
    }
}

/// Reduces paths for a figure on a serial background queue, in the order they are handed in.
private final class BackgroundReducer: @unchecked Sendable {
    // `results` is written only on `queue` and read after `wait()`; `slot` lets one path wait
    // while another is reduced, so the stepping thread never runs ahead by more than that.
    private let queue = DispatchQueue(label: "trajviz.figure-reduction")
    private let slot = DispatchSemaphore(value: 1)
    private let resolution: PlotResolution
    private(set) var results: [PlotPath] = []

    init(resolution: PlotResolution) { self.resolution = resolution }

    func reduce(_ path: Trajectory) {
        slot.wait()
        queue.async {
            let reduced = PlotPath(path, resolution: self.resolution)
            self.results.append(reduced)
            self.slot.signal()
        }
    }

    func wait() { queue.sync {} }
}
