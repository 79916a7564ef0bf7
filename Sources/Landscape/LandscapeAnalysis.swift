import Jobs
import Models
import Optimizers

/// Where the plane is centred.
public enum PlaneCenter: Sendable, Hashable {
    /// The weights every run starts from.
    case start
    /// The last recorded weights of run `index` (in the order the runs are given).
    case run(Int)
}

/// What to measure around the recorded runs.
public struct LandscapeOptions: Sendable, Hashable {
    public var plane: Plane.Kind
    public var center: PlaneCenter
    /// Lattice points per side.
    public var gridSize: Int
    /// Scales the window: with PCA, 1 frames every projected point with a margin and a smaller
    /// value zooms in on the origin; with random directions, the window is ±span in units of the
    /// directions (Li et al.'s −1 … 1).
    public var span: Double
    /// Seeds the random directions.
    public var seed: UInt64
    /// The positions t along each start-to-end line (0: start, 1: end).
    public var lineRange: ClosedRange<Double>
    public var lineSamples: Int

    public init(plane: Plane.Kind = .pca, center: PlaneCenter = .start, gridSize: Int = 51, span: Double = 1,
                seed: UInt64 = 0, lineRange: ClosedRange<Double> = -0.5...1.5, lineSamples: Int = 101) {
        precondition(gridSize >= 3 && span > 0 && lineSamples >= 2)
        self.plane = plane; self.center = center; self.gridSize = gridSize; self.span = span; self.seed = seed
        self.lineRange = lineRange; self.lineSamples = lineSamples
    }
}

/// One optimizer's path over the landscape: each recorded point's projection onto the plane, its
/// distance from it, its own loss on the landscape's records, and the loss along the straight line
/// from the start to its end.
public struct LandscapePath: Sendable, Hashable {
    public var label: String
    public var optimizer: String
    public var hyperparameters: Hyperparameters
    public var schedule: String?
    /// The iteration at which training stopped being finite, or nil.
    public var divergedAt: Int?
    public var iterations: [Int]
    public var epochs: [Int]
    /// The projection's coordinates on the plane.
    public var alpha: [Double]
    public var beta: [Double]
    /// ‖θ − θ(α, β)‖: how far the recorded weights lie off the plane.
    public var distance: [Double]
    /// ‖θ − plane origin‖.
    public var norm: [Double]
    /// The recorded weights' own loss and accuracy on the landscape's records.
    public var loss: [Double]
    public var accuracy: [Double]
    /// The training batch loss of every iteration (iteration i + 1 is `trainLoss[i]`).
    public var trainLoss: [Double]
    /// Loss and accuracy at each of the result's ``LandscapeResult/lineT`` positions on the line
    /// from the start (t = 0) to this path's end (t = 1) (Goodfellow et al. 2015).
    public var lineLoss: [Double]
    public var lineAccuracy: [Double]
    /// The spec's `label=` and `color=`: how the figure shows the path.
    public var appearance = PathAppearance()

    public init(label: String, optimizer: String, hyperparameters: Hyperparameters, schedule: String?, divergedAt: Int?,
                iterations: [Int], epochs: [Int], alpha: [Double], beta: [Double], distance: [Double], norm: [Double],
                loss: [Double], accuracy: [Double], trainLoss: [Double], lineLoss: [Double], lineAccuracy: [Double]) {
        self.label = label; self.optimizer = optimizer; self.hyperparameters = hyperparameters; self.schedule = schedule
        self.divergedAt = divergedAt; self.iterations = iterations; self.epochs = epochs; self.alpha = alpha; self.beta = beta
        self.distance = distance; self.norm = norm; self.loss = loss; self.accuracy = accuracy; self.trainLoss = trainLoss
        self.lineLoss = lineLoss; self.lineAccuracy = lineAccuracy
    }
}

/// Everything a landscape figure shows, and its CSV and manifest hold.
public struct LandscapeResult: Sendable, Hashable {
    public var plane: Plane.Kind
    /// `start`, or the label of the run whose end is the centre.
    public var center: String
    /// PCA: the fraction of the displacements each axis captures.
    public var explained: [Double]?
    public var seed: UInt64
    public var span: Double
    public var grid: LossGrid
    public var lineT: [Double]
    public var paths: [LandscapePath]

    public init(plane: Plane.Kind, center: String, explained: [Double]?, seed: UInt64, span: Double, grid: LossGrid,
                lineT: [Double], paths: [LandscapePath]) {
        self.plane = plane; self.center = center; self.explained = explained; self.seed = seed; self.span = span
        self.grid = grid; self.lineT = lineT; self.paths = paths
    }

    /// The loss the grid shows under path `p`'s point `k` (bilinear), nil outside the grid.
    public func gridLoss(path p: Int, point k: Int) -> Double? {
        grid.interpolatedLoss(paths[p].alpha[k], paths[p].beta[k])
    }
}

/// The phases of ``analyzeLandscape(runs:evaluator:filters:options:progress:)``, for a progress bar.
public enum LandscapePhase: String, Sendable {
    case paths = "evaluating the recorded weights"
    case plane = "finding the plane"
    case grid = "evaluating the grid"
    case lines = "evaluating the lines"
}

