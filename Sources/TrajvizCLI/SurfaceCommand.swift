import ArgumentParser
import Regression
import Foundation
import Jobs
import Numbers
import Optimizers
import Plot
import Stepping
import Surfaces

/// `trajviz --surface NAME --opt SPEC ...`: steps optimizers across a surface, then draws
/// the figure and/or exports the paths. The default command: `trajviz --surface ...` runs it.
public struct SurfaceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Step optimizers across a 2D surface and draw their paths (the default command).",
        usage: """
        trajviz --surface NAME --opt SPEC[@SCHEDULE] [--opt ...] [--start X,Y] [--steps N] [--lr LR]
                [--schedule SCHEDULE] [--noise SIGMA [--noise-decay GAMMA] [--seed S] [--runs K]]
                [--output FILE] [--csv FILE] [--json FILE] [figure options]
        """,
        discussion: """
        Steps each optimizer from the same start across the surface, then draws a contour plot \
        with every path and a loss panel (PNG, SVG or PDF by extension), and/or exports the \
        paths. Every step equals PyTorch's (and the reference packages') to rounding.

        SPEC is name[:key=value[,key=value...]]. --opt may be repeated; 'all' means every \
        optimizer; a list of names also works (sgd,adam,radam). Hyperparameters use the reference \
        implementation's argument names, tuples split (beta1, beta2, eta_minus, eta_plus, \
        step_min, step_max); booleans are true or false. Optimizers: \(OptimizerRegistry.entries(of: .torch).map(\.name).joined(separator: ", ")) \
        (torch.NAME is the same). Other definitions of the same optimizers by prefix: \
        \(OptimizerRegistry.families.filter { !$0.isDefault }.map { f in f.prefix + ". (" + OptimizerRegistry.entries(of: f).map(\.ruleName).joined(separator: ", ") + ")" }.joined(separator: "; ")); \
        'trajviz diff A B' shows where two of them part.

        A schedule follows '@', as in torch.optim.lr_scheduler with its argument names and \
        defaults: \(ScheduleKind.names.joined(separator: ", ")). '>' chains schedules (SequentialLR; each \
        milestone is the schedule's until=N, else its total_iters, T_max, step_size or T_0); lists \
        use '/' (multistep:milestones=30/80). --schedule gives every spec without one its schedule. \
        'trajviz list schedules' shows every argument and default.

        --noise SIGMA adds N(0, SIGMA^2) noise to every gradient component (annealed as \
        SIGMA^2/(1+t)^GAMMA with --noise-decay GAMMA), drawn from --seed; --runs K steps each spec K \
        times with K noise streams (run k draws the same noise for every spec).

        Without --output the figure goes to output/<surface>.png; with only --csv or --json no \
        figure is drawn. FILE may be '-' for standard output.

        Examples:
          trajviz --surface rosenbrock --opt all
          trajviz --surface beale --opt adam:lr=0.05 --opt sgd:lr=1e-3,momentum=0.9
          trajviz --surface beale --opt adam,radam --start=1,1.5 --steps 300
          trajviz --surface rosenbrock --opt all --csv paths.csv --json run.json
          trajviz --surface surfaces/valley.toml --opt all --output valley.svg
          trajviz --opt adam:lr=0.05@cosine:T_max=300 --opt radam:lr=0.05
          trajviz --opt 'momentum:lr=1e-3@linear:total_iters=20>cosine:T_max=180'
          trajviz --opt adam,sgd --schedule onecycle:max_lr=0.05
          trajviz --opt adam:lr=0.05 --noise 2 --noise-decay 0.55 --runs 20 --seed 1

        Other commands: trajviz list | mnist | linear | landscape | sweep | tune | diff | compare | replay (trajviz help <command>).
        """)

    @Option(name: .long, help: ArgumentHelp("The surface: a built-in name, a name found as surfaces/NAME.toml, or a path to a .toml file.", valueName: "NAME"))
    var surface: String = "rosenbrock"

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("An optimizer spec, e.g. adam:lr=0.05 (repeatable; 'all' for every optimizer).", valueName: "SPEC"))
    var opt: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The start point (default: the surface's suggested start). Use --start=-1.5,2 for negative numbers.", valueName: "X,Y"))
    var start: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Steps per optimizer (0...\(Limits.maxSteps); default: the surface's suggestion, 500 for most).", valueName: "N"))
    var steps: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate for every optimizer whose spec sets none (default: a bare name takes the surface's suggested rate, a spec with hyperparameters the reference's default).", valueName: "LR"))
    var lr: String?

    @Option(name: .long, help: ArgumentHelp("A learning-rate schedule for every spec without its own '@SCHEDULE', e.g. cosine:T_max=500 (see trajviz list schedules).", valueName: "SCHEDULE"))
    var schedule: String?

    @OptionGroup(title: "Gradient noise")
    var noiseOptions: NoiseOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the noise (0...\(NoiseOptions.maxSeed)).", valueName: "S"))
    var seed: String = "0"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Step every spec K times with K noise streams (1...\(NoiseOptions.maxRuns); needs --noise).", valueName: "K"))
    var runs: String?

    @Option(name: .long, help: ArgumentHelp("Write the paths as CSV (label,optimizer,step,x,y,loss,lr; with --runs label,optimizer,run,step,x,y,loss,lr).", valueName: "FILE"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write a JSON manifest: the paths and everything needed to replay them.", valueName: "FILE"))
    var json: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the figure; the format follows the extension: .png, .svg or .pdf, or an animation of the paths growing: .gif or .webp.", valueName: "FILE"))
    var output: String?

    @OptionGroup(title: "3D view")
    var view: ViewOptions

    @OptionGroup(title: "Animation (.gif, .webp)")
    var animation: AnimationOptions

    @OptionGroup(title: "Figure options")
    var figure: FigureOptions

    public init() {}

    public mutating func run() throws {
        try execute()
    }

    private func execute() throws(CLIError) {
        // Everything the user typed is checked before any work, so that a typo costs nothing
        // and leaves no file behind.
        let (surface, definition) = try SurfaceLookup.resolve(self.surface)
        let specs = try OptimizerChoice.parse(opt.isEmpty ? ["all"] : opt)
        let start = try self.start.map { text throws(CLIError) in
            let (x, y) = try ValueParsing.pair(text, option: "--start", example: "-1.5,2")
            return Point(x, y)
        } ?? surface.suggestedStart
        try StartCheck.check(start, on: surface, given: self.start != nil)
        let steps = try self.steps.map { text throws(CLIError) in
            try ValueParsing.integer(text, option: "--steps", range: 0...Limits.maxSteps)
        } ?? surface.suggestedSteps
        let lr = try self.lr.map { text throws(CLIError) in
            try ValueParsing.number(text, option: "--lr", example: "0.01")
        }
        let schedule = try OptimizerChoice.parseSchedule(self.schedule)
        let seed = try NoiseOptions.seed(self.seed), runs = try NoiseOptions.runs(self.runs)
        let noise = try noiseOptions.resolve(seed: seed, runs: runs)
        if let runs {
            let points = specs.count * runs * (steps + 1)
            guard points <= NoiseOptions.maxPoints else {
                throw .usage("invalid --runs \(runs): \(specs.count) specs × \(runs) runs × \(steps + 1) points is \(points) points; at most \(NoiseOptions.maxPoints) (use fewer runs, specs or steps)")
            }
        }
        let plotOptions = try figure.resolve()
        let pathCount = specs.count * (runs ?? 1)
        do { try RunLimits.check(run: Array(repeating: steps, count: pathCount)) } catch {
            throw .usage("too much work for one run: \(error.value); expected \(error.expected) (\(specs.count) optimizer specs"
                         + (runs.map { " × --runs \($0)" } ?? "") + " × --steps \(steps))")
        }
        try WorkBudget.check(surface: surface, steps: Array(repeating: steps, count: pathCount), origin: "--steps \(steps)")

        let outputs = try RunOutputs(output: output, csv: csv, json: json, surface: surface,
                                     inputs: SurfaceLookup.inputs(of: surface),
                                     animation: animation, view: view, figure: plotOptions)

        // Each path is reduced for the figure in its own job as soon as it is stepped, and written
        // to the CSV and the manifest as soon as the paths before it are: memory holds about one
        // full path per core, whatever the number of specs and runs. When the full paths are
        // written, one path is stepped while the one before it is written (formatting it takes
        // every core), so two full paths are alive at most. A written path's arrays are handed
        // back for the next path to step into, so that the process does not grow by the freed
        // arrays the allocator keeps (73 MB instead of 164 MB for 18 paths of 10⁶ steps to CSV).
        let buffers = TraceBuffers(paths: Jobs.workerCount + 1)
        let runner = PathRunner(surface: surface, specs: specs, learningRate: lr, schedule: schedule, noise: noise,
                                runs: runs, start: start, steps: steps, buffers: buffers)
        let export = try outputs.export(surface: surface, definition: definition, start: start,
                                        noise: noise, runs: runs, pathCount: runner.pathCount, hasRuns: runs != nil)
        try runner.stream(window: outputs.keepsPaths ? 1 : nil, outputs.keeper(surface: surface, buffers: buffers)) { _, kept throws(CLIError) in
            try export.add(kept)
            if let path = kept.path { buffers.recycle(path) }
        }
        try export.finish()
    }
}

/// The documented maxima: beyond these a run would allocate without bound or never end.
/// The figure's limits are ``FigureLimits``' and the run's ``RunLimits``' (one check each for
/// the command line and manifests); these names are what the options' help text shows.
extension LimitViolation {
    /// The message when the value came from the command line: `invalid --levels 1; expected ...`.
    var commandLineMessage: String {
        let option = field == "width" || field == "height" ? "--size" : "--" + field.replacingOccurrences(of: "_", with: "-")
        return "invalid \(option) \(value); expected \(expected)"
    }
}

enum Limits {
    static let maxSteps = RunLimits.steps.upperBound
    static let maxLevels = FigureLimits.levels.upperBound
    static let minPixels = FigureLimits.pixels.lowerBound
    static let maxPixels = FigureLimits.pixels.upperBound
}

/// A start must be where the surface is defined: from a point where f is NaN or infinite no
/// optimizer can take a step, and the run would draw nothing.
enum StartCheck {
    static func check(_ start: Point, on surface: any Surface, given: Bool) throws(CLIError) {
        let f = surface.value(start.x, start.y)
        guard !f.isFinite else { return }
        let value = f.isNaN ? "undefined (not a number)" : "infinite"
        let x = exactDecimal(start.x), y = exactDecimal(start.y)
        if given {
            throw .usage("invalid --start=\(x),\(y): f is \(value) there; choose a start where the surface is defined")
        }
        throw .usage("the surface's suggested start (\(x), \(y)) is where f is \(value); give a --start where the surface is defined")
    }
}
