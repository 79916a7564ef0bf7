import Regression
import Testing

@Suite struct PathGapTests {
    @Test func identicalPathsNeverDiffer() {
        let xs = [1.0, 0.5, 0.25], ys = [2.0, 1.0, 0.5]
        let gap = PathGap(a: (xs, ys), b: (xs, ys))
        #expect(gap.firstDifference == nil)
        #expect(gap.distances == [0, 0, 0])
        #expect(gap.largest?.step == 0 && gap.largest?.distance == 0)
        #expect(gap.opening == nil)
    }

    /// The tolerance is symmetric (neither path is the reference) and per coordinate.
    @Test func firstStepBeyondTheTolerance() {
        let a = (xs: [1.0, 1.0, 1.0, 1.0], ys: [0.0, 0.0, 0.0, 0.0])
        let b = (xs: [1.0, 1 + 5e-10, 1 + 3e-9, 1.0], ys: [0.0, 0.0, 0.0, 2e-12])
        let gap = PathGap(a: a, b: b)
        #expect(gap.firstDifference == 2)                      // 5e-10 is within 1e-12 + 1e-9·1
        #expect(PathGap(a: b, b: a).firstDifference == 2)
        #expect(PathGap(a: a, b: b, rtol: 1e-10).firstDifference == 1)
        #expect(PathGap(a: a, b: b, rtol: 1e-8).firstDifference == 3)  // y: 2e-12 > atol 1e-12 at 0
        #expect(PathGap(a: a, b: b, rtol: 1e-8, atol: 1e-11).firstDifference == nil)
    }

    /// The gap is the Euclidean distance; it opens where one step widens it most.
    @Test func largestGapAndOpening() {
        let a = (xs: [0.0, 0.0, 0.0, 0.0, 0.0], ys: [0.0, 0.0, 0.0, 0.0, 0.0])
        let b = (xs: [0.0, 0.3, 0.6, 3.6, 3.0], ys: [0.0, 0.4, 0.8, 4.8, 4.0])
        let gap = PathGap(a: a, b: b)
        #expect(gap.distances.map { ($0 * 1e12).rounded() / 1e12 } == [0, 0.5, 1, 6, 5])
        #expect(gap.largest?.step == 3)
        #expect(gap.opening?.step == 3 && abs(gap.opening!.widening - 5) < 1e-12)
    }

    /// A diverged path is shorter: the common steps are compared.
    @Test func shorterPathComparesTheCommonSteps() {
        let gap = PathGap(a: ([0, 1, 2], [0, 1, 2]), b: ([0, 1], [0, 1]))
        #expect(gap.distances == [0, 0] && gap.firstDifference == nil)
    }
}
