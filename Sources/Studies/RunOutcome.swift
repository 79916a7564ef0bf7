import Optimizers
import Surfaces

/// What a study keeps of one run: where it ended and how it got there, a few numbers instead of
/// the whole path (a basin map steps thousands of runs and keeps none of their points).
public struct RunOutcome: Hashable, Sendable {
    /// The last finite point; nil when the start itself is where f is undefined.
    public var end: Point?
    /// f at ``end``.
    public var finalLoss: Double?
    /// The step of the last finite point.
    public var lastStep: Int
    /// The step the run diverged at, or nil.
    public var divergedAt: Int?
    /// The first step k with f(x_k) − f* ≤ the tolerance asked for; nil when never, or when no
    /// tolerance (or no f*) was given.
    public var stepsTo: Int?
    /// From ``end`` to the nearest listed minimum; nil without an end or without minima.
    public var distance: Double?
    /// The index (in the surface's ``Surface/minima``) of that minimum.
    public var nearest: Int?

    public init(end: Point?, finalLoss: Double?, lastStep: Int, divergedAt: Int?, stepsTo: Int?,
                distance: Double?, nearest: Int?) {
        self.end = end; self.finalLoss = finalLoss; self.lastStep = lastStep; self.divergedAt = divergedAt
        self.stepsTo = stepsTo; self.distance = distance; self.nearest = nearest
    }

    /// The outcome of `trajectory` on a surface with `minima`.
    ///
    /// - Parameter tolerance: for ``stepsTo``: the first step whose loss is within it of the
    ///   lowest listed minimum's value.
    /// - Complexity: O(points) when a tolerance is given, else O(minima).
    public init(_ trajectory: Trajectory, minima: [Minimum], tolerance: Double? = nil) {
        let n = min(trajectory.xs.count, trajectory.ys.count, trajectory.losses.count)
        end = n > 0 ? Point(trajectory.xs[n - 1], trajectory.ys[n - 1]) : nil
        finalLoss = n > 0 ? trajectory.losses[n - 1] : nil
        lastStep = n - 1
        divergedAt = trajectory.divergedAt
        stepsTo = nil
        if let tolerance, let fStar = minima.map(\.value).min() {
            stepsTo = trajectory.losses.prefix(n).firstIndex { $0 - fStar <= tolerance }
        }
        distance = nil
        nearest = nil
        if let end {
            for (k, m) in minima.enumerated() {
                let dx = end.x - m.point.x, dy = end.y - m.point.y
                let d = (dx * dx + dy * dy).squareRoot()
                if distance.map({ d < $0 }) ?? true { distance = d; nearest = k }
            }
        }
    }

    /// Whether the start was where f is undefined (the run holds no point at all).
    public var startUndefined: Bool { end == nil }
}

/// Where a run of a basin map ended up, which decides its colour.
public enum BasinCategory: Hashable, Sendable {
    /// Within ``BasinRule/radius`` of listed minimum k (an index into the surface's minima).
    case minimum(Int)
    /// Its last point lies in the window but near no listed minimum: a local minimum, a saddle,
    /// or still on its way after the steps.
    case elsewhere
    /// Its last point lies outside the window shown.
    case left
    case diverged
    /// The start itself is where f is undefined.
    case undefined

    /// The name a CSV and a manifest write: `1` ... (1-based minimum), `elsewhere`, `left`, `diverged`, `undefined`.
    public var text: String {
        switch self {
        case .minimum(let k): return String(k + 1)
        case .elsewhere: return "elsewhere"
        case .left: return "left"
        case .diverged: return "diverged"
        case .undefined: return "undefined"
        }
    }

    /// Reads ``text``.
    public init?(text: String, minima: Int) {
        switch text {
        case "elsewhere": self = .elsewhere
        case "left": self = .left
        case "diverged": self = .diverged
        case "undefined": self = .undefined
        default:
            guard let k = Int(text), (1...max(1, minima)).contains(k), minima > 0 else { return nil }
            self = .minimum(k - 1)
        }
    }
}

/// Which listed minimum a run reached: the nearest one, when its last point lies within
/// ``radius`` of it.
///
/// The radius is a quarter of the distance between the two closest listed minima (so that no
/// point is near two), and at most 2.5 % of the window's diagonal (so that a path still crawling
/// along a valley is not counted as arrived): on Himmelblau's 10 × 10 domain 0.354; on
/// Rosenbrock's 4 × 4, 0.141.
public struct BasinRule: Hashable, Sendable {
    public var radius: Double
    public var window: Domain

    public init(minima: [Minimum], window: Domain) {
        let dx = window.x.upperBound - window.x.lowerBound, dy = window.y.upperBound - window.y.lowerBound
        var r = 0.025 * (dx * dx + dy * dy).squareRoot()
        for (i, a) in minima.enumerated() {
            for b in minima[(i + 1)...] {
                let ex = a.point.x - b.point.x, ey = a.point.y - b.point.y
                let d = (ex * ex + ey * ey).squareRoot()
                if d > 0 { r = min(r, d / 4) }
            }
        }
        radius = r
        self.window = window
    }

    /// The category of `outcome`.
    public func category(of outcome: RunOutcome) -> BasinCategory {
        guard let end = outcome.end else { return .undefined }
        if outcome.divergedAt != nil { return .diverged }
        if let k = outcome.nearest, let d = outcome.distance, d <= radius { return .minimum(k) }
        guard window.x.contains(end.x), window.y.contains(end.y) else { return .left }
        return .elsewhere
    }
}
