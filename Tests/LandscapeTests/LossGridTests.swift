import Models
import Testing
@testable import Landscape

@Suite struct LossGridTests {
    @Test func aSymmetricOddLatticeHasZeroInTheMiddleAndExactEnds() {
        let xs = LossGrid.lattice(-0.7...0.7, count: 51)
        #expect(xs[25] == 0 && xs[0] == -0.7 && xs[50] == 0.7)
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// The invariant: the grid's value at the plane's origin is the loss of the centre
    /// weights on the same records.
    @Test(arguments: [Plane.Kind.random, .pca])
    func theGridAtTheOriginIsTheCentresLoss(_ kind: Plane.Kind) throws {
        let (net, evaluator) = try smallModel()
        let centre = net.initialParameters(seed: 7)
        let plane: Plane
        switch kind {
        case .random: plane = randomPlane(center: centre, rows: rows(of: net), seed: 1)
        case .pca:
            // Displacements towards two other initialisations.
            let d = zip(net.initialParameters(seed: 8), centre).map { $0 - $1 } + zip(net.initialParameters(seed: 9), centre).map { $0 - $1 }
            plane = principalPlane(origin: centre, displacements: d, count: 2)
        }
        let grid = LossGrid.evaluate(evaluator, plane: plane, alpha: -1...1, beta: -0.5...0.5, count: 11)
        let centreLoss = evaluator.evaluate(centre).loss
        #expect(abs(grid.loss[5 * 11 + 5] - centreLoss) <= 1e-5, "\(grid.loss[5 * 11 + 5]) vs \(centreLoss)")
        #expect(grid.interpolatedLoss(0, 0).map { abs($0 - centreLoss) <= 1e-5 } == true)
    }

    /// The second invariant: a point that lies on the plane projects to where the grid
    /// shows its own loss. Checked at grid points (exact up to rounding) and between them (where
    /// the grid interpolates).
    @Test func pointsOnThePlaneProjectToTheirOwnLoss() throws {
        let (net, evaluator) = try smallModel()
        let centre = net.initialParameters(seed: 7)
        let plane = randomPlane(center: centre, rows: rows(of: net), seed: 3)
        let grid = LossGrid.evaluate(evaluator, plane: plane, alpha: -1...1, beta: -1...1, count: 21)
        for (i, j) in [(10, 10), (3, 17), (20, 0), (14, 6)] {
            let theta = plane.point(grid.alphas[i], grid.betas[j])
            let c = plane.project(theta)
            #expect(c.distance <= 1e-5 * max(1, c.norm), "(\(i), \(j)) is \(c.distance) off the plane")
            let there = try #require(grid.interpolatedLoss(c.alpha, c.beta))
            #expect(abs(there - evaluator.evaluate(theta).loss) <= 1e-5, "(\(i), \(j)): grid \(there)")
        }
        // Between grid points the interpolation is close, not exact.
        let theta = plane.point(0.33, -0.41)
        let c = plane.project(theta)
        let there = try #require(grid.interpolatedLoss(c.alpha, c.beta))
        #expect(abs(there - evaluator.evaluate(theta).loss) < 0.05 * evaluator.evaluate(theta).loss)
        #expect(grid.interpolatedLoss(1.5, 0) == nil)
    }
}

@Suite struct OriginLatticeTests {
    @Test(arguments: [(-0.3, 4.0, 51), (-2.0, 2.0, 51), (-2.0, 2.0, 50), (0.0, 3.0, 7), (-5.0, 0.0, 7), (-1e-9, 10.0, 11), (-7.0, 0.001, 9)])
    func coversTheRangeWithZeroExactlyOnIt(_ lo: Double, _ hi: Double, _ n: Int) {
        let xs = LossGrid.originLattice(lo...hi, count: n)
        #expect(xs.count == n)
        #expect(xs.contains(0.0))
        #expect(xs.first! <= lo && xs.last! >= hi, "\(xs.first!)...\(xs.last!) for \(lo)...\(hi)")
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 })
        // Not much wider than asked: at most one step beyond an end.
        let h = xs[1] - xs[0]
        #expect(xs.last! - xs.first! <= (hi - lo) + 2 * h + 1e-12)
    }
}
