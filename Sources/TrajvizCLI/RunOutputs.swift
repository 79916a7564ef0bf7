import Optimizers
import Plot
import Regression
import Stepping
import SurfaceFiles
import Surfaces

/// The files a run of paths writes: the figure, the CSV and the JSON manifest.
///
/// Resolved and checked before any work (``init(output:csv:json:surface:inputs:)``), written
/// while the paths are stepped (``export(surface:definition:start:noise:runs:study:pathCount:hasRuns:)``):
/// the CSV and the manifest grow in their temporary files path by path, in constant memory, and
/// everything is committed together at the end. With no output named at all, the figure goes to `output/<surface>.png`; with
/// only `--csv`/`--json`, no figure is drawn.
struct RunOutputs {
    private let plan: OutputPlan
    private let csv: OutputFile?
    private let json: OutputFile?
    /// The figure's options with the view (`--view`, `--azimuth`, `--elevation`, `--orbit`) and
    /// the animation's timing (`--fps`, `--duration`) given: what the figure draws and the
    /// manifest records.
    let options: SurfacePlotOptions

    /// - Parameters:
    ///   - inputs: the files the run reads (a surface file, a manifest), which no output may be.
    ///   - animation, view: given over `figure` (a manifest's when replaying), checked against the
    ///     figure's format before any work.
    init(output: String?, csv: String?, json: String?, surface: any Surface, inputs: [InputFile] = [],
         animation: AnimationOptions = AnimationOptions(), view: ViewOptions = ViewOptions(),
         figure: SurfacePlotOptions = SurfacePlotOptions()) throws(CLIError) {
        self.csv = csv.map { OutputFile(path: $0, option: "--csv") }
        self.json = json.map { OutputFile(path: $0, option: "--json") }
        plan = try OutputPlan(output: output, data: [self.csv, self.json].compactMap { $0 },
                              defaultFigure: "output/\(FigureOutput.fileStem(for: surface)).png", inputs: inputs)
        let animated = plan.figureFormat?.isAnimated ?? false
        let options = try view.resolve(over: animation.resolve(over: figure, animated: animated), animated: animated)
        if options.camera != nil, options.facet != nil {
            throw .usage("--facet draws 2D panels; drop --facet or --view 3d")
        }
        self.options = options
        if animated {
            // Frames × pixels: each frame is drawn and compared whole.
            let frames = Int((Double(options.fps ?? AnimationTimeline.defaultFPS)
                              * (options.duration ?? AnimationTimeline.defaultDuration)).rounded())
            let (w, h) = figure.size
            let pixels = frames * w * h
            guard pixels <= Self.maximumAnimationPixels else {
                throw .usage("too much work for one animation: \(frames) frames of \(w)x\(h) pixels; at most "
                             + "\(Self.maximumAnimationPixels / 1_000_000_000)·10⁹ pixels in all: lower --fps, --duration or --size")
            }
        }
        if animated, plan.figureFormat == .animation(.gif), figure.background == .transparent {
            throw .usage("--background transparent cannot be kept in a GIF (a pixel is transparent or not); write a .webp or .png")
        }
    }

    /// Frames × page pixels an animation may draw: 2,777 frames of 1200x900 (the default is 150).
    static let maximumAnimationPixels = 3_000_000_000

    /// Whether a figure is drawn (then each path is reduced for it as soon as it is stepped).
    var drawsFigure: Bool { plan.figure != nil }
    /// Whether the full paths are written (CSV or manifest); otherwise they can be dropped once reduced.
    var keepsPaths: Bool { csv != nil || json != nil }

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
    ///
    /// - Parameter buffers: where a path that is not kept hands its arrays back for the next path.
    func keeper(surface: any Surface, buffers: TraceBuffers? = nil) -> @Sendable (Trajectory) -> Kept {
        let draws = drawsFigure, keeps = keepsPaths
        let resolution = PlotResolution(surface: surface, options: options)
        return { path in
            let kept = Kept(label: path.label, run: path.run, divergedAt: path.divergedAt,
                            plotPath: draws ? PlotPath(path, resolution: resolution) : nil, path: keeps ? path : nil)
            if !keeps { buffers?.recycle(path) }
            return kept
        }
    }

