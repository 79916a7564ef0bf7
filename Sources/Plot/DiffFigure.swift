import RealModule
import Surfaces

/// The figure of `trajviz diff`: the surface scene of the two paths, whose loss panel shows the
/// distance between them against the step (log axis) instead of their losses, with a dashed line
/// at the first step where they differ.
///
///     let gap = PathGap(a: (a.xs, a.ys), b: (b.xs, b.ys))
///     let figure = diffFigure(surface: beale, paths: reduced, gap: gap.distances, firstDifference: gap.firstDifference)
///
/// - Parameters:
///   - paths: the two paths, reduced for the figure (``PlotPath``).
///   - gap: the distance at every step both paths reached; zeros (identical points) sit on the
///     axis's floor.
///   - firstDifference: the step marked with a dashed line, if any.
/// - Complexity: that of ``surfaceScene(surface:paths:options:)`` plus O(gap.count).
public func diffFigure(surface: any Surface, paths: [PlotPath], gap: [Double], firstDifference: Int?,
                       options: SurfacePlotOptions = SurfacePlotOptions()) -> Figure {
    var figure = surfaceScene(surface: surface, paths: paths, options: options).figure()
    guard let plot = figure.regions["loss-plot"] else { return figure }
    let theme = options.theme ?? .light
    let m = Metrics(width: figure.width, height: figure.height, fontScale: options.fontScale ?? 1)
    // The axis spans the positive gaps in whole decades; an all-zero gap gets 1e-16...1e-15.
    let positive = gap.filter { $0 > 0 && $0.isFinite }
    let top = Double.pow(10, Double.log10(positive.max() ?? 1e-15).rounded(.up))
    var bottom = Double.pow(10, Double.log10(max(positive.min() ?? top / 10, top * 1e-16)).rounded(.down))
    if !(bottom < top) { bottom = top / 10 }
    let steps = figure.layer("loss-grid")?.window?.x ?? 0...Double(max(1, gap.count - 1))
    let window = DataWindow(x: steps, y: bottom...top, yLog: true)
    let x = AxisSpec.linear(steps, title: "step", target: AxisSpec.xTarget(width: plot.width, m, most: 5))
    let y = AxisSpec.log(window.y, title: "distance between the paths")
    let points = gap.enumerated().compactMap { k, d in d.isFinite ? Point(Double(k), max(d, bottom)) : nil }
    var marks: [Mark] = [.stroke(points, LineStyle(color: theme.ink, width: 1.8 * m.scale))]
    if let k = firstDifference {
        marks.insert(.stroke([Point(Double(k), bottom), Point(Double(k), top)],
                             LineStyle(color: theme.mutedInk, width: max(0.8, m.scale), dash: [5 * m.scale, 4 * m.scale])), at: 0)
    }
    // The lr strip under the panel, if any, keeps its own axes; only the loss panel changes.
    let lowest = figure.regions["lr-plot"] == nil
    let (axes, region) = axesLayer(name: "loss-axes", plot: plot, window: window, x: x, y: y, m: m, theme: theme,
                                   parts: AxisParts(xLabels: lowest, yLabels: true, xTitle: lowest, yTitle: true))
    let replacement: [String: Layer] = [
        "loss-grid": gridLayer(name: "loss-grid", plot: plot, window: window, x: x, y: y, m: m, theme: theme),
        "loss": Layer(name: "loss", group: .overlay, viewport: plot, window: window, clips: true, marks: marks),
        "loss-axes": axes,
    ]
    figure.layers = figure.layers.compactMap { layer in
        layer.name == "loss-floor" ? nil : replacement[layer.name] ?? layer
    }
    figure.regions["loss"] = region
    return figure
}
