import Models
import Testing
@testable import Landscape

@Suite struct PrincipalPlaneTests {
    init() throws { try BLAS.load() }

    /// Displacements built from known orthonormal directions e₁, e₂, e₃ with coefficient columns
    /// that are orthogonal over the records (so that e₁, e₂, e₃ are exactly the principal axes),
    /// sums of squares 220, 4 and 0.0125.
    func records(p: Int = 48) -> (d: [Float], n: Int, e1: [Double], e2: [Double]) {
        var e1 = [Double](repeating: 0, count: p), e2 = e1, e3 = e1
        for i in 0..<p { e1[i] = Double(i % 2 == 0 ? 1 : -1); e2[i] = Double(i < p / 2 ? 1 : -1); e3[i] = Double(i % 4 < 2 ? 1 : -1) }
        e1 = normalized(e1); e2 = normalized(e2); e3 = normalized(e3)
        let coefficients: [(Double, Double, Double)] = [(2, 1, 0.025), (4, -1, 0.025), (6, 0, -0.1), (8, -1, 0.025), (10, 1, 0.025)]
        var d: [Float] = []
        for (a, b, c) in coefficients { for j in 0..<p { d.append(Float(a * e1[j] + b * e2[j] + c * e3[j])) } }
        return (d, coefficients.count, e1, e2)
    }

    @Test func axesAreOrthonormalAndExplainedFractionsSumToAtMostOne() {
        let (d, n, _, _) = records()
        let plane = principalPlane(origin: [Float](repeating: 0, count: 48), displacements: d, count: n)
        #expect(abs(dot(plane.u, plane.u) - 1) < 1e-6)
        #expect(abs(dot(plane.v, plane.v) - 1) < 1e-6)
        #expect(abs(dot(plane.u, plane.v)) < 1e-6)
        let e = try! #require(plane.explained)
        #expect(e[0] >= e[1] && e[1] >= 0 && e[0] + e[1] <= 1)
        #expect(plane.kind == .pca)
    }

    @Test func findsTheDirectionsTheRecordsMoveAlong() {
        let (d, n, e1, e2) = records()
        let plane = principalPlane(origin: [Float](repeating: 0, count: 48), displacements: d, count: n)
        // The records head along +e₁ on average: the sign convention keeps u = +e₁.
        let u = plane.u.map(Double.init), v = plane.v.map(Double.init)
        #expect(Landscape.dot(u, e1) > 0.999, "u·e₁ = \(Landscape.dot(u, e1))")
        // Their mean along e₂ is 0: the tie goes to the first record's sign (+).
        #expect(Landscape.dot(v, e2) > 0.99999, "v·e₂ = \(Landscape.dot(v, e2))")
        #expect(abs(Landscape.dot(u, e2)) < 1e-5 && abs(Landscape.dot(v, e1)) < 1e-5)
        // Σ‖dᵢ‖² = Σ a² + Σ b² + Σ c² = 220 + 4 + 0.0125.
        let e = try! #require(plane.explained)
        #expect(close(e[0], 220 / 224.0125, 1e-6) && close(e[1], 4 / 224.0125, 1e-5), "\(e)")
        // Every record lies within its e₃ part of the plane.
        for i in 0..<n {
            let c = plane.project(Array(d[(i * 48)..<((i + 1) * 48)]))
            #expect(abs(c.distance - [0.025, 0.025, 0.1, 0.025, 0.025][i]) < 1e-5)
        }
    }

    @Test func theSignFollowsTheRecordsNotTheEigensolver() {
        let (d, n, _, _) = records()
        let flipped = d.map { -$0 }
        let a = principalPlane(origin: [Float](repeating: 0, count: 48), displacements: d, count: n)
        let b = principalPlane(origin: [Float](repeating: 0, count: 48), displacements: flipped, count: n)
        // Negated records move the other way: the axis turns with them, and every record's
        // coordinate keeps its sign pattern.
        #expect(dot(a.u, b.u) < -0.999)
        let mean = (0..<n).map { i in a.project(Array(d[(i * 48)..<((i + 1) * 48)])).alpha }.reduce(0, +)
        #expect(mean > 0)
    }

    @Test func oneRecordOrNoMovementStillGivesAnOrthonormalPlane() {
        let p = 20
        let one = (0..<p).map { Float($0) - 9.5 }
        let single = principalPlane(origin: [Float](repeating: 1, count: p), displacements: one, count: 1, seed: 3)
        #expect(single.explained! == [1, 0] || abs(single.explained![0] - 1) < 1e-6)
        #expect(abs(dot(single.u, single.v)) < 1e-6 && abs(dot(single.v, single.v) - 1) < 1e-6)
        let still = principalPlane(origin: [Float](repeating: 0, count: p), displacements: [Float](repeating: 0, count: 3 * p), count: 3)
        #expect(still.explained! == [0, 0])
        #expect(abs(dot(still.u, still.u) - 1) < 1e-6 && abs(dot(still.u, still.v)) < 1e-6)
    }
}
