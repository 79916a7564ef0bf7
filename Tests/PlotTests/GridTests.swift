import Surfaces
import Testing
@testable import Plot

@Suite struct GridTests {
    /// f overflows to infinity on one corner and is NaN on a stripe: both take the largest finite value.
    static func f(_ x: Double, _ y: Double) -> Double {
        if x > 0.9 && y > 0.9 { return .infinity }
        if abs(x + 0.5) < 0.01 { return .nan }
        return x * x * 3 + y
    }

    @Test func nonFiniteValuesTakeTheLargestFiniteOne() {
        let g = Grid.sample(x: -1...1, y: -1...1, nx: 201, ny: 101, Self.f)
        #expect(g.values.allSatisfy { $0.isFinite })
        #expect(g[200, 100] == g.range.max, "the infinite corner is filled with the largest finite value")
        #expect(g.range.max < 4 + 1e-12 && g.range.max > 3.9)
        #expect(g[0, 0] == 3 - 1 && g.xs[100] == 0 && g.ys[50] == 0)
    }

    /// Rows shared among several threads give the values of one pass, bit for bit.
    @Test(arguments: [1, 2, 3, 7])
    func piecesGiveTheGridOfOnePass(_ pieces: Int) {
        let surface = Rosenbrock()
        let serial = Grid.sample(x: surface.domain.x, y: surface.domain.y, nx: 300, ny: 301) { surface.value($0, $1) }
        let shared = Grid.sample(surface, x: surface.domain.x, y: surface.domain.y, nx: 300, ny: 301, pieces: pieces)
        #expect(shared == serial)
    }

    @Test func rowRangesCoverEveryRowOnceInOrder() {
        #expect(rowRanges(10, pieces: 3) == [0..<3, 3..<6, 6..<10])
        #expect(rowRanges(2, pieces: 4).joined().map { $0 } == [0, 1])
    }
}
