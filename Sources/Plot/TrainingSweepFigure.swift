import Optimizers
import RealModule
import Surfaces

/// One training run of a learning-rate sweep (`trajviz mnist --lr 1e-4,1e-3,...`).
public struct TrainingSweepRun: Sendable {
    /// Training loss per iteration; `losses[0]` is iteration 1.
    public var losses: [Double]
    /// Test accuracy (0...1) measured at the given iterations (0: before training).
    public var accuracy: [(iteration: Int, accuracy: Double)]
    /// The iteration at which the run diverged, or nil.
    public var divergedAt: Int?

    public init(losses: [Double], accuracy: [(iteration: Int, accuracy: Double)], divergedAt: Int? = nil) {
        self.losses = losses; self.accuracy = accuracy; self.divergedAt = divergedAt
    }

    /// The last test accuracy measured, unless the run diverged.
    var finalAccuracy: Double? {
        guard divergedAt == nil, let a = accuracy.last?.accuracy, a.isFinite else { return nil }
        return a
    }
}

/// One optimizer spec of a sweep: its runs, one per rate of ``trainingSweepFigure(rates:rows:title:width:height:theme:)``.
public struct TrainingSweepRow: Sendable {
    /// The spec as written (`adam`, `adamw:weight_decay=0.01`).
    public var title: String
    public var runs: [TrainingSweepRun]
    public init(title: String, runs: [TrainingSweepRun]) { self.title = title; self.runs = runs }
}

/// The colour of the `k`-th of `n` rates: viridis from dark blue (the smallest rate) to green,
/// stopping short of its pale yellow end so that every curve stays visible on a white page.
func rateColor(_ k: Int, of n: Int) -> Color {
    Viridis.color(at: n > 1 ? 0.88 * Double(k) / Double(n - 1) : 0.45)
}

/// The page height that keeps each spec's row of a training sweep readable: 900 pixels for up to
/// two specs, 300 more for each further one.
public func trainingSweepHeight(rows: Int) -> Int { max(900, 300 + 300 * rows) }

