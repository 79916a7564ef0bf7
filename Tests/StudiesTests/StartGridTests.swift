import Studies
import Surfaces
import Testing

@Suite struct StartGridTests {
    @Test func gridCoversTheWindowEdgesIncluded() throws {
        let g = try StartGrid.parse("41x21", over: Domain(x: -5...5, y: -2...3))
        #expect(g.count == 861)
        let p = g.points
        #expect(p[0] == Point(-5, -2))
        #expect(p[1] == Point(-4.75, -2))
        #expect(p[40] == Point(5, -2))
        #expect(p[41] == Point(-5, -1.75))
        #expect(p[860] == Point(5, 3))
    }

    @Test(arguments: [("41", "malformed --starts '41'; expected COLUMNSxROWS, e.g. --starts 41x41 (41 × 41 starts over the domain)"),
                      ("1x5", "invalid --starts '1x5'; each side takes 2 to 401 starts"),
                      ("5x402", "invalid --starts '5x402'; each side takes 2 to 401 starts")])
    func refusesBadGrids(_ text: String, _ message: String) {
        #expect(throws: StudyInputError(message)) { try StartGrid.parse(text, over: Domain(x: 0...1, y: 0...1)) }
    }
}
