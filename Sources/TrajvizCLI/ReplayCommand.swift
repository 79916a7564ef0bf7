import ArgumentParser
import Foundation
import Landscape
import Optimizers
import Plot
import Regression
import Studies
import Surfaces

/// `trajviz replay run.json`: recomputes every path of a manifest from the manifest alone (the
/// surface, each optimizer with every hyperparameter, the start and steps) and writes what is
/// asked: the figure with the recorded figure options, the CSV, a new manifest.
public struct ReplayCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Recompute the paths of a --json manifest (schedules, noise and runs included) and write the figure, CSV or manifest again.",
        discussion: """
        The replayed paths are identical to the recorded ones when the optimizers have not \
        changed; if they differ, a note on stderr says so (use 'trajviz compare' to see where). \
        Without --output, --csv or --json the figure goes to output/<surface>.png.

        A manifest of trajviz landscape or trajviz mnist holds its runs' results: its figure is \
        drawn again without training (to output/landscape.png or output/mnist.png by default), and \
        --csv and --json write the same bytes as the run did.

        Examples:
          trajviz replay run.json --output fig.pdf
          trajviz replay run.json --csv - | head
        """)

    @Argument(help: ArgumentHelp("A manifest written by trajviz --json.", valueName: "FILE.json"))
    var manifest: String

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure (.png, .svg or .pdf; .gif or .webp animates it).", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Write the replayed paths as CSV.", valueName: "FILE"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write the replayed run as a manifest.", valueName: "FILE"))
    var json: String?

    @OptionGroup(title: "3D view")
    var view: ViewOptions

    @OptionGroup(title: "Animation (.gif, .webp)")
    var animation: AnimationOptions

    @OptionGroup(title: "Figure options (each replaces the one recorded in the manifest)")
    var figure: FigureOptions

    public init() {}

    public func run() throws {
        try execute()
    }

    /// The file's surface manifest (its paths' numbers left in the file, read one path at a time
    /// later), or nil when it was a landscape or training record, which is replayed here.
    ///
    /// The file is read in windows (``ManifestReader``): everything but the paths' number arrays,
    /// which are only checked and located, so that memory does not grow with the steps. A
    /// landscape or training record, which is read whole, is read again as a tree.
    private func surfaceManifest(_ source: InputSource) throws(CLIError) -> ManifestReader.Decoded? {
        let reader: ManifestReader
        do { reader = try ManifestReader(source) } catch {
            if let problem = source.problem { throw problem }
            throw .failure("\(manifest): not valid JSON: \(error)")
        }
        if let problem = source.problem { throw problem }
        if LandscapeManifest.isLandscape(reader.json) || TrainingRecord.isTraining(reader.json) {
            let data = try InputReading.read(manifest)
            if let json = try? JSONValue.parse(data) {
                if LandscapeManifest.isLandscape(json) { try replayLandscape(json) } else { try replayTraining(json) }
                return nil
            }
        }
        do { return try reader.decode() } catch { throw .failure("\(manifest): \(error.message)") }
    }

    private func execute() throws(CLIError) {
        let source = try InputSource(manifest)
        guard let decoded = try surfaceManifest(source) else { return }
        var recorded = decoded.manifest
        let surface = try SurfaceLookup.surface(for: recorded.surface, manifest: manifest)
        // Read strictly and checked by the command line's limits when the manifest was decoded.
        let recordedOptions: SurfacePlotOptions
        do { recordedOptions = try recorded.figureOptions() } catch { throw .failure("\(manifest): \(error.message)") }
        let options = try figure.resolve(over: recordedOptions)
        if let study = recorded.study {
            // A study's paths are few and short: read whole, as the study's code expects them.
            do { recorded = try decoded.whole() } catch { throw .failure("\(manifest): \(error.message)") }
            if let problem = source.problem { throw problem }
            if try replayStudy(study, recorded: recorded, surface: surface, options: options) { return }
        }
        do throws(CLIError) {
            try WorkBudget.check(surface: surface, steps: recorded.paths.map(\.steps), origin: "the manifest's steps")
        } catch {
            throw .failure("\(manifest): \(error.message)")
        }
        let outputs = try RunOutputs(output: output, csv: csv, json: json, surface: surface,
                                     inputs: [InputFile(path: manifest, role: "the manifest")],
                                     animation: animation, view: view, figure: replacingRecordedPanels(options))

        let start = recorded.paths.first?.start ?? surface.suggestedStart
        let keep = outputs.keeper(surface: surface)
        let hasRuns = recorded.paths.contains { $0.run != nil }
        // Opened when the first path is ready: every path is checked before, so that an error
        // comes before any output (the CSV may go to standard output).
        var export: RunOutputs.Export? = nil
        func opened() throws(CLIError) -> RunOutputs.Export {
            if let export { return export }
            let opened = try outputs.export(surface: surface, definition: SurfaceLookup.definition(of: surface), start: start,
                                            noise: recorded.noise, runs: recorded.runs, study: recorded.study,
                                            pathCount: recorded.paths.count, hasRuns: hasRuns)
            // Divergences are told after the note on differing paths, as when every path was replayed first.
            opened.holdNotes()
            export = opened
            return opened
        }
        var same = true
        do {
            // One path at a time: replayed, compared with the recorded one (read from the file in
            // pieces), written, dropped.
            try replay(recorded, surface: { _ in surface }) { i, path in
                let export = try opened()
                if same, !(try recordedPath(i, of: decoded, equals: path)) { same = false }
                try export.add(keep(path))
            }
        } catch let error as CLIError {
            throw error
        } catch let error as ReplayError {
            throw .failure("\(manifest): \(error.message)")
        } catch let error as ManifestError {
            if let problem = source.problem { throw problem }
            throw .failure("\(manifest): \(error.message)")
        } catch {
            throw .failure("\(manifest): \(error)")
        }
        if let problem = source.problem { throw problem }
        let finished = try opened()
        if !same {
            Terminal.err("note: the replayed paths differ from those recorded in \(manifest) (written by trajviz \(recorded.version)); 'trajviz compare' shows where\n")
        }
        finished.releaseNotes()
        try finished.finish()
    }

    /// `options` (the recorded ones with those given) where a view given here contradicts the
    /// recorded panels: `--view 3d` over recorded facets draws one 3D panel, `--facet` over a
    /// recorded 3D view draws the facets in 2D; a note says what was dropped. Both given again
    /// are refused later, as on the command line.
    private func replacingRecordedPanels(_ options: SurfacePlotOptions) -> SurfacePlotOptions {
        var options = options
        if view.view == .solid, figure.facet == nil, options.facet != nil {
            options.facet = nil
            Terminal.err("note: \(manifest) records --facet, which a 3D view does not draw: one panel shows every path\n")
        }
        if figure.facet != nil, view.view == nil, options.view == .solid {
            (options.view, options.azimuth, options.elevation, options.orbit) = (nil, nil, nil, false)
            Terminal.err("note: \(manifest) records --view 3d, which --facet replaces: the facets are drawn in 2D\n")
        }
        return options
    }

    /// A sweep's or a tuning's manifest: a sweep steps every run again from its record and draws
    /// the same figure (returns true: done); a tuning's record is checked, and its paths (the tuned
    /// runs) are replayed as any manifest's, without searching again (returns false).
    private func replayStudy(_ study: JSONValue, recorded: Manifest, surface: any Surface,
                             options: SurfacePlotOptions) throws(CLIError) -> Bool {
        let kind = study["kind"]
        if kind == .string("sweep") {
            if view.view != nil {
                throw .usage("--view draws a run's paths; \(manifest) holds a sweep, whose figure is its grid: drop --view")
            }
            let record: SweepRecord
            do throws(StudyInputError) { record = try SweepRecord(json: study) } catch {
                throw .failure("\(manifest): \(error.message)")
            }
            let sweep = try SweepStudy(record: record, manifest: recorded, surface: surface,
                                       definition: SurfaceLookup.definition(of: surface), file: manifest)
            do throws(CLIError) { try sweep.checkSize(keepsPaths: json != nil, origin: "the manifest's study") } catch {
                throw .failure("\(manifest): \(error.message)")
            }
            let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }, jsonFile = json.map { OutputFile(path: $0, option: "--json") }
            let plan = try OutputPlan(output: output, data: [csvFile, jsonFile].compactMap { $0 },
                                      defaultFigure: "output/\(FigureOutput.fileStem(for: surface))-\(record.starts == nil ? "sweep" : "basins").png",
                                      inputs: [InputFile(path: manifest, role: "the manifest")])
            _ = try plan.stillFigureFormat(refusal: FigureOutput.stillRefusal(command: "sweep"))
            let result = try sweep.run(drawsFigure: plan.figure != nil, keepsPaths: jsonFile != nil, options: options)
            if result.record.runs.map(\.outcome) != record.runs.map(\.outcome) {
                Terminal.err("note: the replayed runs differ from those recorded in \(manifest) (written by trajviz \(recorded.version))\n")
            }
            try sweep.write(result, plan: plan, csv: csvFile != nil, json: jsonFile != nil, options: options)
            return true
        }
        if kind == .string("tune") {
            do throws(StudyInputError) { _ = try TuneRecord(json: study) } catch { throw .failure("\(manifest): \(error.message)") }
            return false
        }
        throw .failure("\(manifest): study.kind: expected \"sweep\" or \"tune\"")
    }

    /// An mnist manifest (`trajviz mnist --json`): its figure drawn again from the recorded curves,
    /// without training; `--csv` and `--json` write the runs again, the same bytes as the run's.
    private func replayTraining(_ document: JSONValue) throws(CLIError) {
        let recorded: TrainingRecord
        do { recorded = try TrainingRecord(json: document) } catch {
            throw .failure("\(manifest): \(error.message)")
        }
        // `trajviz mnist` has no figure options: its curves are drawn one way, so an option given
        // here would be silently ignored; refused by name instead.
        let ignored = figure.given + [view.view.map { _ in "--view" }, view.azimuth.map { _ in "--azimuth" },
                                      view.elevation.map { _ in "--elevation" }, view.orbit ? "--orbit" : nil,
                                      animation.fps.map { _ in "--fps" }, animation.duration.map { _ in "--duration" }].compactMap { $0 }
        if let first = ignored.first {
            throw .usage("\(first) does not apply to an mnist manifest: its training curves are redrawn as recorded; "
                         + "accepted: --output (.png, .svg or .pdf), --csv, --json")
        }
        let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }
        let jsonFile = json.map { OutputFile(path: $0, option: "--json") }
        let outputs = try OutputPlan(output: output, data: [csvFile, jsonFile].compactMap { $0 }, defaultFigure: "output/mnist.png",
                                     inputs: [InputFile(path: manifest, role: "the manifest")])
        let stillFormat = try outputs.stillFigureFormat(
            refusal: "an mnist manifest replays as training curves, not paths to animate; name a .png, .svg or .pdf --output")
        let drawn = try stillFormat.map { format throws(CLIError) in try MNISTStudy.render(recorded, format: format) }
        var contents: [[UInt8]] = []
        if csvFile != nil { contents.append(Array(MNISTExport.csv(recorded.runs).utf8)) }
        if jsonFile != nil { contents.append(recorded.encode()) }
        try outputs.write(figure: drawn, data: contents)
    }

    /// A landscape manifest (`trajviz landscape --json`): its figure drawn again from the recorded
    /// grid and paths, without training, with the recorded figure options (each one given here
    /// replaces it); `--csv` and `--json` write them again.
    private func replayLandscape(_ document: JSONValue) throws(CLIError) {
        let recorded: LandscapeManifest
        do { recorded = try LandscapeManifest(json: document) } catch {
            throw .failure("\(manifest): \(error.message)")
        }
        let csvFile = csv.map { OutputFile(path: $0, option: "--csv") }
        let jsonFile = json.map { OutputFile(path: $0, option: "--json") }
        let outputs = try OutputPlan(output: output, data: [csvFile, jsonFile].compactMap { $0 }, defaultFigure: "output/landscape.png",
                                     inputs: [InputFile(path: manifest, role: "the manifest")])
        let given = try LandscapeFigureOptions.resolve(figure, over: LandscapeFigureOptions.recorded(recorded.figure, manifest: manifest))
        // The recorded view and frames stay unless given again (--view 2d drops the camera).
        let options = try LandscapeView.resolve(view: view, animation: animation, format: outputs.figureFormat, options: given)
        var replayed = recorded
        replayed.figure = try LandscapeFigureOptions.record(options)
        let drawn = try outputs.figureFormat.map { format throws(CLIError) in
            try LandscapeDrawing.render(replayed, options: options, format: format, file: outputs.figure!)  // a format is a figure's
        }
        var contents: [[UInt8]] = []
        if csvFile != nil { contents.append(Array(landscapeCSV(recorded.result).utf8)) }
        if jsonFile != nil { contents.append(replayed.encode()) }
        try outputs.write(figure: drawn, data: contents)
    }
}