/// The figure of a learning-rate sweep of training runs (the MLP's lr sensitivity): one row per
/// optimizer spec with its test accuracy and its training loss per iteration, one curve per rate;
/// beside them the final test accuracy against the rate (log x), one line per spec; one legend below.
///
/// A rate has the same colour in every panel (viridis, dark for the smallest); the specs' lines
/// in the final-accuracy panel are told apart by their dashes, their points coloured by rate. A
/// run that diverged ends in a cross in its row's panels and is a cross on the final-accuracy
/// panel's bottom edge. Rows share their axes: accuracy from the lowest measured (to a multiple of
/// 10 %) to 100 %, loss on one log scale, iterations from 0 (before training).
///
///     let figure = trainingSweepFigure(rates: [1e-4, 1e-3], rows: rows, title: "MLP on MNIST")
///
/// - Precondition: every row has one run per rate.
/// - Complexity: O(total number of points); what reaches the canvas is reduced per pixel column.
public func trainingSweepFigure(rates: [Double], rows: [TrainingSweepRow], title: String, width: Int = 1500, height: Int? = nil,
                                theme: Theme = .light) -> Figure {
    precondition(rows.allSatisfy { $0.runs.count == rates.count }, "one run per rate in every row")
    let width = max(300, width), height = max(200, height ?? trainingSweepHeight(rows: rows.count))
    let m = Metrics(width: width, height: height, reference: (1500, 900))
    let W = Double(width), H = Double(height)
    let margin = m.margin
    let lineWidth = 0.9 * m.pathWidth
    let runs = rows.flatMap(\.runs)

    // Styles: a colour per rate; a dash (and a shade after four) per spec for the final-accuracy panel.
    let rateStyles = rates.indices.map { PathPalette.make(color: rateColor($0, of: rates.count), dash: [], lineWidth: lineWidth) }
    let specStyles = rows.indices.map { k -> PathStyle in
        let shade = theme.ink.mixed(with: theme.background, amount: min(0.55, 0.25 * Double(k / PathPalette.fallbackDashes.count)))
        return PathPalette.make(color: shade, dash: PathPalette.fallbackDashes[k % PathPalette.fallbackDashes.count], lineWidth: lineWidth)
    }
    let anyDiverged = runs.contains { $0.divergedAt != nil }
    let crossEdge = LineStyle(color: theme.background, width: 1.1 * m.scale)
    var entries = rates.indices.map { LegendEntry(sample: .path(rateStyles[$0]), label: "lr=\(formatNumber(rates[$0]))") }
    entries += rows.indices.map { LegendEntry(sample: .path(specStyles[$0]), label: "\(rows[$0].title) (final accuracy)") }
    if anyDiverged { entries.append(LegendEntry(sample: .marker(.cross, fill: theme.mutedInk, edge: crossEdge), label: "diverged")) }

    let titleBlock = TitleBlock(title: title, subtitle: "", width: W - 2 * margin, m: m, theme: theme)
    let legend = LegendLayout(entries: entries, width: W - 2 * margin, m: m, theme: theme)
    let legendTop = H - margin - legend.height
    let top = margin + titleBlock.height + 6 * m.text

    // Shared ranges, fitted to the data with a little room.
    let n = max(2, runs.map(\.losses.count).max() ?? 2)
    let iterations = 0...Double(n) * 1.02
    let positive = runs.flatMap(\.losses).filter { $0 > 0 && $0.isFinite }
    var hi = positive.max() ?? 1, lo = max(quantile(positive, 0.002) ?? hi / 10, hi * 1e-12)
    if !(lo < hi) { lo = hi / 10 }
    let pad = max(0.04 * Double.log10(hi / lo), 0.03)
    lo /= Double.pow(10, pad); hi *= Double.pow(10, pad)
    let accuracies = runs.flatMap { $0.accuracy.map { $0.accuracy * 100 } }.filter(\.isFinite)
    let accLow = max(0, ((accuracies.min() ?? 0) / 10).rounded(.down) * 10)
    let accRange = (accLow < 100 ? accLow : 90)...101.0
    let finals = runs.compactMap(\.finalAccuracy).map { $0 * 100 }
    // Room under the lowest point, so that no marker sits on the frame.
    let finalLow = max(0, (((finals.min() ?? 0) - 3) / 10).rounded(.down) * 10)
    let finalRange = (finalLow < 100 ? finalLow : 90)...101.0
    let logRates = rates.map { Double.log10($0) }
    let rateSpan = max(0.5, (logRates.last ?? 0) - (logRates.first ?? 0))
    let rateWindow = Double.pow(10, (logRates.first ?? 0) - 0.08 * rateSpan - 0.15)...Double.pow(10, (logRates.last ?? 0) + 0.08 * rateSpan + 0.15)

    let accAxis0 = AxisSpec.linear(accRange, title: "test accuracy (%)")
    let lossAxis = AxisSpec.log(lo...hi, title: "training loss")
    let finalAxis = AxisSpec.linear(finalRange, title: "final test accuracy (%)")
    let gap = 34 * m.text
    let rooms = [leftAxisRoom(accAxis0, m), leftAxisRoom(lossAxis, m), leftAxisRoom(finalAxis, m)]
    let rightRoom = m.tickLabel * 1.3
    let available = max(120, W - 2 * margin - rooms.reduce(0, +) - 2 * gap - rightRoom)
    let cellWidth = 0.35 * available, finalWidth = available - 2 * cellWidth
    let titleRoom = m.panelTitle * 1.6, vgap = 12 * m.text
    let bodyBottom = legendTop - 10 * m.text - bottomAxisRoom(m)
    let rowCount = max(1, rows.count)
    let cellHeight = max(30, (bodyBottom - top - Double(rowCount) * titleRoom - Double(rowCount - 1) * vgap) / Double(rowCount))
    let xTarget = AxisSpec.xTarget(width: cellWidth, m)
    let xAxis = AxisSpec.linear(iterations, title: "iteration", target: xTarget)
    let accAxis = accAxis0

    var layers: [Layer] = []
    var regions: [String: Rect] = [:]
    let columns = Int(cellWidth.rounded(.up)) + 1
    func reduce(_ points: [Point]) -> [Point] {
        var r = CurveReducer(steps: points.count, columns: columns)
        for (k, p) in points.enumerated() { r.add(p.y, step: k) }
        return r.finish().steps.map { points[$0] }
    }
    let panelTitle = TextStyle(size: m.panelTitle, color: theme.ink, bold: true, alignment: TextAlignment(.center, .top))
    let x0 = margin + rooms[0], x1 = x0 + cellWidth + gap + rooms[1]
    for (r, row) in rows.enumerated() {
        let y = top + titleRoom + Double(r) * (titleRoom + cellHeight + vgap)
        let lowest = r == rows.count - 1
        let parts = AxisParts(xLabels: lowest, yLabels: true, xTitle: lowest, yTitle: true)
        for (c, x) in [x0, x1].enumerated() {
            let plot = Rect(x: x, y: y, width: cellWidth, height: cellHeight)
            let isLoss = c == 1
            let window = isLoss ? DataWindow(x: iterations, y: lo...hi, yLog: true) : DataWindow(x: iterations, y: accRange)
            let yAxis = isLoss ? lossAxis : accAxis
            layers.append(gridLayer(name: "grid-\(r)-\(c)", plot: plot, window: window, x: xAxis, y: yAxis, m: m, theme: theme))
            var marks: [Mark] = [], ends: [Mark] = []
            for (k, run) in row.runs.enumerated() {
                let style = rateStyles[k]
                let line = LineStyle(color: style.color, width: style.width)
                var last: Point?
                if isLoss {
                    let raw = run.losses.enumerated().compactMap { i, v in v.isFinite ? Point(Double(i + 1), max(v, lo)) : nil }
                    let trend = smoothed(raw)
                    marks.append(.stroke(reduce(raw), LineStyle(color: style.color.withAlpha(0.2), width: max(0.6, 0.9 * m.scale))))
                    marks.append(.stroke(reduce(trend), line))
                    last = trend.last
                } else {
                    let points = run.accuracy.map { Point(Double($0.iteration), $0.accuracy * 100) }.filter(\.isFinite)
                    if style.color.luminance > 0.3 { marks.append(.stroke(points, LineStyle(color: style.halo.withAlpha(0.45), width: style.width + 1.6 * m.scale))) }
                    marks.append(.stroke(points, line))
                    if points.count <= 60 {
                        for p in points { marks.append(.marker(p, .circle, size: 5 * m.scale, fill: style.color, edge: nil)) }
                    }
                    last = points.last
                }
                if run.divergedAt != nil, let p = last {
                    ends.append(.marker(p, .cross, size: 12 * m.scale, fill: style.color, edge: crossEdge))
                }
            }
            layers.append(Layer(name: "panel-\(r)-\(c)", group: .overlay, viewport: plot, window: window, clips: true, marks: marks))
            if !ends.isEmpty { layers.append(Layer(name: "ends-\(r)-\(c)", group: .overlay, viewport: plot, window: window, marks: ends)) }
            let (axes, region) = axesLayer(name: "axes-\(r)-\(c)", plot: plot, window: window, x: xAxis, y: yAxis, m: m, theme: theme, parts: parts)
            layers.append(axes)
            let text = "\(row.title): \(isLoss ? "training loss" : "test accuracy")"
            layers.append(Layer(name: "panel-title-\(r)-\(c)", viewport: plot, marks: [
                .text(truncated(text, width: cellWidth + gap * 0.8, size: m.panelTitle), at: Point(plot.x + plot.width / 2, y - titleRoom + 0.2 * m.panelTitle), panelTitle),
            ]))
            regions["panel-\(r)-\(c)"] = region
        }
    }

    // The final accuracy against the rate, as tall as the rows.
    let gridTop = top + titleRoom
    let gridBottom = top + titleRoom + Double(rowCount) * cellHeight + Double(rowCount - 1) * (titleRoom + vgap)
    let finalPlot = Rect(x: x1 + cellWidth + gap + rooms[2], y: gridTop, width: finalWidth, height: max(30, gridBottom - gridTop))
    let finalWindow = DataWindow(x: rateWindow, y: finalRange, xLog: true)
    let rateAxis = AxisSpec.log(rateWindow, title: "learning rate")
    layers.append(gridLayer(name: "final-grid", plot: finalPlot, window: finalWindow, x: rateAxis, y: finalAxis, m: m, theme: theme))
    var marks: [Mark] = [], edge: [Mark] = []
    for (r, row) in rows.enumerated() {
        let style = specStyles[r]
        var pieces: [[Point]] = [[]]
        for (k, run) in row.runs.enumerated() {
            if let a = run.finalAccuracy {
                pieces[pieces.count - 1].append(Point(rates[k], a * 100))
            } else if !pieces[pieces.count - 1].isEmpty {
                pieces.append([])
            }
        }
        for piece in pieces where piece.count >= 2 { marks += style.strokes(piece) }
        for (k, run) in row.runs.enumerated() {
            if let a = run.finalAccuracy {
                marks.append(.marker(Point(rates[k], a * 100), .circle, size: 9 * m.scale, fill: rateStyles[k].color,
                                     edge: LineStyle(color: style.color, width: 1.2 * m.scale)))
            } else {
                // Diverged: on the bottom edge, a little higher per spec so that specs do not hide each other.
                let px = finalWindow.map(Point(rates[k], finalRange.lowerBound), into: finalPlot).x
                edge.append(.marker(Point(px, finalPlot.maxY - (6 + 5 * Double(r)) * m.scale), .cross, size: 12 * m.scale,
                                    fill: rateStyles[k].color, edge: crossEdge))
            }
        }
    }
    layers.append(Layer(name: "final", group: .overlay, viewport: finalPlot, window: finalWindow, clips: false, marks: marks))
    if !edge.isEmpty { layers.append(Layer(name: "final-diverged", group: .overlay, viewport: finalPlot, marks: edge)) }
    let (finalAxes, finalRegion) = axesLayer(name: "final-axes", plot: finalPlot, window: finalWindow, x: rateAxis, y: finalAxis, m: m, theme: theme)
    layers.append(finalAxes)
    layers.append(Layer(name: "final-title", viewport: finalPlot, marks: [
        .text("Final test accuracy", at: Point(finalPlot.x + finalPlot.width / 2, gridTop - titleRoom + 0.2 * m.panelTitle), panelTitle),
    ]))
    regions["final"] = finalRegion

    let titleLayer = titleBlock.layer(centre: W / 2, top: margin, width: W - 2 * margin)
    layers.append(titleLayer)
    regions["title"] = titleLayer.viewport
    let legendLayer = legend.layer(origin: Point(max(margin, (W - legend.width) / 2), legendTop))
    layers.append(legendLayer)
    regions["legend"] = legendLayer.viewport
    return Figure(width: width, height: height, background: theme.background, layers: layers, regions: regions)
}
