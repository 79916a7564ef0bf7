// Optimizer benchmark (issue 3): every registry optimizer stepped 10,000 times on Rosenbrock
// through `trace`, as the CLI draws a path (existential optimizer, Double, gradient closure,
// recording every point). Its peer is scripts/bench/torch_optimizers.py; scripts/bench-optimizers.sh
// runs both interleaved and prints the ratio.
//
// Usage: trajviz-bench optimizers [--steps N] [--repeat R]
// Output: one machine-readable line per optimizer,
//   optimizer=<name> steps=<N> seconds=<best of R> steps_per_second=<rate>
#if canImport(Glibc)
import Glibc
#endif
import Optimizers
import Stepping

func runOptimizerBenchmark(_ arguments: [String]) {
    var steps = 10_000, repeats = 5
    var i = 0
    while i < arguments.count {
        let value = i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
        switch (arguments[i], value) {
        case ("--steps", let v?) where v > 0: steps = v
        case ("--repeat", let v?) where v > 0: repeats = v
        default:
            print("usage: trajviz-bench optimizers [--steps N] [--repeat R]")
            exit(2)
        }
        i += 2
    }
    // Rosenbrock, written here so the benchmark measures the optimizers, not a surface lookup;
    // the same formula and gradient grouping as the Surfaces module.
    let rosenbrock: (Double, Double) -> (loss: Double, gx: Double, gy: Double) = { x, y in
        let a = 1 - x, b = y - x * x
        let gb = 100 * (2 * b)
        return (a * a + 100 * (b * b), -(2 * a) + (-gb) * (2 * x), gb)
    }
    var checksum = 0.0
    for kind in OptimizerRegistry.all {
        guard let optimizer = try? kind.make(benchmarkSettings(kind.name)) else {
            print("error: cannot build \(kind.name)")
            exit(1)
        }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = monotonicSeconds()
            // No schedule: trace cannot fail.
            let path = try! trace(optimizer, label: kind.name, name: kind.name, start: (-1.5, 2), steps: steps, objective: rosenbrock)
            best = min(best, monotonicSeconds() - start)
            if path.divergedAt != nil { print("error: \(kind.name) diverged"); exit(1) }
            checksum += path.losses[path.losses.count - 1]
        }
        print("optimizer=\(kind.name) steps=\(steps) seconds=\(best) steps_per_second=\(Double(steps) / best)")
    }
    // The MLP's use: one Float buffer of 100,000 parameters through the same existential call.
    let count = 100_000
    for kind in OptimizerRegistry.all {
        guard let optimizer = try? kind.make(benchmarkSettings(kind.name)) else { exit(1) }
        var state = optimizer.makeState(count: count, as: Float.self)
        var p = [Float](repeating: 0.5, count: count)
        let g = (0..<count).map { Float(($0 % 7) - 3) * 1e-3 }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = monotonicSeconds()
            for _ in 0..<20 {
                p.withUnsafeMutableBufferPointer { pb in
                    g.withUnsafeBufferPointer { gb in optimizer.step(pb, gradient: gb, state: &state) }
                }
            }
            best = min(best, (monotonicSeconds() - start) / 20)
        }
        checksum += Double(p[0])
        print("optimizer=\(kind.name) float_parameters=\(count) seconds_per_step=\(best) ns_per_parameter=\(best / Double(count) * 1e9)")
    }
    // Printed so the work cannot be optimized away.
    print("checksum=\(checksum)")
}

/// Settings that keep every path finite for 10,000 steps from (−1.5, 2) (a diverged path would
/// stop early and flatter the rate); scripts/bench/torch_optimizers.py uses the same.
func benchmarkSettings(_ name: String) -> Hyperparameters {
    switch name {
    case "adadelta": return Hyperparameters([("lr", .number(1))])
    case "adabound", "amsbound": return Hyperparameters([("lr", .number(1e-4)), ("final_lr", .number(1e-4))])
    default: return Hyperparameters([("lr", .number(1e-4))])
    }
}

func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
