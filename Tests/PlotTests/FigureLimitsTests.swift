import Foundation
import Numbers
import Testing
@testable import Plot

@Suite struct FigureLimitsTests {
    @Test(arguments: [
        (SurfacePlotOptions(levels: 0), "levels: invalid value 0; expected a whole number from 2 to 200"),
        (SurfacePlotOptions(levels: 100_000), "levels: invalid value 100000; expected a whole number from 2 to 200"),
        (SurfacePlotOptions(width: 32767), "width: invalid value 32767; expected a whole number of pixels from 100 to 10000"),
        (SurfacePlotOptions(height: -5), "height: invalid value -5; expected a whole number of pixels from 100 to 10000"),
        (SurfacePlotOptions(xlim: 1...1), "xlim: invalid value [1, 1]; expected two finite numbers [min, max] with min < max"),
        (SurfacePlotOptions(ylim: -Double.infinity...0), "ylim: invalid value [-inf, 0]; expected two finite numbers [min, max] with min < max"),
        (SurfacePlotOptions(xlim: -1e308...1e308), "xlim: invalid value [-1e+308, 1e+308]; expected two finite numbers [min, max] with min < max"),
        (SurfacePlotOptions(fontScale: 10), "font_scale: invalid value 10; expected a number from 0.5 to 3"),
        (SurfacePlotOptions(fontScale: .nan), "font_scale: invalid value nan; expected a number from 0.5 to 3"),
        (SurfacePlotOptions(title: String(repeating: "t", count: 501)), "title: invalid value of 501 characters; expected text of at most 500 characters"),
        (SurfacePlotOptions(subtitle: String(repeating: "é", count: 600)), "subtitle: invalid value of 600 characters; expected text of at most 500 characters"),
    ])
    func limitsAreEnforcedWithTheFieldsName(options: SurfacePlotOptions, message: String) {
        #expect(throws: LimitViolation.self) { try options.validated() }
        do { try options.validated() } catch { #expect(error.description == message) }
    }

    @Test func valuesAtTheLimitsPass() throws {
        let edge = SurfacePlotOptions(levels: 200, xlim: -1...1, width: 100, height: 10_000,
                                      title: String(repeating: "t", count: 500), fontScale: 0.5)
        #expect(try edge.validated() == edge)
        #expect(try SurfacePlotOptions(levels: 2, fontScale: 3).validated().levels == 2)
    }

    @Test func everyEnumeratedFieldListsItsChoices() {
        let fields = SurfacePlotOptions.Field.allCases.map(\.stringValue)
        for (field, accepted) in FigureLimits.choices {
            #expect(fields.contains(field), "\(field) is not a figure field")
            #expect(!accepted.isEmpty)
        }
        #expect(FigureLimits.choices["theme"] == ["light", "dark"])
    }

    @Test func everyFieldRoundTrips() throws {
        let o = SurfacePlotOptions(levels: 12, scale: .linear, xlim: -1...2, ylim: 0...1, width: 800, height: 600, layout: .contour,
                                   facet: .optimizer, title: "T", subtitle: "", aspect: .equal, colormap: .magma, theme: .dark,
                                   background: .transparent, fontScale: 1.25, lossScale: .linear)
        let data = try JSONEncoder().encode(o)
        #expect(try JSONDecoder().decode(SurfacePlotOptions.self, from: data) == o)
        // Old manifests (no new fields) still read.
        #expect(try JSONDecoder().decode(SurfacePlotOptions.self, from: Data(#"{"layout":"both","levels":20}"#.utf8)).levels == 20)
        // A reversed range is refused when read, not turned into a trap.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SurfacePlotOptions.self, from: Data(#"{"xlim":[2,1]}"#.utf8))
        }
    }
}
