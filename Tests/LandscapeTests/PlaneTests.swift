import Testing
@testable import Landscape

@Suite struct PlaneTests {
    /// A plane of two non-orthogonal, non-unit axes in 5 dimensions.
    let plane = Plane(kind: .random, origin: [1, -2, 0.5, 3, 0], u: [1, 0, 2, 0, 0], v: [0.5, 1, 0, 0, -1])

    @Test func aPointOnThePlaneProjectsToItsOwnCoordinates() {
        for (a, b) in [(0.0, 0.0), (1.5, -0.25), (-2.0, 3.0)] {
            let c = plane.project(plane.point(a, b))
            #expect(close(c.alpha, a, 1e-6) && close(c.beta, b, 1e-6), "\(a), \(b) -> \(c)")
            #expect(c.distance < 1e-6)
        }
    }

    @Test func theDistanceIsTheLengthOfTheDroppedComponent() {
        // n is orthogonal to u and v: (0, 0, 0, 1, 0).
        var theta = plane.point(0.75, -1.25)
        theta[3] += 2.5
        let c = plane.project(theta)
        #expect(close(c.alpha, 0.75, 1e-6) && close(c.beta, -1.25, 1e-6))
        #expect(close(c.distance, 2.5, 1e-6))
        #expect(c.norm >= c.distance)
    }

    @Test func parallelOrEmptyAxesStillProject() {
        let flat = Plane(kind: .random, origin: [0, 0, 0], u: [1, 0, 0], v: [2, 0, 0])
        let c = flat.project([3, 4, 0])
        #expect(close(c.alpha, 3, 1e-12) && c.beta == 0 && close(c.distance, 4, 1e-12))
        let empty = Plane(kind: .random, origin: [0, 0], u: [0, 0], v: [0, 0])
        let e = empty.project([3, 4])
        #expect(e.alpha == 0 && e.beta == 0 && close(e.distance, 5, 1e-12))
    }
}
