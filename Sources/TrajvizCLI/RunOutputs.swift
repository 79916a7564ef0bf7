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

    struct Run {
        var surface: any Surface
        var definition: SurfaceDefinition?
        var paths: [Trajectory]
        var start: Point
        var options: SurfacePlotOptions
        var noise: GradientNoise? = nil
        var runs: Int? = nil
    }

    /// Writes every file, all committed together or none, and says where.
    func write(_ run: Run) throws(CLIError) {
        for path in run.paths {
            if let step = path.divergedAt {
                Terminal.err("\(path.label)\(path.run.map { " (run \($0))" } ?? "") diverged at step \(step)\n")
            }
        }
        let figureBytes = try plan.figure.map { file throws(CLIError) in
            try FigureOutput.render(surface: run.surface, paths: run.paths, options: run.options, file: file)
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
