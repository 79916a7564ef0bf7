import RealModule
import Surfaces

/// The levels of a filled contour plot and what they measure.
///
/// Values are plotted as `g = f − offset`: the offset is the surface's minimum value when that is
/// negative (styblinski-tang, six-hump-camel), so that log levels and the loss panel see positive
/// numbers, and 0 otherwise. Linear levels of a surface with no minimum (a saddle) need no
/// shift and show f itself.
public struct ContourLevels: Hashable, Sendable {
    public var scale: LevelScale
    /// Subtracted from f before comparing with ``bounds``.
    public var offset: Double
    /// `count + 1` increasing band boundaries in g. Band k spans `bounds[k]..<bounds[k+1]` on the
    /// colorbar; on the plot, band 0 also takes every value below `bounds[1]` (around the minimum:
    /// filled, never a white hole) and the last band every value above `bounds[count - 1]`.
    public var bounds: [Double]

    /// The number of bands.
    public var count: Int { bounds.count - 1 }
    /// The thresholds for ``marchingSquares(_:levels:)`` (in g): the inner boundaries.
    public var thresholds: [Double] { Array(bounds.dropFirst().dropLast()) }

    /// The colour of band `k`, from viridis' first entry (band 0) to its last.
    public func color(ofBand k: Int) -> Color {
        Viridis.color(at: count <= 1 ? 0 : Double(k) / Double(count - 1))
    }

    /// Levels for a surface whose values on the plotted grid span `gridRange`.
    ///
    /// * `.log`: `count` bands log-spaced from just above the minimum value (by a millionth of the
    ///   range, so at most about six decades are shown, and not below the grid's smallest value)
    ///   to the largest value over the grid.
    /// * `.linear`: `count` equal bands from the minimum value to the largest.
    ///
    /// The minimum value is `minimumValue` (the surface's listed minima) or, when the surface lists
    /// none, the grid's smallest value.
    ///
    ///     ContourLevels.choose(count: 3, scale: .log, gridRange: (0, 1000), minimumValue: 0).bounds
    ///     // [0.001, 0.01, 0.1, ..., 1000]: 0.001 · 10^(6k/3) for k = 0...3
    public static func choose(count: Int, scale: LevelScale, gridRange: (min: Double, max: Double),
                              minimumValue: Double?) -> ContourLevels {
        precondition(count >= 1, "at least one contour band")
        let fMin = min(minimumValue ?? gridRange.min, gridRange.min)
        let offset = fMin < 0 && (scale == .log || minimumValue != nil) ? fMin : 0
        let lo = fMin - offset
        var hi = gridRange.max - offset
        if !(hi > lo) { hi = lo + 1 }  // a flat grid still gets a readable colorbar
        switch scale {
        case .linear:
            let bounds = (0...count).map { lo + (hi - lo) * Double($0) / Double(count) }
            return ContourLevels(scale: .linear, offset: offset, bounds: bounds)
        case .log:
            // Never below the grid's own minimum: band 0 then holds the region around the minimum
            // on the plot (a band below every sampled value would be drawn nowhere).
            let gridLow = gridRange.min - offset
            let first = max(lo + (hi - lo) * 1e-6, gridLow < hi ? gridLow : lo, hi * 1e-12, .leastNormalMagnitude)
            let a = Double.log10(first), b = Double.log10(hi)
            var bounds = (0...count).map { Double.pow(10, a + (b - a) * Double($0) / Double(count)) }
            bounds[0] = first; bounds[count] = hi  // exact ends, free of pow's rounding
            return ContourLevels(scale: .log, offset: offset, bounds: bounds)
        }
    }
}
