/// A plane through parameter space: θ(α, β) = origin + α·u + β·v.
///
/// The plane of a loss landscape (Li, Xu, Taylor, Studer & Goldstein, "Visualizing the Loss
/// Landscape of Neural Nets", NeurIPS 2018): either the first two principal components of an
/// optimizer's recorded weights (``principalPlane(center:displacements:count:)``; `u`, `v`
/// orthonormal) or two random filter-normalized directions (``filterNormalizedDirection(like:rows:seed:)``;
/// nearly orthogonal, not unit). Parameters are Float, as the network's; coordinates are Double.
public struct Plane: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Principal components of the recorded displacements from the origin.
        case pca
        /// Two seeded random directions, filter-normalized.
        case random
    }

    public var kind: Kind
    public var origin: [Float]
    public var u: [Float]
    public var v: [Float]
    /// For ``Kind/pca``: the fraction of the recorded displacements' total squared norm that each
    /// axis captures (λₖ / Σλ of their Gram matrix), two values; nil for a random plane.
    public var explained: [Double]?

    public init(kind: Kind, origin: [Float], u: [Float], v: [Float], explained: [Double]? = nil) {
        precondition(origin.count == u.count && u.count == v.count, "origin and axes must have one value per parameter")
        precondition(explained == nil || explained!.count == 2, "one explained fraction per axis")
        self.kind = kind; self.origin = origin; self.u = u; self.v = v; self.explained = explained
    }

    /// The number of parameters.
    public var dimension: Int { origin.count }

    /// origin + α·u + β·v, in Float as the network computes.
    public func point(_ alpha: Double, _ beta: Double) -> [Float] {
        let a = Float(alpha), b = Float(beta)
        var p = origin
        for i in p.indices { p[i] = origin[i] + a * u[i] + b * v[i] }
        return p
    }
}

/// Where a parameter vector lies relative to a plane: the coordinates of its orthogonal
/// projection and its distance from the plane (the length of what the projection drops).
public struct PlaneCoordinates: Sendable, Hashable {
    public var alpha: Double
    public var beta: Double
    /// ‖θ − θ(α, β)‖: zero exactly when θ lies on the plane.
    public var distance: Double
    /// ‖θ − origin‖, against which the distance reads: the fraction off the plane is distance / norm.
    public var norm: Double

    public init(alpha: Double, beta: Double, distance: Double, norm: Double) {
        self.alpha = alpha; self.beta = beta; self.distance = distance; self.norm = norm
    }
}

extension Plane {
    /// The orthogonal projection of `theta` onto the plane, by least squares (u and v need not be
    /// orthogonal, as random directions are not):
    ///
    ///     r = θ − origin;   [u·u  u·v] [α]   [u·r]
    ///                       [u·v  v·v] [β] = [v·r];   distance = ‖r − α·u − β·v‖
    ///
    /// Sums in Double. An axis of zero length gets coordinate 0.
    ///
    /// - Complexity: O(dimension).
    public func project(_ theta: UnsafeBufferPointer<Float>) -> PlaneCoordinates {
        precondition(theta.count == dimension, "one value per parameter")
        var uu = 0.0, uv = 0.0, vv = 0.0, ur = 0.0, vr = 0.0, rr = 0.0
        origin.withUnsafeBufferPointer { o in u.withUnsafeBufferPointer { u in v.withUnsafeBufferPointer { v in
            for i in 0..<theta.count {
                let r = Double(theta[i]) - Double(o[i]), x = Double(u[i]), y = Double(v[i])
                uu += x * x; uv += x * y; vv += y * y; ur += x * r; vr += y * r; rr += r * r
            }
        } } }
        let (alpha, beta) = solve2x2(uu, uv, vv, ur, vr)
        var dd = 0.0
        origin.withUnsafeBufferPointer { o in u.withUnsafeBufferPointer { u in v.withUnsafeBufferPointer { v in
            for i in 0..<theta.count {
                let r = Double(theta[i]) - Double(o[i]) - alpha * Double(u[i]) - beta * Double(v[i])
                dd += r * r
            }
        } } }
        return PlaneCoordinates(alpha: alpha, beta: beta, distance: dd.squareRoot(), norm: rr.squareRoot())
    }

    public func project(_ theta: [Float]) -> PlaneCoordinates {
        theta.withUnsafeBufferPointer { project($0) }
    }
}

/// The solution of [a b; b c]·[x; y] = [p; q], falling back to one axis (or none) when the axes
/// are parallel or of zero length.
func solve2x2(_ a: Double, _ b: Double, _ c: Double, _ p: Double, _ q: Double) -> (Double, Double) {
    let det = a * c - b * b
    if det > 1e-12 * max(a * c, .leastNormalMagnitude) {
        return ((c * p - b * q) / det, (a * q - b * p) / det)
    }
    if a > 0 { return (p / a, 0) }
    if c > 0 { return (0, q / c) }
    return (0, 0)
}