/// Measures the landscape around recorded runs that share their start.
///
/// 1. Every recorded point's loss and accuracy on the evaluator's records (one forward pass each).
/// 2. The plane: PCA of every record's displacement from the centre (``principalPlane(origin:displacements:count:seed:)``),
///    or two filter-normalized random directions through it (``randomPlane(center:rows:seed:)``).
/// 3. Every record projected onto it, with its distance from it.
/// 4. The window: PCA, the box around the origin and every projection, 10% wider on each side,
///    scaled by `span` about the origin; random, ±span on both axes.
/// 5. The loss over `gridSize × gridSize` points covering the window, the origin one of them
///    (``LossGrid/originLattice(_:count:)``).
/// 6. For each run, the loss along the line from the start through its end.
///
/// - Precondition: OpenBLAS is loaded; every run has at least one record; all runs share the first
///   record (the start).
public func analyzeLandscape(runs: [RecordedRun], evaluator: PlaneEvaluator, filters: FilterRows, options: LandscapeOptions,
                             progress: @escaping @Sendable (LandscapePhase, Int, Int) -> Void = { _, _, _ in }) -> LandscapeResult {
    precondition(!runs.isEmpty && runs.allSatisfy { $0.count >= 1 }, "every run needs a record")
    let p = evaluator.network.parameterCount
    let start = Array(runs[0].record(0))

    // 1. The recorded points' own losses.
    let points = runs.indices.flatMap { r in (0..<runs[r].count).map { (r, $0) } }
    let counter = ProgressCounter(total: points.count) { progress(.paths, $0, $1) }
    let own = parallelMap(points) { (r, k) -> Evaluation in
        let e = evaluator.evaluate(Array(runs[r].record(k)))
        counter.add(1)
        return e
    }

    // 2. The plane.
    progress(.plane, 0, 1)
    let centre: [Float]
    let centreName: String
    switch options.center {
    case .start: centre = start; centreName = "start"
    case .run(let i): centre = runs[i].final; centreName = runs[i].result.label
    }
    let plane: Plane
    switch options.plane {
    case .pca:
        var d = [Float](repeating: 0, count: points.count * p)
        for (n, (r, k)) in points.enumerated() {
            let record = runs[r].record(k)
            d.withUnsafeMutableBufferPointer { d in
                record.withUnsafeBufferPointer { x in
                    for j in 0..<p { d[n * p + j] = x[j] - centre[j] }
                }
            }
        }
        plane = principalPlane(origin: centre, displacements: d, count: points.count, seed: options.seed)
    case .random:
        plane = randomPlane(center: centre, rows: filters, seed: options.seed)
    }
    progress(.plane, 1, 1)

    // 3. Projections.
    let coordinates = parallelMap(points) { (r, k) in runs[r].record(k).withUnsafeBufferPointer { plane.project($0) } }

    // 4. The window.
    let alphaRange: ClosedRange<Double>, betaRange: ClosedRange<Double>
    switch options.plane {
    case .pca:
        alphaRange = window(coordinates.map(\.alpha), span: options.span)
        betaRange = window(coordinates.map(\.beta), span: options.span)
    case .random:
        alphaRange = -options.span...options.span
        betaRange = alphaRange
    }

    // 5. The grid.
    // The origin (the centre) is a grid point: the grid shows its loss exactly there.
    let grid = LossGrid.evaluate(evaluator, plane: plane, alphas: LossGrid.originLattice(alphaRange, count: options.gridSize),
                                 betas: LossGrid.originLattice(betaRange, count: options.gridSize)) {
        progress(.grid, $0, $1)
    }

    // 6. The lines.
    let ts = LossGrid.lattice(options.lineRange, count: options.lineSamples)
    var lines: [[Evaluation]] = []
    for (r, run) in runs.enumerated() {
        lines.append(evaluator.line(from: start, to: run.final, at: ts))
        progress(.lines, r + 1, runs.count)
    }

    var offset = 0
    let paths = runs.enumerated().map { r, run -> LandscapePath in
        let range = offset..<(offset + run.count)
        offset += run.count
        let c = Array(coordinates[range]), e = Array(own[range])
        return LandscapePath(label: run.result.label, optimizer: run.result.optimizer, hyperparameters: run.result.hyperparameters,
                             schedule: run.result.schedule, divergedAt: run.result.divergedAt,
                             iterations: run.iterations, epochs: run.epochs,
                             alpha: c.map(\.alpha), beta: c.map(\.beta), distance: c.map(\.distance), norm: c.map(\.norm),
                             loss: e.map(\.loss), accuracy: e.map(\.accuracy), trainLoss: run.result.losses.map(Double.init),
                             lineLoss: lines[r].map(\.loss), lineAccuracy: lines[r].map(\.accuracy))
    }
    return LandscapeResult(plane: options.plane, center: centreName, explained: plane.explained, seed: options.seed,
                           span: options.span, grid: grid, lineT: ts, paths: paths)
}

/// The range of `values` and 0, 10% wider on each side, scaled by `span` about 0 (the plane's
/// origin: a span below 1 zooms in on it); ±span when all of them are 0.
func window(_ values: [Double], span: Double) -> ClosedRange<Double> {
    let lo = min(0, values.min() ?? 0), hi = max(0, values.max() ?? 0)
    let margin = (hi - lo) * 0.1
    guard hi - lo > 0 else { return -span...span }
    return ((lo - margin) * span)...((hi + margin) * span)
}
