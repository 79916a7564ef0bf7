import Testing
import Surfaces

/// Every hand-derived gradient against central finite differences over its figure domain.
@Suite struct GradientTests {
    /// The five-point central difference f′ ≈ (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h, with
    /// the step scaled to |x|. Its error is O(h⁴ f⁽⁵⁾) truncation plus O(ε |f| / h) rounding; the
    /// returned tolerance allows for the rounding part.
    static func centralDifference(_ s: any Surface, _ p: Point) -> (Point, tolerance: Point) {
        func derivative(_ f: (Double) -> Double, at t: Double) -> (Double, Double) {
            let h = 1e-4 * max(1, abs(t))
            let d = (-f(t + 2 * h) + 8 * f(t + h) - 8 * f(t - h) + f(t - 2 * h)) / (12 * h)
            return (d, 1e-14 * abs(f(t)) / h)
        }
        let (fx, rx) = derivative({ s.value($0, p.y) }, at: p.x)
        let (fy, ry) = derivative({ s.value(p.x, $0) }, at: p.y)
        return (Point(fx, fy), Point(rx, ry))
    }

    @Test(arguments: Surfaces.names)
    func gradientMatchesFiniteDifferences(name: String) throws {
        let s = try #require(Surfaces.named(name))
        var points = s.domain.samples(400, seed: 7)
        points.append(s.suggestedStart)
        for p in points {
            let g = s.gradient(p.x, p.y)
            let (fd, rounding) = Self.centralDifference(s, p)
            #expect(abs(g.x - fd.x) <= 1e-6 * max(1, abs(g.x)) + rounding.x,
                    "\(name) ∂f/∂x at (\(p.x), \(p.y)): \(g.x) vs \(fd.x)")
            #expect(abs(g.y - fd.y) <= 1e-6 * max(1, abs(g.y)) + rounding.y,
                    "\(name) ∂f/∂y at (\(p.x), \(p.y)): \(g.y) vs \(fd.y)")
        }
    }

    /// A gradient that is merely close would pass the test above; this one fails if a sign or
    /// a factor is wrong in a term that is small on the sampled points.
    @Test func knownGradients() {
        #expect(Rosenbrock().gradient(-1.5, 2) == Point(-2 * 2.5 - 400 * -1.5 * (2 - 2.25), 200 * (2 - 2.25)))
        #expect(Quadratic().gradient(3, 2) == Point(3, 20))
        #expect(Saddle().gradient(-1, 0.5) == Point(-2, -1))
        #expect(StyblinskiTang().gradient(1, -1) == Point(2 - 16 + 2.5, -2 + 16 + 2.5))
    }
}
