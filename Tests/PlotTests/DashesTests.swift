import Surfaces
import Testing
@testable import Plot

@Suite struct DashesTests {
    @Test func dashesFollowTheGivenLengths() {
        let on = dashed([Point(0, 0), Point(10, 0)], lengths: [0, 10], pattern: [2, 3])
        #expect(on.count == 2 && on[0] == [Point(0, 0), Point(2, 0)] && on[1] == [Point(5, 0), Point(7, 0)])
        // The same line whose full path was twice as long here: dashes twice as dense.
        let dense = dashed([Point(0, 0), Point(10, 0)], lengths: [0, 20], pattern: [2, 3], span: (1e9, 1e9))
        #expect(dense.count == 1, "a segment the full path wandered along is drawn whole")
        let half = dashed([Point(0, 0), Point(10, 0)], lengths: [0, 5], pattern: [2, 3])
        #expect(half.count == 1 && half[0] == [Point(0, 0), Point(4, 0)])
        // Pieces continue one another's pattern: a piece starting at length 3 starts in a gap.
        let later = dashed([Point(0, 0), Point(5, 0)], lengths: [3, 8], pattern: [2, 3])
        #expect(later.first?.first == Point(2, 0))
    }
}
