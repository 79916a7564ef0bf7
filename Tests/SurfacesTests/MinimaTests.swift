import Testing
import Surfaces

/// The listed minima, starts and domains are consistent with the functions.
@Suite struct MinimaTests {
    @Test(arguments: Surfaces.names)
    func listedValueIsTheValueThereAndTheGradientVanishes(name: String) throws {
        let s = try #require(Surfaces.named(name))
        for m in s.minima {
            let f = s.value(m.point.x, m.point.y)
            #expect(abs(f - m.value) <= 1e-12 * max(1, abs(m.value)), "\(name) f at \(m.point) = \(f), listed \(m.value)")
            let g = s.gradient(m.point.x, m.point.y)
            #expect(abs(g.x) <= 1e-9 && abs(g.y) <= 1e-9, "\(name) ∇f at \(m.point) = \(g)")
        }
    }

    /// Newton's method on the exact gradient (Hessian by central differences of the gradient),
    /// started a little off each listed minimum, must come back to it: the listed location is
    /// the stationary point to full precision, not a rounded table value.
    @Test(arguments: Surfaces.names)
    func newtonIterationConvergesToTheListedMinimum(name: String) throws {
        let s = try #require(Surfaces.named(name))
        for m in s.minima where name != "ackley" {  // Ackley's minimum is a cone tip: no Hessian.
            var p = Point(m.point.x + 1e-3, m.point.y - 1e-3)
            for _ in 0..<30 {
                let g = s.gradient(p.x, p.y)
                let h = 1e-6
                let gxp = s.gradient(p.x + h, p.y), gxm = s.gradient(p.x - h, p.y)
                let gyp = s.gradient(p.x, p.y + h), gym = s.gradient(p.x, p.y - h)
                let hxx = (gxp.x - gxm.x) / (2 * h), hxy = (gyp.x - gym.x) / (2 * h)
                let hyx = (gxp.y - gxm.y) / (2 * h), hyy = (gyp.y - gym.y) / (2 * h)
                let det = hxx * hyy - hxy * hyx
                try #require(det > 0, "\(name): Hessian at \(p) not positive definite")
                p = Point(p.x - (hyy * g.x - hxy * g.y) / det, p.y - (hxx * g.y - hyx * g.x) / det)
            }
            #expect(abs(p.x - m.point.x) <= 1e-12 * max(1, abs(p.x)), "\(name): Newton x \(p.x) vs \(m.point.x)")
            #expect(abs(p.y - m.point.y) <= 1e-12 * max(1, abs(p.y)), "\(name): Newton y \(p.y) vs \(m.point.y)")
        }
    }

    /// No point of a fine grid over the domain lies below the listed global minimum value, and
    /// every local dip of the grid that comes close to it is near a listed minimum.
    @Test(arguments: Surfaces.names)
    func listedMinimaAreGlobalOverTheDomain(name: String) throws {
        let s = try #require(Surfaces.named(name))
        guard let lowest = s.minimumValue else {
            // Saddles: unbounded below, so a grid must find values below the centre's 0.
            let d = s.domain
            #expect(s.value(d.x.lowerBound, 0) < 0 || s.value(0, d.y.upperBound) < 0)
            return
        }
        let n = 300
        let d = s.domain
        for i in 0...n {
            for j in 0...n {
                let x = d.x.lowerBound + (d.x.upperBound - d.x.lowerBound) * Double(i) / Double(n)
                let y = d.y.lowerBound + (d.y.upperBound - d.y.lowerBound) * Double(j) / Double(n)
                let f = s.value(x, y)
                #expect(f >= lowest - 1e-9 * max(1, abs(lowest)), "\(name): f(\(x), \(y)) = \(f) < \(lowest)")
            }
        }
    }

    @Test(arguments: Surfaces.names)
    func minimaAndStartLieInsideTheDomain(name: String) throws {
        let s = try #require(Surfaces.named(name))
        for m in s.minima { #expect(s.domain.contains(m.point), "\(name): minimum \(m.point) outside \(s.domain)") }
        #expect(s.domain.contains(s.suggestedStart), "\(name): start outside the domain")
        #expect(s.domain.x.lowerBound < s.domain.x.upperBound && s.domain.y.lowerBound < s.domain.y.upperBound)
        // A start on a minimum would draw no path.
        for m in s.minima { #expect(m.point != s.suggestedStart) }
    }

    @Test func minimaCounts() {
        let counts = Dictionary(uniqueKeysWithValues: Surfaces.builtIn.map { ($0.name, $0.minima.count) })
        #expect(counts == [
            "rosenbrock": 1, "beale": 1, "saddle": 0, "monkey-saddle": 0, "himmelblau": 4, "booth": 1,
            "matyas": 1, "three-hump-camel": 1, "six-hump-camel": 2, "rastrigin": 1, "ackley": 1,
            "goldstein-price": 1, "levi13": 1, "styblinski-tang": 1, "quadratic": 1,
        ])
    }
}