    /// Starts writing: the CSV header and the manifest up to its paths go to the outputs'
    /// temporary files now, each path as it is ``Export/add(_:)``ed, the figure at
    /// ``Export/finish()``.
    ///
    /// - Parameters:
    ///   - pathCount: how many paths will be added.
    ///   - hasRuns: whether the paths carry run numbers (the CSV's `run` column).
    func export(surface: any Surface, definition: SurfaceDefinition?, start: Point,
                noise: GradientNoise? = nil, runs: Int? = nil, study: JSONValue? = nil, pathCount: Int,
                hasRuns: Bool) throws(CLIError) -> Export {
        let csvSink = csv.map { plan.sink(for: $0) }, jsonSink = json.map { plan.sink(for: $0) }
        if let csvSink { try csvSink.write(PathCSV.header(runs: hasRuns) + "\n") }
        let manifest = try json.map { _ throws(CLIError) in
            try Exports.manifest(surface: surface, definition: definition, start: start, figure: options, noise: noise,
                                 runs: runs, study: study)
        }
        if let jsonSink, let manifest { try jsonSink.write(ManifestStream.head(manifest, pathCount: pathCount)) }
        return Export(plan: plan, csv: csvSink, json: jsonSink, manifest: manifest, surface: surface, start: start,
                      options: options, pathCount: pathCount, hasRuns: hasRuns)
    }

    /// A run's outputs while its paths arrive: each path is written to the CSV and the manifest
    /// as it is added, then dropped; only its reduction for the figure stays.
    final class Export {
        private let plan: OutputPlan
        private let csv: OutputSink?, json: OutputSink?
        /// The manifest without its paths, when one is written: what follows the paths comes from it.
        private let manifest: Manifest?
        private let surface: any Surface
        private let start: Point
        private let options: SurfacePlotOptions
        private let pathCount: Int
        private let hasRuns: Bool
        private var added = 0
        private var plotPaths: [PlotPath] = []
        /// Divergence notes held back (``holdNotes()``), or nil when they are told at once.
        private var heldNotes: [String]? = nil

        fileprivate init(plan: OutputPlan, csv: OutputSink?, json: OutputSink?, manifest: Manifest?, surface: any Surface,
                         start: Point, options: SurfacePlotOptions, pathCount: Int, hasRuns: Bool) {
            self.plan = plan; self.csv = csv; self.json = json; self.manifest = manifest; self.surface = surface; self.start = start
            self.options = options
            self.pathCount = pathCount; self.hasRuns = hasRuns
        }

        /// Writes the next path (in run order): its divergence to stderr, its rows and its
        /// manifest entry to their files.
        func add(_ kept: Kept) throws(CLIError) {
            precondition(added < pathCount, "more paths than announced")
            if let step = kept.divergedAt {
                let note = "\(kept.label)\(kept.run.map { " (run \($0))" } ?? "") diverged at step \(step)\n"
                if heldNotes != nil { heldNotes!.append(note) } else { Terminal.err(note) }
            }
            if let plotPath = kept.plotPath { plotPaths.append(plotPath) }
            if let path = kept.path {
                if let csv { try Exports.write(Exports.csvPieces(of: path, runs: hasRuns), to: csv) }
                if let json {
                    try Exports.write(ManifestStream.pieces(of: path, start: start, isLast: added == pathCount - 1), to: json)
                }
            }
            added += 1
        }

        /// Holds the divergence notes of the paths added from now on until ``releaseNotes()``.
        func holdNotes() { if heldNotes == nil { heldNotes = [] } }

        /// Tells the notes held back, in order.
        func releaseNotes() {
            for note in heldNotes ?? [] { Terminal.err(note) }
            heldNotes = nil
        }

        /// Ends the manifest, draws the figure, and commits every file together.
        func finish() throws(CLIError) {
            precondition(added == pathCount, "fewer paths than announced")
            if let json, let manifest { try json.write(ManifestStream.tail(manifest, pathCount: pathCount)) }
            if let figure = plan.figure {
                let bytes = try FigureOutput.render(surface: surface, paths: plotPaths, options: options, file: figure)
                try plan.sink(for: figure).write(bytes)
            }
            try plan.commit()
        }
    }
}
