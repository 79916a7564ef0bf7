import Optimizers
import RealModule
import Testing

/// The same rule in Float and in Double: written once, generic, run for both (as swift-numerics
/// tests are). Float follows Double to float precision over a short path on a bowl.
@Suite struct PrecisionTests {
    /// Runs every registry entry for 25 steps on f = ½(x² + 10y²) + ¼(z − 1)² (3 parameters) in `T`,
    /// returning the final parameters per optimizer.
    static func finalPoints<T: OptimizerScalar>(_: T.Type) throws -> [String: [T]] {
        var result: [String: [T]] = [:]
        for kind in OptimizerRegistry.all {
            let optimizer = try kind.make(Hyperparameters([("lr", .number(kind.name == "adadelta" ? 1 : 0.01))]))
            var state = optimizer.makeState(count: 3, as: T.self)
            var p: [T] = [1.5, -0.75, 2]
            var g: [T] = [0, 0, 0]
            for _ in 0..<25 {
                g[0] = p[0]; g[1] = 10 * p[1]; g[2] = (p[2] - 1) / 2
                p.withUnsafeMutableBufferPointer { pb in
                    g.withUnsafeBufferPointer { gb in optimizer.step(pb, gradient: gb, state: &state) }
                }
            }
            #expect(state.step == 25)
            result[kind.name] = p
        }
        return result
    }

    @Test func floatFollowsDouble() throws {
        let single = try Self.finalPoints(Float.self)
        let double = try Self.finalPoints(Double.self)
        for name in OptimizerRegistry.names {
            let f = try #require(single[name]), d = try #require(double[name])
            for i in 0..<3 {
                // Sign-based rules (rprop, lion) move by exact multiples of lr; the rest drift by rounding.
                #expect(Double(f[i]).isApproximatelyEqual(to: d[i], absoluteTolerance: 1e-4, relativeTolerance: 1e-4),
                        "\(name)[\(i)]: Float \(f[i]), Double \(d[i])")
            }
        }
    }

    @Test func eachRuleMovesTowardsTheMinimum() throws {
        func check<T: OptimizerScalar>(_ type: T.Type) throws {
            for (name, p) in try Self.finalPoints(type) {
                let start = 0.5 * (1.5 * 1.5 + 10 * 0.75 * 0.75) + 0.25
                let end = 0.5 * (Double(p[0] * p[0]) + 10 * Double(p[1] * p[1])) + 0.25 * Double((p[2] - 1) * (p[2] - 1))
                #expect(end < start, "\(name) in \(T.self)")
            }
        }
        try check(Float.self)
        try check(Double.self)
    }

    @Test func maximizeIsTheMirrorImage() throws {
        // Minimizing f(θ) and maximizing −f(θ) take the same path.
        func check<T: OptimizerScalar>(_: T.Type) throws {
            for kind in OptimizerRegistry.all where kind.parameters.contains(where: { $0.name == "maximize" }) {
                let down = try kind.make(Hyperparameters([("lr", .number(0.01))]))
                let up = try kind.make(Hyperparameters([("lr", .number(0.01)), ("maximize", .flag(true))]))
                var a: [T] = [1, 2], b: [T] = [1, 2]
                var sa = down.makeState(count: 2, as: T.self), sb = up.makeState(count: 2, as: T.self)
                for _ in 0..<10 {
                    let ga: [T] = [3 * a[0], a[1]], gb: [T] = [-3 * b[0], -b[1]]
                    a.withUnsafeMutableBufferPointer { p in ga.withUnsafeBufferPointer { down.step(p, gradient: $0, state: &sa) } }
                    b.withUnsafeMutableBufferPointer { p in gb.withUnsafeBufferPointer { up.step(p, gradient: $0, state: &sb) } }
                }
                #expect(a == b, "\(kind.name) in \(T.self)")
            }
        }
        try check(Float.self)
        try check(Double.self)
    }
}
