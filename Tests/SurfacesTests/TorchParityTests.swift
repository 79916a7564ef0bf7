import Testing
import Surfaces

/// Values and gradients equal torch's autograd to the last bit at 40 points per surface
/// (`TorchReference.swift`, made by `gen_torch_grads.py`). Optimizer paths compound any
/// difference over hundreds of steps, so "close" is not enough here.
@Suite struct TorchParityTests {
    @Test(arguments: Surfaces.names)
    func equalsTorchBitForBit(name: String) throws {
        let s = try #require(Surfaces.named(name))
        let rows = try #require(torchReference[name])
        #expect(rows.count == 40)
        for (x, y, f, gx, gy) in rows {
            #expect(s.value(x, y) == f, "\(name) f(\(x), \(y))")
            let g = s.gradient(x, y)
            #expect(g.x == gx, "\(name) ∂f/∂x at (\(x), \(y)): \(g.x) vs torch \(gx)")
            #expect(g.y == gy, "\(name) ∂f/∂y at (\(x), \(y)): \(g.y) vs torch \(gy)")
        }
    }
}
