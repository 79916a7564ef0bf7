import Optimizers
import RealModule
import Testing

/// Adam's Float step (SIMD code for torch's default settings) gives, bit for bit, torch's formula in
/// its order applied one element at a time, for sizes that end inside and outside a block of eight,
/// over several steps (so the bias corrections change) and with gradients of every sign and scale.
@Test(arguments: [1, 7, 8, 9, 37, 1_000])
func adamFloatStepIsTorchsFormulaBitForBit(_ n: Int) throws {
    let adam = try Adam(lr: 0.003, beta1: 0.85, beta2: 0.995, eps: 1e-7)
    var state = adam.makeState(count: n, as: Float.self)
    var p = (0..<n).map { Float($0 % 11) * 0.07 - 0.3 }
    var expected = p
    var m = [Float](repeating: 0, count: n), v = m
    for t in 1...4 {
        let g = (0..<n).map { i in Float((i * 7 + t * 3) % 17 - 8) * (i % 3 == 0 ? 1e-4 : 0.05) }
        p.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { g in adam.step(p, gradient: g, state: &state) } }
        // torch's _single_tensor_adam / _multi_tensor_adam, float32 throughout.
        let bc1 = 1 - Double.pow(0.85, Double(t)), bc2 = 1 - Double.pow(0.995, Double(t))
        let negStep = Float(-(0.003 / bc1)), bc2Sqrt = Float(Double.pow(bc2, 0.5))
        for i in 0..<n {
            m[i] = m[i] + Float(1 - 0.85) * (g[i] - m[i])
            v[i] = v[i] * Float(0.995) + Float(1 - 0.995) * g[i] * g[i]
            expected[i] = expected[i] + negStep * m[i] / (v[i].squareRoot() / bc2Sqrt + Float(1e-7))
        }
        let differing = (0..<n).filter { p[$0].bitPattern != expected[$0].bitPattern }
        #expect(differing.isEmpty, "step \(t): p[\(differing.first ?? -1)] = \(differing.first.map { p[$0] } ?? 0), formula \(differing.first.map { expected[$0] } ?? 0)")
    }
    #expect(p != (0..<n).map { Float($0 % 11) * 0.07 - 0.3 })
}
