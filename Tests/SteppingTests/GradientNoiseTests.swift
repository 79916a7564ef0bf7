import Optimizers
import Stepping
import Testing

@Suite struct GradientNoiseTests {
    @Test func varianceAnnealsAsNeelakantan() {
        let noise = GradientNoise(sigma: 0.3, decay: 0.55, seed: 1)
        for t in [0, 1, 9, 99, 12345] {
            let expected = 0.09 / Double.pow(1 + Double(t), 0.55)   // σₜ² = σ²/(1 + t)^γ
            #expect(abs(noise.sigma(at: t) * noise.sigma(at: t) - expected) <= 1e-15 * expected, "t = \(t)")
        }
        #expect(GradientNoise(sigma: 0.3).sigma(at: 1000) == 0.3)
    }

    /// Box–Muller draws are standard normal: mean 0, variance 1, 4.55% beyond two deviations.
    @Test func drawsAreStandardNormal() {
        var stream = GradientNoise(sigma: 1, seed: 42).stream(run: 1)
        let n = 400_000
        var sum = 0.0, squares = 0.0, beyond = 0
        for _ in 0..<n {
            let z = stream.next()
            sum += z; squares += z * z
            if abs(z) > 2 { beyond += 1 }
        }
        let mean = sum / Double(n), variance = squares / Double(n) - mean * mean
        #expect(abs(mean) < 0.006 && abs(variance - 1) < 0.01)
        #expect(abs(Double(beyond) / Double(n) - 0.0455) < 0.002)
    }

    @Test func streamsAreFixedBySeedAndRun() {
        func draws(_ seed: UInt64, _ run: Int) -> [Double] {
            var s = GradientNoise(sigma: 1, seed: seed).stream(run: run)
            return (0..<8).map { _ in s.next() }
        }
        #expect(draws(3, 1) == draws(3, 1))
        #expect(draws(3, 1) != draws(3, 2) && draws(3, 1) != draws(4, 1))
        // Runs are not shifted copies of one stream (as consecutive SplitMix64 seeds would be).
        #expect(Set(draws(3, 1)).isDisjoint(with: draws(3, 2)))
        // perturb adds σ·z for each element, in the order next() draws them.
        var a = GradientNoise(sigma: 1, seed: 9).stream(run: 1), b = a
        var buffer = [Float](repeating: 1, count: 5)
        buffer.withUnsafeMutableBufferPointer { a.perturb($0, sigma: 0.5) }
        #expect(buffer == (0..<5).map { _ in Float(1) + Float(0.5 * b.next()) })
    }

    /// On a flat plane the gradient is zero, so SGD at lr 1 moves by exactly −σₜ·z: the noise is
    /// added to the gradient, annealed by the step, from the run's stream.
    @Test func theLoopAddsTheNoiseToTheGradient() throws {
        let noise = GradientNoise(sigma: 0.5, decay: 0.55, seed: 7)
        let path = try trace(try SGD(lr: 1), label: "sgd", name: "sgd", start: (0, 0), steps: 20, noise: noise, run: 3) { _, _ in (0, 0, 0) }
        var stream = noise.stream(run: 3)
        var x = 0.0, y = 0.0
        for k in 0..<20 {
            let (z0, z1) = stream.pair()
            x -= noise.sigma(at: k) * z0; y -= noise.sigma(at: k) * z1
            #expect(path.xs[k + 1] == x && path.ys[k + 1] == y, "step \(k + 1)")
        }
        #expect(path.run == 3 && path.lrs == Array(repeating: 1, count: 20))
    }

    @Test func zeroNoiseIsTheNoiselessPath() throws {
        let f: (Double, Double) -> (loss: Double, gx: Double, gy: Double) = { x, y in (x * x + 10 * y * y, 2 * x, 20 * y) }
        let adam = try Adam(lr: 0.05)
        let clean = try trace(adam, label: "a", name: "adam", start: (3, 2), steps: 100, objective: f)
        let zero = try trace(adam, label: "a", name: "adam", start: (3, 2), steps: 100, noise: GradientNoise(sigma: 0, decay: 1, seed: 5), objective: f)
        #expect(zero == clean)
        let noisy = try trace(adam, label: "a", name: "adam", start: (3, 2), steps: 100, noise: GradientNoise(sigma: 0.1, seed: 5), objective: f)
        #expect(noisy.xs != clean.xs && noisy.xs[0] == clean.xs[0])
    }
}
