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
    var figure: OutputFile?
    var csv: OutputFile?
    var json: OutputFile?
    private var figureIsDefault: Bool

    init(output: String?, csv: String?, json: String?, surface: any Surface) throws(CLIError) {
        self.csv = csv.map { OutputFile(path: $0, option: "--csv") }
        self.json = json.map { OutputFile(path: $0, option: "--json") }
        figure = output.map { OutputFile(path: $0, option: "--output") }
        figureIsDefault = figure == nil && self.csv == nil && self.json == nil
        if figureIsDefault {
            figure = OutputFile(path: "output/\(FigureOutput.fileStem(for: surface)).png", option: "--output")
        }
        let stdoutUsers = [self.csv, self.json, figure].compactMap { $0 }.filter(\.isStandardOutput)
        if stdoutUsers.count > 1 {
            throw .usage("only one output may be '-' (standard output); got " + stdoutUsers.map(\.option).joined(separator: " and "))
        }
        if let figure { _ = try FigureOutput.format(of: figure) }
        try self.csv?.validate()
        try self.json?.validate()
        try figure?.validate(createFolder: figureIsDefault)
    }

    /// Whether a data file goes to standard output (then status lines go to stderr).
    var usesStandardOutput: Bool { [csv, json, figure].contains { $0?.isStandardOutput == true } }

    struct Run {
        var surface: any Surface
        var definition: SurfaceDefinition?
        var paths: [Trajectory]
        var start: Point
        var options: SurfacePlotOptions
    }

    /// Writes every file, each whole or not at all, and says where on the status stream.
    func write(_ run: Run) throws(CLIError) {
        let statusToStderr = usesStandardOutput
        func status(_ text: String) { statusToStderr ? Terminal.err(text) : Terminal.out(text) }
        for path in run.paths {
            if let step = path.divergedAt { Terminal.err("\(path.label) diverged at step \(step)\n") }
        }
        // Render before writing anything, so a drawing failure leaves no data file either.
        let figureBytes = try figure.map { file throws(CLIError) in
            try FigureOutput.render(surface: run.surface, paths: run.paths, options: run.options, file: file)
        }
        if let csv { try csv.write(Exports.csv(run.paths)) }
        if let json {
            try json.write(Exports.manifest(surface: run.surface, definition: run.definition, paths: run.paths,
                                            start: run.start, figure: run.options))
        }
        if let figure, let figureBytes { try figure.write(figureBytes) }
        for file in [figure, csv, json].compactMap({ $0 }) where !file.isStandardOutput {
            status("wrote \(file.path)\n")
        }
    }
}
