import Dispatch

/// One training batch's loss and gradient, and the test set's evaluation, split over threads by
/// records (data parallelism), each thread with its own workspace and OpenBLAS running one thread
/// per call.
///
/// The loss is a mean over the batch, so with the batch cut into parts of r_l records whose means
/// are L_l and gradients g_l,
///
///     L = Σ_l (r_l / r) · L_l,    g = Σ_l (r_l / r) · g_l,    r = Σ_l r_l
///
/// the same values as one pass over the whole batch up to the order of the sums.
///
/// Why: OpenBLAS's own threads share only the GEMMs. The CNN spends about half its time outside
/// them (im2col and col2im, pooling, ReLU, OpenBLAS's packing of the operands, which its calling
/// thread does while the other waits), and its second thread spins in `sched_yield` between GEMMs
/// (a quarter of the CPU time in `perf`). Halves of the batch on two threads keep both cores busy
/// on all of it. For the MLP the GEMMs are all there is and small, so its batches are not split
/// (``lanes(model:batch:)``).
final class DataParallel<L: Loss>: @unchecked Sendable {
    let model: Model
    let loss: L
    let lanes: Int
    let workspaces: [Workspace]
    /// One gradient of ``Model/parameterCount`` values per lane.
    let gradients: [UnsafeMutablePointer<Float>]
    /// The test set cut into one contiguous part per lane, and a workspace for each.
    let testParts: [(data: Dataset<L.Target>, workspace: Workspace)]

    /// How many threads share a batch: OpenBLAS's thread count when the model has a convolution
    /// and every thread gets at least one record, else 1 (OpenBLAS's own threads are left to it).
    static func lanes(model: Model, batch: Int) -> Int {
        guard model.layers.contains(where: { $0 is Conv2d }) else { return 1 }
        return max(1, min(BLAS.threads, batch))
    }

    /// - Parameter evaluationCapacity: the most test records one lane evaluates at a time.
    init(model: Model, loss: L, lanes: Int, batch: Int, test: Dataset<L.Target>?, evaluationCapacity: Int) {
        precondition(lanes > 1 && batch >= lanes, "a split needs two lanes and a record for each")
        self.model = model; self.loss = loss; self.lanes = lanes
        let perLane = (batch + lanes - 1) / lanes
        workspaces = (0..<lanes).map { _ in Workspace(model: model, capacity: perLane) }
        gradients = (0..<lanes).map { _ in
            let g = UnsafeMutablePointer<Float>.allocate(capacity: model.parameterCount)
            g.initialize(repeating: 0, count: model.parameterCount)
            return g
        }
        if let test {
            testParts = (0..<lanes).compactMap { l in
                let range = Self.part(l, of: test.count, lanes: lanes)
                guard !range.isEmpty else { return nil }
                let capacity = max(1, min(range.count, evaluationCapacity))
                return (test.subset(range), Workspace(model: model, capacity: capacity, training: false))
            }
        } else {
            testParts = []
        }
    }

    deinit { for g in gradients { g.deallocate() } }

    /// Records [l·n/lanes, (l+1)·n/lanes): parts that differ by at most one record.
    static func part(_ l: Int, of n: Int, lanes: Int) -> Range<Int> { (l * n / lanes) ..< ((l + 1) * n / lanes) }

    /// The mean loss of `rows` records (`width` target values each) and its gradient into `gradient`
    /// (overwritten), and how many records the outputs classify correctly (nil for targets without classes).
    func lossAndGradient(parameters p: UnsafeBufferPointer<Float>, inputs x: UnsafePointer<Float>,
                         targets y: UnsafePointer<L.Target.Element>, width: Int, rows: Int,
                         gradient: UnsafeMutableBufferPointer<Float>) -> (loss: Float, correct: Int?) {
        let features = model.inputCount, n = model.parameterCount
        let losses = Shared<Float>(lanes, 0), corrects = Shared<Int?>(lanes, nil)
        let operands = Operands(p: p, x: x, y: y)
        DispatchQueue.concurrentPerform(iterations: lanes) { l in
            let range = Self.part(l, of: rows, lanes: lanes)
            guard !range.isEmpty else { return }
            let w = workspaces[l]
            let targets = UnsafeBufferPointer(start: operands.y + range.lowerBound * width, count: range.count * width)
            losses[l] = model.lossAndGradient(parameters: operands.p,
                                              inputs: UnsafeBufferPointer(start: operands.x + range.lowerBound * features,
                                                                          count: range.count * features),
                                              targets: targets, loss: loss,
                                              gradient: UnsafeMutableBufferPointer(start: gradients[l], count: n), workspace: w)
            corrects[l] = L.Target.correctCount(outputs: w.lastOutputs, width: model.outputCount,
                                                targets: targets.baseAddress!, rows: range.count)
        }
        // g = Σ (r_l / r) g_l; for two equal halves (g_0 + g_1) · 0.5, whose scaling is exact.
        let weights = (0..<lanes).map { Float(Self.part($0, of: rows, lanes: lanes).count) / Float(rows) }
        let g = gradient.baseAddress!
        if lanes == 2 && weights[0] == weights[1] {
            let a = gradients[0], b = gradients[1]
            for i in 0..<n { g[i] = (a[i] + b[i]) * 0.5 }
        } else {
            g.update(repeating: 0, count: n)
            for l in 0..<lanes where weights[l] > 0 {
                let a = gradients[l], s = weights[l]
                for i in 0..<n { g[i] += s * a[i] }
            }
        }
        var value: Float = 0
        var correct: Int? = 0
        for l in 0..<lanes where weights[l] > 0 {
            value += weights[l] * losses[l]
            correct = correct.flatMap { c in corrects[l].map { c + $0 } }
        }
        return (value, correct)
    }

    /// The test set's evaluation, its parts on the lanes at once: the mean loss (each part's weighted
    /// by its size) and the correct count.
    func evaluate(parameters p: UnsafeBufferPointer<Float>) -> Evaluation {
        let results = Shared<Evaluation?>(testParts.count, nil)
        let operands = Operands(p: p, x: p.baseAddress!, y: nil)
        DispatchQueue.concurrentPerform(iterations: testParts.count) { l in
            let (data, w) = testParts[l]
            results[l] = model.evaluate(parameters: operands.p, data: data, loss: loss, workspace: w)
        }
        let parts = (0..<testParts.count).map { results[$0]! }
        let count = parts.reduce(0) { $0 + $1.count }
        let total = parts.reduce(0.0) { $0 + $1.loss * Double($1.count) }
        let correct = parts.reduce(Int?(0)) { c, e in c.flatMap { c in e.correct.map { c + $0 } } }
        return Evaluation(loss: total / Double(count), correct: correct, count: count)
    }

    /// The read-only pointers the lanes share.
    private struct Operands: @unchecked Sendable {
        let p: UnsafeBufferPointer<Float>
        let x: UnsafePointer<Float>
        let y: UnsafePointer<L.Target.Element>!
    }
}

/// One slot per lane, each written by its lane only (a buffer, not an array: no lane touches
/// another's slot or any shared storage reference).
private final class Shared<T>: @unchecked Sendable {
    private let values: UnsafeMutablePointer<T>
    private let count: Int
    init(_ count: Int, _ value: T) {
        self.count = count
        values = .allocate(capacity: count)
        values.initialize(repeating: value, count: count)
    }
    deinit { values.deinitialize(count: count); values.deallocate() }
    subscript(i: Int) -> T {
        get { values[i] }
        set { values[i] = newValue }
    }
}
