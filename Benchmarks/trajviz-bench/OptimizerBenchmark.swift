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
        // lr small enough that every path stays finite for all steps (a diverged path stops early).
        guard let optimizer = try? kind.make(Hyperparameters([("lr", .number(kind.name == "adadelta" ? 1 : 1e-4))])) else {
            print("error: cannot build \(kind.name)")
            exit(1)
        }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = monotonicSeconds()
            let path = trace(optimizer, label: kind.name, name: kind.name, start: (-1.5, 2), steps: steps, objective: rosenbrock)
            best = min(best, monotonicSeconds() - start)
            if path.divergedAt != nil { print("error: \(kind.name) diverged"); exit(1) }
            checksum += path.losses[path.losses.count - 1]
        }
        print("optimizer=\(kind.name) steps=\(steps) seconds=\(best) steps_per_second=\(Double(steps) / best)")
    }
    // Printed so the work cannot be optimized away.
    print("checksum=\(checksum)")
}

private func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
