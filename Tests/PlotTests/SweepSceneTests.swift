import Foundation
import Optimizers
import Surfaces
import Testing
@testable import Plot

/// The lr sweep's page: one cell per spec and rate in rows and columns, the sensitivity panel
/// under them, nothing overlapping, every rate's point under its column.
@Suite struct SweepSceneTests {
    static func sweep(rows: Int = 2, rates: [Double] = [0.001, 0.01, 0.1, 1], diverged: Set<Int> = []) -> SweepFigure {
        let bowl = Bowl()
        let resolution = PlotResolution(surface: bowl, options: SurfacePlotOptions())
        var cells: [SweepFigure.Cell] = []
        for r in 0..<rows {
            for (c, lr) in rates.enumerated() {
                let t = descend(bowl, from: Point(1.5, 1.5), lr: lr * 0.4, steps: 40, optimizer: r == 0 ? "adam" : "sgd")
                let k = r * rates.count + c
                let score: SweepFigure.Score = diverged.contains(k) ? .diverged : .value(t.losses.last!)
                cells.append(SweepFigure.Cell(paths: [PlotPath(t, resolution: resolution)], score: score, note: "\(k)"))
            }
        }
        return SweepFigure(rows: (0..<rows).map { SweepFigure.Row(title: $0 == 0 ? "adam" : "sgd", optimizer: $0 == 0 ? "adam" : "sgd") },
                           rates: rates, cells: cells, metricTitle: "final loss f", metricLog: true, title: "Bowl: sweep", subtitle: "test")
    }

    @Test func layoutIsAGridWithTheSensitivityPanelBelow() {
        let f = sweepScene(surface: Bowl(), sweep: Self.sweep())
        let page = Rect(x: 0, y: 0, width: Double(f.width), height: Double(f.height))
        let cells = (0..<8).map { f.regions["cell-\($0)"]! }
        // Rows × columns: the same y along a row, the same x down a column.
        for c in 0..<4 {
            #expect(cells[c].y == cells[0].y && cells[4 + c].y == cells[4].y)
            #expect(cells[c].x == cells[4 + c].x)
            if c > 0 { #expect(cells[c].x > cells[c - 1].maxX) }
        }
        #expect(cells[4].y > cells[0].maxY)
        let sensitivity = f.regions["sensitivity-plot"]!
        #expect(sensitivity.y > cells[7].maxY)
        for name in ["grid", "sensitivity", "legend", "title", "colorbar"] {
            let r = f.regions[name]!
            #expect(page.contains(r), "\(name) inside the page")
        }
        #expect(!f.regions["legend"]!.intersects(f.regions["sensitivity"]!))
        #expect(!f.regions["title"]!.intersects(f.regions["grid"]!))
        // Every rate's point sits under its column's centre.
        let layer = f.layers.first { $0.name == "sensitivity" }!
        let points = layer.marks.compactMap { mark -> Point? in if case .marker(let p, .circle, _, _, _) = mark { return p } else { return nil } }
        #expect(points.count == 8)
        for (k, p) in points.enumerated() {
            let x = layer.window!.map(p, into: layer.viewport).x
            let cell = cells[k % 4]
            #expect(abs(x - (cell.x + cell.width / 2)) < 0.5, "rate \(k % 4)")
        }
        // Column titles name the rates.
        let titles = f.layers.first { $0.name == "sweep-titles" }!.marks.compactMap { mark -> String? in
            if case .text(let s, _, _) = mark { return s } else { return nil }
        }
        #expect(titles.prefix(4) == ["lr = 10⁻³", "lr = 0.01", "lr = 0.1", "lr = 1"])  // as the log axis labels them
    }

    @Test func divergedRunsAreMarkedOffScale() {
        let f = sweepScene(surface: Bowl(), sweep: Self.sweep(diverged: [3, 7]))
        let off = f.layers.first { $0.name == "sensitivity-off-scale" }!
        let crosses = off.marks.filter { if case .marker(_, .cross, _, _, _) = $0 { return true } else { return false } }
        #expect(crosses.count == 2)
        let plot = f.regions["sensitivity-plot"]!
        for case .marker(let p, _, _, _, _) in crosses { #expect(p.y < plot.y, "above the panel") }
    }

    /// Every line of the title block inside the page, however long the title and subtitle and
    /// wherever the grid's content sits (a colorbar moves it left of the page's centre).
    @Test(arguments: [false, true])
    func basinTitleStaysOnThePage(byMetric: Bool) {
        let cells: [BasinFigure.Cell] = byMetric ? [.value(1), .value(10), .value(0.1), .value(3)] : [.minimum(0), .minimum(1), .minimum(0), .minimum(1)]
        let long = String(repeating: "Himmelblau basins of attraction at every start of a 41 × 41 grid ", count: 3)
        let b = BasinFigure(columns: 2, rows: 2, x: -2...2, y: -2...2,
                            panels: [BasinFigure.Panel(title: "adam", optimizer: "adam", cells: cells)],
                            minima: [Point(-1, 0), Point(1, 0)], minimumLabels: ["(-1, 0)", "(1, 0)"],
                            metricTitle: byMetric ? "final loss" : nil, title: long, subtitle: long + long)
        for size in [(800, 500), (1200, 900)] {
            let f = basinScene(surface: Bowl(), basins: b, options: SurfacePlotOptions(width: size.0, height: size.1))
            let W = Double(f.width)
            let title = f.layers.first { $0.name == "title" }!
            #expect(title.viewport.x >= 0 && title.viewport.maxX <= W, "\(title.viewport) on a page \(W) wide")
            for case .text(let text, let at, let style) in title.marks {
                let w = TextMetrics.width(text, size: style.size, bold: style.bold)
                #expect(at.x - w / 2 >= 0 && at.x + w / 2 <= W, "'\(text)' from \(at.x - w / 2) to \(at.x + w / 2) on a page \(W) wide")
            }
            if let legend = f.regions["legend"] { #expect(legend.x >= 0 && legend.maxX <= W) }
        }
    }

    @Test func basinMapColoursEachStartByItsMinimum() {
        // Two panels of 3 × 2 starts: minimum 1 on the left, 2 on the right, one diverged.
        let cells: [BasinFigure.Cell] = [.minimum(0), .elsewhere, .minimum(1), .minimum(0), .diverged, .minimum(1)]
        let b = BasinFigure(columns: 3, rows: 2, x: -2...2, y: -2...2,
                            panels: [BasinFigure.Panel(title: "adam", optimizer: "adam", cells: cells),
                                     BasinFigure.Panel(title: "sgd", optimizer: "sgd", cells: cells.reversed())],
                            minima: [Point(-1, 0), Point(1, 0)], minimumLabels: ["(-1, 0)", "(1, 0)"], title: "Bowl", subtitle: "test")
        let f = basinScene(surface: Bowl(), basins: b)
        let page = Rect(x: 0, y: 0, width: Double(f.width), height: Double(f.height))
        // The title block's region is nominal (a text centred on the content); the rest is drawn inside.
        for (name, r) in f.regions where name != "title" { #expect(page.contains(r), "\(name)") }
        let fills = f.layers.filter { $0.name == "basins" }.flatMap(\.marks).compactMap { mark -> Color? in
            if case .fill(_, let c) = mark { return c } else { return nil }
        }
        #expect(fills.contains(BasinFigure.color(ofMinimum: 0)) && fills.contains(BasinFigure.color(ofMinimum: 1)))
        #expect(BasinFigure.color(ofMinimum: 0) != BasinFigure.color(ofMinimum: 1))
    }
}
