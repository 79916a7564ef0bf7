import Testing
@testable import Plot

@Suite struct PanelGridTests {
    static let m = Metrics(width: 1200, height: 900)
    static let axis = AxisSpec.linear(-2...2, title: "x")

    @Test func cellsFitTheBodyWithoutOverlapping() {
        for count in [1, 2, 5, 18] {
            for aspect in [nil, 1.0, 0.25] {
                let spec = PanelGridSpec(count: count, aspect: aspect, x: Self.axis, y: Self.axis, cellTitles: count > 1,
                                         colorbar: Self.axis, side: [SidePanelSpec(y: Self.axis, weight: 1)], sideShare: 0.3)
                let body = Rect(x: 16, y: 80, width: 1168, height: 700)
                let layout = PanelGridLayout(spec, in: body, m: Self.m)
                #expect(layout.cells.count == count && layout.rows * layout.columns >= count)
                for (i, a) in layout.cells.enumerated() {
                    #expect(body.contains(a), "cell \(i) of \(count)")
                    if let aspect { #expect(abs(a.height / a.width - aspect) < 1e-9) }
                    for b in layout.cells[(i + 1)...] { #expect(!a.intersects(b)) }
                }
                #expect(layout.colorbar!.x > layout.gridPlot.maxX && layout.side[0].x > layout.colorbar!.maxX)
                #expect(layout.side[0].maxX <= body.maxX + 1e-9)
            }
        }
    }

    @Test func sharedAxesLabelTheOuterCellsOnly() {
        let spec = PanelGridSpec(count: 5, columns: 3, aspect: nil, x: Self.axis, y: Self.axis)
        let layout = PanelGridLayout(spec, in: Rect(x: 0, y: 0, width: 900, height: 600), m: Self.m)
        #expect(layout.parts.map(\.yLabels) == [true, false, false, true, false])
        // Column 3 has no cell in row 2: its x labels go on row 1.
        #expect(layout.parts.map(\.xLabels) == [false, false, true, true, true])
    }
}
