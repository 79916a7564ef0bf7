import RealModule
import Optimizers
import Surfaces

/// The figure of `trajviz diff`: the surface figure of the two paths, whose side panel shows the
/// distance between them against the step (log axis) instead of their losses, with a dashed line
/// at the first step where they differ.
///
///     let gap = PathGap(a: (a.xs, a.ys), b: (b.xs, b.ys))
///     let figure = diffFigure(surface: beale, paths: [a, b], gap: gap.distances, firstDifference: gap.firstDifference)
///
/// - Parameters:
///   - gap: the distance at every step both paths reached; zeros (identical points) sit on the
///     axis's floor.
///   - firstDifference: the step marked with a dashed line, if any.
/// - Complexity: that of ``surfaceFigure(surface:paths:options:)``.
public func diffFigure(surface: any Surface, paths: [Trajectory], gap: [Double], firstDifference: Int?,
                       options: SurfacePlotOptions = SurfacePlotOptions()) -> Figure {
    var figure = surfaceFigure(surface: surface, paths: paths, options: options)
    guard options.layout == .both, let plot = figure.regions["loss-plot"] else { return figure }
    let m = Metrics(width: figure.width, height: figure.height)
    // The axis spans the positive gaps; an all-zero gap gets a decade below the smallest double step.
    let positive = gap.filter { $0 > 0 && $0.isFinite }
    let top = Double.pow(10, Double.log10(positive.max() ?? 1e-15).rounded(.up))
    var bottom = Double.pow(10, Double.log10(max(positive.min() ?? top / 10, top * 1e-16)).rounded(.down))
    if !(bottom < top) { bottom = top / 10 }
    let lastStep = paths.map { max($0.steps, $0.xs.count - 1) }.max() ?? 1
    let window = DataWindow(x: 0...Double(max(1, lastStep)), y: bottom...top, yLog: true)
    let x = AxisSpec.linear(window.x, title: "step", target: max(2, min(5, Int(plot.width / (m.tickLabel * 3.2)))))
    let y = AxisSpec.log(window.y, title: "distance between the paths")
    let points = gap.enumerated().compactMap { k, d in d.isFinite ? Point(Double(k), max(d, bottom)) : nil }
    var marks: [Mark] = [.stroke(points, LineStyle(color: .ink, width: 1.8 * m.scale))]
    if let k = firstDifference {
        marks.insert(.stroke([Point(Double(k), bottom), Point(Double(k), top)],
                             LineStyle(color: .mutedInk, width: max(0.8, m.scale), dash: [5 * m.scale, 4 * m.scale])), at: 0)
    }
    let (axes, region) = axesLayer(name: "loss-axes", plot: plot, window: window, x: x, y: y, m: m)
    let replacement: [String: Layer] = [
        "loss-grid": gridLayer(name: "loss-grid", plot: plot, window: window, x: x, y: y, m: m),
        "loss": Layer(name: "loss", viewport: plot, window: window, clips: true, marks: marks),
        "loss-axes": axes,
    ]
    figure.layers = figure.layers.map { replacement[$0.name] ?? $0 }
    figure.regions["loss"] = region
    return figure
}
