import Jobs
import Models

/// The loss and accuracy of one parameter vector on the landscape's records.
public struct Evaluation: Sendable, Hashable {
    /// Mean softmax cross-entropy.
    public var loss: Double
    /// Fraction classified correctly, in [0, 1].
    public var accuracy: Double
    public init(loss: Double, accuracy: Double) { self.loss = loss; self.accuracy = accuracy }
}

/// A model whose first layer is dense and the fixed records on which its landscape is measured: the loss of any parameter
/// vector, and of many points of a plane at once.
///
/// Points of a plane θ(α, β) = θ₀ + α·u + β·v share the first layer's work: its pre-activation is
/// linear in the layer's weights and bias jointly (see `Model.firstLayerPreactivation`), so
///
///     z(α, β) = z(θ₀) + α·z(u) + β·z(v)
///
/// costs three GEMMs over the records for the whole plane, and each point then runs only the rest
/// of the network (for 784-128-10, 1.3k of its 102k weights). Points are spread over every core
/// (`Jobs.parallelMap`), each job with its own buffers, results in input order: the values do not
/// depend on the number of cores.
public struct PlaneEvaluator: Sendable {
    public let network: Model
    /// `count × network.inputCount` values, row-major.
    public let inputs: [Float]
    public let labels: [UInt8]
    public var count: Int { labels.count }

    /// - Precondition: the model's first layer is dense, it has as many outputs as classes, and
    ///   `inputs` holds `labels.count × network.inputCount` values.
    public init(network: Model, inputs: [Float], labels: [UInt8]) {
        precondition(network.firstLayerIsDense, "the plane evaluation splits the model after a dense first layer")
        precondition(!labels.isEmpty && inputs.count == labels.count * network.inputCount, "inputs must hold count × network.inputCount values")
        self.network = network; self.inputs = inputs; self.labels = labels
    }

    /// The loss and accuracy of `parameters`, by the network's plain forward pass.
    ///
    /// - Precondition: OpenBLAS is loaded.
    /// - Complexity: O(count · parameterCount).
    public func evaluate(_ parameters: [Float]) -> Evaluation {
        let workspace = Workspace(model: network, capacity: count, training: false)
        let data = LabeledData(features: network.inputCount, inputs: inputs, labels: labels)
        let e = parameters.withUnsafeBufferPointer { p in
            network.evaluate(parameters: p, data: data, loss: SoftmaxCrossEntropy(), workspace: workspace)
        }
        return Evaluation(loss: e.loss, accuracy: e.accuracy!)
    }

    /// The loss and accuracy at each point (α, β) of `plane`, in order.
    ///
    /// - Parameter progress: called from the worker threads as points complete, with the number
    ///   done so far and the total.
    /// - Precondition: OpenBLAS is loaded.
    /// - Complexity: 3 GEMMs of O(count · inputs · width) for the first layer, then
    ///   O(count · (width + rest of the network)) per point, shared among the cores.
    public func evaluate(_ plane: Plane, at points: [(Double, Double)],
                         progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> [Evaluation] {
        evaluate(origin: plane.origin, u: plane.u, v: plane.v, at: points, progress: progress)
    }

    /// The loss and accuracy along the straight line θ(t) = start + t·(end − start) at each `t`
    /// (Goodfellow, Vinyals & Saxe, "Qualitatively characterizing neural network optimization
    /// problems", ICLR 2015): t = 0 is `start`, t = 1 is `end`.
    public func line(from start: [Float], to end: [Float], at ts: [Double]) -> [Evaluation] {
        precondition(start.count == end.count)
        let direction = zip(end, start).map { $0 - $1 }
        return evaluate(origin: start, u: direction, v: nil, at: ts.map { ($0, 0) }, progress: { _, _ in })
    }

    /// The shared work of ``evaluate(_:at:progress:)`` and ``line(from:to:at:)``: `v` nil for a line.
    func evaluate(origin: [Float], u: [Float], v: [Float]?, at points: [(Double, Double)], workers: Int = Jobs.workerCount,
                  progress: @escaping @Sendable (Int, Int) -> Void) -> [Evaluation] {
        let net = network, rows = count, width = network.firstLayerWidth
        precondition(origin.count == net.parameterCount && u.count == origin.count && (v?.count ?? origin.count) == origin.count)
        guard !points.isEmpty else { return [] }
        func firstLayer(_ p: [Float]) -> [Float] {
            var z = [Float](repeating: 0, count: rows * width)
            p.withUnsafeBufferPointer { p in inputs.withUnsafeBufferPointer { x in z.withUnsafeMutableBufferPointer { z in
                net.firstLayerPreactivation(parameters: p.baseAddress!, inputs: x.baseAddress!, rows: rows, into: z.baseAddress!)
            } } }
            return z
        }
        let z0 = firstLayer(origin), zu = firstLayer(u), zv = v.map(firstLayer)
        // The parameters the rest of the network reads: everything outside the first layer.
        let first = net.firstLayerParameters
        let rest = [0..<first.lowerBound, first.upperBound..<net.parameterCount].filter { !$0.isEmpty }

        let pieces = min(points.count, max(1, workers * 8))
        let chunks = (0..<pieces).map { k in (points.count * k / pieces)..<(points.count * (k + 1) / pieces) }
        let counter = ProgressCounter(total: points.count, report: progress)
        let labels = self.labels
        let results = parallelMap(chunks, workers: workers) { range -> [Evaluation] in
            let workspace = Workspace(model: net, capacity: rows, training: false)
            // z is written straight into the workspace's first-layer buffer: no copy per point.
            let z = UnsafeMutableBufferPointer(start: net.firstLayerOutput(in: workspace), count: rows * width)
            var theta = origin
            var out: [Evaluation] = []
            out.reserveCapacity(range.count)
            for k in range {
                let a = Float(points[k].0), b = Float(points[k].1)
                z0.withUnsafeBufferPointer { z0 in zu.withUnsafeBufferPointer { zu in
                    if let zv {
                        zv.withUnsafeBufferPointer { zv in
                            for i in 0..<z.count { z[i] = z0[i] + a * zu[i] + b * zv[i] }
                        }
                    } else {
                        for i in 0..<z.count { z[i] = z0[i] + a * zu[i] }
                    }
                } }
                for r in rest {
                    if let v {
                        for i in r { theta[i] = origin[i] + a * u[i] + b * v[i] }
                    } else {
                        for i in r { theta[i] = origin[i] + a * u[i] }
                    }
                }
                let (loss, correct) = theta.withUnsafeBufferPointer { p in labels.withUnsafeBufferPointer { y in
                    net.evaluate(firstLayerPreactivation: UnsafePointer(z.baseAddress!), parameters: p.baseAddress!, labels: y, workspace: workspace)
                } }
                out.append(Evaluation(loss: Double(loss), accuracy: Double(correct) / Double(rows)))
            }
            counter.add(range.count)
            return out
        }
        return Array(results.joined())
    }
}
