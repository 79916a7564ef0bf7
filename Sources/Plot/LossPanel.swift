import RealModule
import Surfaces

/// The loss panel's y axis, fitted to the data.
///
/// * **Log** (the default when losses are bounded below: the surface lists its minimum f*, or every
///   loss is positive): the gap f − f* on a log axis from just below the lowest level the paths
///   hold (the lower of each path's 1 % quantile and its last value, so that one dip to 1e-12 does
///   not squeeze the other curves) to just above the highest (at most 1000 × the highest start,
///   so a diverging path does not either). A loss that reached f* to rounding
///   (f − f* ≤ 16 ε |f*|, or exactly f* when f* = 0) is drawn on a marked floor line at the bottom,
///   "f* reached", never as a plateau above it.
/// * **Linear**: f itself, from the lowest to the highest value the paths hold (0.5 % and
///   99.5 % quantiles), never more than a quarter of the surface's shown range beyond it (a path
///   falling off a saddle leaves through the bottom).
///
/// Degenerate data (every loss equal, a flat surface) gets a range around the value.
struct LossAxisModel {
    var log: Bool
    /// Subtracted from f (log axis).
    var offset: Double
    /// Gaps at or below this reached f* (log axis); −∞ on a linear axis.
    var threshold: Double
    var range: ClosedRange<Double>
    /// Where reached values are drawn, if any path reached f*.
    var floor: Double?
    var title: String

    init(surface: any Surface, curves: [ReducedCurve], requested: SurfacePlotOptions.LossScale?,
         shownRange: (min: Double, max: Double)?) {
        self.init(minimum: surface.minimumValue, curves: curves, requested: requested, shownRange: shownRange)
    }

    /// The axis of losses whose least possible value is `minimum` (f*), if known: a surface's, or
    /// 0 for a model's MSE or L1 loss that an exact fit reaches.
    init(minimum: Double?, curves: [ReducedCurve], requested: SurfacePlotOptions.LossScale?,
         shownRange: (min: Double, max: Double)?) {
        let finite = curves.flatMap { $0.values.filter(\.isFinite) }
        log = (requested ?? (minimum != nil || finite.allSatisfy { $0 > 0 } ? .log : .linear)) == .log
        guard log else {
            offset = 0; threshold = -.infinity; floor = nil; title = "f(x, y)"
            var lo = curves.compactMap { quantile($0.values.filter(\.isFinite), 0.005) }.min() ?? 0
            var hi = curves.compactMap { quantile($0.values.filter(\.isFinite), 0.995) }.max() ?? 1
            if let shown = shownRange, shown.max >= shown.min {
                let span = max(shown.max - shown.min, 1e-300)
                lo = max(lo, shown.min - 0.25 * span); hi = min(hi, shown.max + 0.25 * span)
            }
            if !(hi > lo) {
                let d = lo != 0 && lo.isFinite ? abs(lo) * 0.1 : 1
                (lo, hi) = lo.isFinite ? (lo - d, lo + d) : (-1, 1)
            }
            lo = max(lo, -1e300); hi = min(hi, 1e300)
            if !(hi > lo) { (lo, hi) = (-1, 1) }
            let pad = 0.05 * (hi - lo)
            range = (lo - pad)...(hi + pad)
            return
        }
        let lowestLoss = finite.min() ?? 0
        let offset = minimum ?? (lowestLoss > 0 ? 0 : lowestLoss)
        let threshold = minimum != nil ? 16 * Double.ulpOfOne * abs(offset) : 0
        self.offset = offset
        self.threshold = threshold
        title = minimum.map { $0 == 0 ? "f(x, y)" : "f(x, y) − f*" } ?? (offset == 0 ? "f(x, y)" : "f(x, y) − min f")
        var lows: [Double] = [], highs: [Double] = [], firsts: [Double] = []
        var reached = false
        for curve in curves {
            let gaps = curve.values.filter(\.isFinite).map { $0 - offset }
            if gaps.contains(where: { $0 <= threshold }) { reached = true }
            let positive = gaps.filter { $0 > threshold }
            guard let q = quantile(positive, 0.01) else { continue }
            lows.append(min(q, gaps.last.map { $0 > threshold ? $0 : q } ?? q))
            highs.append(positive.max()!)  // non-empty: q exists
            if let f = gaps.first, f > threshold { firsts.append(f) }
        }
        var hi = min(highs.max() ?? 1, (firsts.max() ?? .infinity) * 1e3)
        var lo = lows.min() ?? hi
        if !(lo < hi) { lo = hi / 3.16; hi *= 3.16 }
        // Within what a log axis (and its ticks) can hold.
        hi = min(hi, 1e290); lo = max(lo, 1e-290)
        if !(lo > 0) || !lo.isFinite || !hi.isFinite || !(lo < hi) { lo = 0.1; hi = 10 }
        let decades = Double.log10(hi / lo)
        let pad = max(0.04 * decades, 0.05)
        var lower = lo / Double.pow(10, pad)
        let upper = hi * Double.pow(10, pad)
        if reached {
            let below = lower / Double.pow(10, max(0.06 * decades, 0.1))
            floor = below
            lower = below / Double.pow(10, max(0.02 * decades, 0.03))
        } else {
            floor = nil
        }
        range = max(lower, .leastNormalMagnitude)...upper
    }

    /// The plotted y of loss `v`, held near the axis when far outside it (so that clipping draws it
    /// leaving the panel), nil when not finite.
    func y(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        guard log else {
            let span = range.upperBound - range.lowerBound
            return min(max(v, range.lowerBound - 10 * span), range.upperBound + 10 * span)
        }
        let g = v - offset
        if g <= threshold { return floor ?? range.lowerBound }
        return min(max(g, range.lowerBound / 1e3), range.upperBound * 1e3)
    }

    var axis: AxisSpec { AxisSpec.make(range, log: log, title: title) }
}

/// The learning-rate strip's axis: the rates every path used, log-spaced when the positive ones
/// span more than a factor of 30 (a rate of exactly 0, as cosine annealing reaches, is then drawn
/// on the bottom edge).
struct RateAxisModel {
    var log: Bool
    var range: ClosedRange<Double>

    init(curves: [ReducedCurve]) {
        let values = curves.flatMap(\.values).filter(\.isFinite)
        let positive = values.filter { $0 > 0 }
        var lo = max(values.min() ?? 0, -1e300), hi = min(values.max() ?? 1, 1e300)
        if let smallest = positive.min(), values.allSatisfy({ $0 >= 0 }), hi / smallest > 30 {
            log = true
            let pad = 0.05 * Double.log10(hi / smallest)
            range = max(smallest / Double.pow(10, pad), 1e-300)...(hi * Double.pow(10, pad))
            return
        }
        log = false
        lo = min(lo, 0)  // rates read best from zero
        if !(hi > lo) { hi = lo + max(abs(lo), 1) }
        range = lo...(hi + 0.08 * (hi - lo))
    }

    /// The plotted y of rate `v`: on a log axis, zero and below sit on the bottom edge.
    func y(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        return log ? max(v, range.lowerBound) : v
    }

    var axis: AxisSpec { AxisSpec.make(range, log: log, title: "lr", target: 3) }
}

/// The `q`-quantile (0...1) of `values` by sorting; nil when empty.
func quantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    return s[min(s.count - 1, max(0, Int((Double(s.count - 1) * q).rounded())))]
}
