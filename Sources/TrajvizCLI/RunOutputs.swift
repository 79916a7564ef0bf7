import Optimizers
import Plot
import Stepping
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

    /// - Parameter inputs: the files the run reads (a surface file, a manifest), which no output may be.
    init(output: String?, csv: String?, json: String?, surface: any Surface, inputs: [InputFile] = []) throws(CLIError) {
        self.csv = csv.map { OutputFile(path: $0, option: "--csv") }
        self.json = json.map { OutputFile(path: $0, option: "--json") }
        plan = try OutputPlan(output: output, data: [self.csv, self.json].compactMap { $0 },
                              defaultFigure: "output/\(FigureOutput.fileStem(for: surface)).png", inputs: inputs)
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
        var diverged: [(label: String, run: Int?, step: Int)]
        var start: Point
        var options: SurfacePlotOptions
        var noise: GradientNoise? = nil
        var runs: Int? = nil
    }

    /// What a run keeps of one path: its reduction for the figure, the full path when the CSV or
    /// the manifest needs it, and its divergence.
    struct Kept: Sendable {
        var label: String
        var run: Int?
        var divergedAt: Int?
        var plotPath: PlotPath?
        var path: Trajectory?
    }

    /// What the outputs need of `path`: called in the path's own job right after it is stepped,
    /// so that the full path can be dropped unless a data file is written.
    func keeper(surface: any Surface, options: SurfacePlotOptions) -> @Sendable (Trajectory) -> Kept {
        let draws = drawsFigure, keeps = keepsPaths
        let resolution = PlotResolution(surface: surface, options: options)
        return { path in
            Kept(label: path.label, run: path.run, divergedAt: path.divergedAt,
                 plotPath: draws ? PlotPath(path, resolution: resolution) : nil, path: keeps ? path : nil)
        }
    }

    /// The run of `kept` paths, in order.
    func run(_ kept: [Kept], surface: any Surface, definition: SurfaceDefinition?, start: Point,
             options: SurfacePlotOptions, noise: GradientNoise? = nil, runs: Int? = nil) -> Run {
        Run(surface: surface, definition: definition, paths: kept.compactMap(\.path), plotPaths: kept.compactMap(\.plotPath),
            diverged: kept.compactMap { k in k.divergedAt.map { (k.label, k.run, $0) } }, start: start, options: options,
            noise: noise, runs: runs)
    }

    /// Writes every file, all committed together or none, and says where.
    func write(_ run: Run) throws(CLIError) {
        for (label, run, step) in run.diverged {
            Terminal.err("\(label)\(run.map { " (run \($0))" } ?? "") diverged at step \(step)\n")
        }
        let figureBytes = try plan.figure.map { file throws(CLIError) in
            try FigureOutput.render(surface: run.surface, paths: run.plotPaths, options: run.options, file: file)
        }
        var contents: [[UInt8]] = []
        if csv != nil { contents.append(Array(Exports.csv(run.paths).utf8)) }
        if json != nil {
            contents.append(try Exports.manifest(surface: run.surface, definition: run.definition, paths: run.paths,
                                                 start: run.start, figure: run.options, noise: run.noise, runs: run.runs))
        }
        try plan.write(figure: figureBytes, data: contents)
    }
}
