import Optimizers
import Stepping
import Surfaces
import Testing

/// Paths stepped into handed-back arrays are the paths stepped into new ones, bit for bit
/// (also after a longer path, and when a path diverges), and the arrays are reused, not copied.
@Suite struct TraceBuffersTests {
    private func path(_ name: String, _ lr: Double, steps: Int, buffers: TraceBuffers?) throws -> Trajectory {
        let kind = try #require(OptimizerRegistry.named(name))
        return try trace(try kind.make(Hyperparameters([("lr", .number(lr))])), label: name, name: name, start: (-1.5, 2),
                         steps: steps, buffers: buffers, objective: { x, y in
            let (value, gradient) = Rosenbrock().evaluate(Point(x, y))
            return (value, gradient.x, gradient.y)
        })
    }

    @Test func recycledArraysGiveTheSamePaths() throws {
        let buffers = TraceBuffers(paths: 1)
        // adam, then sgd diverging (shorter than its steps) into adam's arrays, then a shorter path.
        let cases: [(String, Double, Int)] = [("adam", 0.05, 3000), ("sgd", 0.5, 3000), ("rmsprop", 0.01, 700), ("adam", 0.05, 3000)]
        for (name, lr, steps) in cases {
            let fresh = try path(name, lr, steps: steps, buffers: nil)
            let reused = try path(name, lr, steps: steps, buffers: buffers)
            #expect(reused == fresh, "\(name)")
            buffers.recycle(reused)
        }
        #expect(try path("sgd", 0.5, steps: 3000, buffers: nil).divergedAt != nil, "the case meant to diverge does not")
    }

    @Test func arraysAreReusedWhenNothingElseHoldsThem() throws {
        let buffers = TraceBuffers(paths: 1)
        var first = try path("adam", 0.05, steps: 5000, buffers: buffers)
        let addresses = Set([first.xs, first.ys, first.losses, first.lrs].map { $0.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        buffers.recycle(first)
        first = try path("sgd", 1e-4, steps: 1, buffers: nil)  // drops the only other reference
        let second = try path("adam", 0.05, steps: 5000, buffers: buffers)
        let again = Set([second.xs, second.ys, second.losses, second.lrs].map { $0.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(again == addresses)
    }
}
