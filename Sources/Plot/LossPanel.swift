import RealModule
import Optimizers
import Surfaces

/// The loss of every path against its step.
///
/// On a log axis when the losses are bounded below: f − f* where the minimum value f* is known
/// and not zero, with values at or below zero (a path that reached the minimum exactly) held at a
/// floor so that the log axis can show them. A surface with no minimum whose losses go to zero or
/// below (a saddle falls without bound) gets a linear axis over the values the contour shows,
/// so paths that fall off the surface leave through the bottom instead of all sitting on a floor.
struct LossPanelData {
    var series: [[Point]]
    var diverged: [Bool]
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    var title: String
    var logScale: Bool

    init(surface: any Surface, paths: [Trajectory], window: DataWindow) {
        diverged = paths.map { $0.divergedAt != nil }
        let lastStep = paths.map { max($0.steps, $0.losses.count - 1) }.max() ?? 1
        xRange = 0...Double(max(1, lastStep))
        let finiteLosses = paths.flatMap(\.losses).filter(\.isFinite)
        logScale = surface.minimumValue != nil || finiteLosses.allSatisfy { $0 > 0 }
        guard logScale else {
            title = "f(x, y)"
            // The value range over the shown window, from a coarse sample (the fine grid comes later).
            let sampled = Grid.sample(surface, x: window.x, y: window.y, nx: 33, ny: 33).range
            let coarse = sampled.min...max(sampled.max, sampled.min)
            let span = max(coarse.upperBound - coarse.lowerBound, 1e-12)
            let lo = max(finiteLosses.min() ?? coarse.lowerBound, coarse.lowerBound - 0.25 * span)
            let hi = min(finiteLosses.max() ?? coarse.upperBound, coarse.upperBound + 0.25 * span)
            let tick = Ticks.linearStep(lo, hi)
            var range = (lo / tick).rounded(.down) * tick ... max((lo / tick).rounded(.down) * tick, (hi / tick).rounded(.up) * tick)
            if !(range.lowerBound < range.upperBound) { range = (lo - 1)...(hi + 1) }
            yRange = range
            // Far-off values are held just outside the window: clipping then draws them leaving it.
            let guardBand = 10 * (range.upperBound - range.lowerBound)
            series = paths.map { p in
                p.losses.enumerated().compactMap { step, v in
                    v.isFinite ? Point(Double(step), min(max(v, range.lowerBound - guardBand), range.upperBound + guardBand)) : nil
                }
            }
            return
        }
        let offset = surface.minimumValue ?? 0
        title = offset == 0 ? "f(x, y)" : "f(x, y) − f*"
        let raw = paths.map { $0.losses.map { $0 - offset } }
        let positive = raw.joined().filter { $0 > 0 && $0.isFinite }
        // A diverging path can reach 1e200: the axis stops 1000× above the highest start, so the
        // other paths keep their detail (the clipped line still shows where it went).
        let starts = raw.compactMap { $0.first }.filter { $0 > 0 && $0.isFinite }
        let largest = min(positive.max() ?? 1, (starts.max() ?? .infinity) * 1e3)
        let floor = max(positive.min() ?? largest * 1e-3, largest * 1e-14)
        series = raw.map { values in
            values.enumerated().compactMap { step, v in v.isFinite ? Point(Double(step), min(max(v, floor), largest * 1e6)) : nil }
        }
        var lo = Double.pow(10, Double.log10(floor).rounded(.down))
        let hi = Double.pow(10, Double.log10(largest).rounded(.up))
        if !(lo < hi) { lo = hi / 10 }
        yRange = lo...hi
    }

    func layer(plot: Rect, window: DataWindow, styles: [PathStyle], lineWidth: Double, m: Metrics) -> Layer {
        var marks: [Mark] = []
        for (n, points) in series.enumerated() where !points.isEmpty {
            let style = styles[n]
            if style.color.luminance > 0.3 {  // light colours need their outline on white too
                marks.append(.stroke(points, LineStyle(color: style.halo.withAlpha(0.45), width: lineWidth + 1.6 * m.scale)))
            }
            marks.append(.stroke(points, LineStyle(color: style.color, width: lineWidth, dash: style.dash)))
            if diverged[n], let last = points.last {
                marks.append(.marker(last, .cross, size: 11 * m.scale, fill: style.color,
                                     edge: LineStyle(color: style.halo, width: 1.1 * m.scale)))
            }
        }
        return Layer(name: "loss", viewport: plot, window: window, clips: true, marks: marks)
    }
}
