import Foundation
import Testing
@testable import Plot

@Suite struct FigureOptionsValidationTests {
    @Test func limitsAreEnforcedWithTheFieldsName() {
        let cases: [(SurfacePlotOptions, String)] = [
            (SurfacePlotOptions(levels: 0), "invalid levels 0; expected a whole number from 2 to 200"),
            (SurfacePlotOptions(levels: 100_000), "invalid levels 100000; expected a whole number from 2 to 200"),
            (SurfacePlotOptions(width: 32767), "invalid width 32767; width and height must be between 100 and 10000 pixels"),
            (SurfacePlotOptions(height: -5), "invalid height -5; width and height must be between 100 and 10000 pixels"),
            (SurfacePlotOptions(xlim: 1...1), "invalid xlim [1.0, 1.0]; the first number must be less than the second"),
            (SurfacePlotOptions(ylim: -Double.infinity...0), "invalid ylim [-inf, 0.0]; both numbers must be finite"),
            (SurfacePlotOptions(fontScale: 10), "invalid font_scale 10.0; expected a number from 0.5 to 3.0"),
        ]
        for (options, message) in cases {
            #expect(throws: FigureOptionsError(message)) { try options.validate() }
        }
        #expect(throws: FigureOptionsError("invalid --levels 0; expected a whole number from 2 to 200")) {
            try SurfacePlotOptions(levels: 0).validate { "--" + $0 }
        }
        try? SurfacePlotOptions(levels: 30, width: 800, height: 600, fontScale: 1.2).validate()
    }

    @Test func everyFieldRoundTripsAndUnknownFieldsAreNamed() throws {
        let o = SurfacePlotOptions(levels: 12, scale: .linear, xlim: -1...2, ylim: 0...1, width: 800, height: 600, layout: .contour,
                                   facet: .optimizer, title: "T", subtitle: "", aspect: .equal, colormap: .magma, theme: .dark,
                                   background: .transparent, fontScale: 1.25, lossScale: .linear)
        let data = try JSONEncoder().encode(o)
        #expect(try JSONDecoder().decode(SurfacePlotOptions.self, from: data) == o)
        let unknown = Data(#"{"layout":"both","colour":"red"}"#.utf8)
        #expect(throws: FigureOptionsError("unknown field 'colour'; known fields: levels, scale, xlim, ylim, width, height, layout, facet, title, subtitle, aspect, colormap, theme, background, font_scale, loss_scale")) {
            try JSONDecoder().decode(SurfacePlotOptions.self, from: unknown)
        }
        #expect(throws: FigureOptionsError("'levels' must be a whole number")) {
            try JSONDecoder().decode(SurfacePlotOptions.self, from: Data(#"{"levels":"many"}"#.utf8))
        }
        #expect(throws: FigureOptionsError("invalid 'theme' 'sepia'; accepted: light, dark")) {
            try JSONDecoder().decode(SurfacePlotOptions.self, from: Data(#"{"theme":"sepia"}"#.utf8))
        }
        // Old manifests (no new fields) still read.
        #expect(try JSONDecoder().decode(SurfacePlotOptions.self, from: Data(#"{"layout":"both","levels":20}"#.utf8)).levels == 20)
    }
}
