import Testing
import Optimizers
@testable import Models

/// Two steps of each of the 18 optimizers on the MLP (all parameters in one flat buffer, one `step`
/// call), the gradient recomputed on the same batch before each, against torch's per-tensor optimizers.
@Test(arguments: ["relu-12", "tanh-6-5"])
func optimizerStepsOnTheMLPMatchTorch(_ name: String) throws {
    let fixture = try TorchFixture.load()
    let c = try #require(fixture.cases.first { $0.name == name })
    let steps = try #require(c.steps)
    #expect(Set(steps.optimizers.map { String($0.spec.prefix { $0 != ":" }) }) == Set(OptimizerRegistry.entries(of: .torch).map(\.name)))
    let (x, y) = try fixture.batchInputs()
    let net = try c.network()
    let ws = Workspace(model: net, capacity: 8)
    let initial = net.initialParameters(seed: c.seed)
    // Parameters are O(1/√fan_in); values that end near zero are compared against 1% of the largest,
    // or against the distance they moved when that is larger (rmsprop moves ±0.1 per step at lr 0.01,
    // and a weight that lands near zero after such a move carries that move's float32 rounding).
    let floor = 1e-2 * (initial.map(abs).max() ?? 1)
    for reference in steps.optimizers {
        let spec = try #require(try OptimizerSpec.parseList(reference.spec).first)
        let optimizer = try spec.kind.make(spec.overrides)
        var p = initial
        var g = [Float](repeating: 0, count: net.parameterCount)
        var state = optimizer.makeState(count: net.parameterCount, as: Float.self)
        for _ in 0..<steps.count {
            _ = net.crossEntropy(p, x, y, gradient: &g, ws)
            p.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { g in optimizer.step(p, gradient: g, state: &state) } }
        }
        let mismatches = zip(steps.indices, reference.values).filter { !close(p[$0.0], $0.1, floor: max(floor, abs($0.1 - initial[$0.0]))) }
        #expect(mismatches.isEmpty, "\(name) \(reference.spec): \(mismatches.count) of \(steps.indices.count) differ, first p[\(mismatches.first?.0 ?? -1)] = \(mismatches.first.map { p[$0.0] } ?? 0), torch \(mismatches.first?.1 ?? 0)")
        // The step moved the parameters: the comparison is not of two copies of the start.
        #expect(steps.indices.contains { p[$0] != initial[$0] }, "\(reference.spec) did not move")
    }
}
