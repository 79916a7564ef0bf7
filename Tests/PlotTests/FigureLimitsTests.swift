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
        (SurfacePlotOptions(view: .solid, azimuth: 361), "azimuth: invalid value 361; expected degrees from -360 to 360"),
        (SurfacePlotOptions(view: .solid, elevation: -90.5), "elevation: invalid value -90.5; expected degrees from -90 to 90"),
        (SurfacePlotOptions(view: .solid, elevation: .nan), "elevation: invalid value nan; expected degrees from -90 to 90"),
        (SurfacePlotOptions(fps: 0), "fps: invalid value 0; expected a whole number from 1 to 50 (frames under 20 ms play slowly in browsers)"),
        (SurfacePlotOptions(fps: 51), "fps: invalid value 51; expected a whole number from 1 to 50 (frames under 20 ms play slowly in browsers)"),
        (SurfacePlotOptions(duration: 0.25), "duration: invalid value 0.25; expected seconds from 0.5 to 120"),
        (SurfacePlotOptions(duration: .infinity), "duration: invalid value inf; expected seconds from 0.5 to 120"),
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

    /// The camera and the timeline follow the fields, defaults filled in.
    @Test func cameraAndTimelineFollowTheFields() {
        #expect(SurfacePlotOptions().camera == nil)
        #expect(SurfacePlotOptions(view: .flat, azimuth: 10).camera == nil)
        #expect(SurfacePlotOptions(view: .solid).camera == Camera3D(azimuth: -60, elevation: 30))
        #expect(SurfacePlotOptions(view: .solid, elevation: 70).camera == Camera3D(azimuth: -60, elevation: 70))
        #expect(SurfacePlotOptions().timeline(lastStep: 500) == AnimationTimeline(lastStep: 500, fps: 25, duration: 6))
        #expect(SurfacePlotOptions(fps: 10, duration: 2).timeline(lastStep: 500).frames.count == 20)
    }

    @Test(arguments: [
        (SurfacePlotOptions(azimuth: 10), "azimuth", "needs view \"3d\""),
        (SurfacePlotOptions(view: .flat, elevation: 10), "elevation", "needs view \"3d\""),
        (SurfacePlotOptions(orbit: true), "orbit", "needs view \"3d\""),
        (SurfacePlotOptions(facet: .optimizer, view: .solid), "facet", "a 3D view draws one panel; drop facet or view \"3d\""),
    ])
    func contradictionsAreNamed(options: SurfacePlotOptions, field: String, problem: String) {
        #expect(options.conflict?.field == field && options.conflict?.problem == problem)
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
        let moving = SurfacePlotOptions(view: .solid, azimuth: -120.5, elevation: 12, orbit: true, fps: 12, duration: 2.5)
        #expect(try JSONDecoder().decode(SurfacePlotOptions.self, from: JSONEncoder().encode(moving)) == moving)
        // Unset, the view and the timing write nothing: a run without them records what it did before.
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(SurfacePlotOptions())) as? [String: Any]
        #expect(plain?.keys.sorted() == ["layout"])
        // Old manifests (no new fields) still read.
        #expect(try JSONDecoder().decode(SurfacePlotOptions.self, from: Data(#"{"layout":"both","levels":20}"#.utf8)).levels == 20)
        // A reversed range is refused when read, not turned into a trap.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SurfacePlotOptions.self, from: Data(#"{"xlim":[2,1]}"#.utf8))
        }
    }
}
