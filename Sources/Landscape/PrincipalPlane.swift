import Models
import Stepping

/// The plane through `origin` spanned by the first two principal components of `count` recorded
/// displacements d₁ … dₙ from it (the rows of D, n × P), as Li et al. (2018, §7) project
/// optimizer trajectories.
///
/// With P ≈ 10⁵ parameters and n a few hundred records, the components come from the n × n Gram
/// matrix G = D·Dᵀ rather than the P × P covariance: if G·w = λ·w with ‖w‖ = 1, then
/// e = Dᵀ·w / √λ is a unit eigenvector of Dᵀ·D with the same eigenvalue (the SVD D = W·Σ·Eᵀ read
/// from either side). G costs one SYRK, O(n²·P); its two largest eigenpairs come from LAPACK's
/// `dsyevr`.
///
/// The components are uncentred: they are the directions that best capture the displacements
/// from the origin (the start every optimizer shares), not their spread about their mean, so the
/// plane passes through the origin and the explained fractions add up what the plane keeps of
/// Σ‖dᵢ‖²:
///
///     explainedₖ = λₖ / Σⱼ λⱼ = λₖ / Σᵢ ‖dᵢ‖²,   explained₁ + explained₂ ≤ 1
///
/// Signs are fixed so that the records' mean coordinate on each axis is positive (the paths head
/// right and up on average; a mean within rounding of 0 goes to the first component of w that is not): the same records give
/// the same plane on every run. Both axes are orthonormalised again in Double (Gram–Schmidt)
/// after the Float product. When the displacements span fewer than two dimensions (one record, a
/// single straight path, no movement at all), the missing axes are seeded random unit vectors
/// orthogonal to the others, with explained fraction 0.
///
/// - Parameters:
///   - origin: the plane's origin (P values).
///   - displacements: n × P values, row i = θᵢ − origin.
///   - count: n ≥ 1.
///   - seed: seeds the fallback axes.
/// - Precondition: OpenBLAS is loaded (`BLAS.load()`).
/// - Complexity: O(n²·P) for the Gram matrix, O(n³) for its eigenpairs, O(n·P) for the axes.
public func principalPlane(origin: [Float], displacements: [Float], count n: Int, seed: UInt64 = 0) -> Plane {
    let p = origin.count
    precondition(n >= 1 && displacements.count == n * p, "displacements must hold count × origin.count values")
    var gram = [Float](repeating: 0, count: n * n)
    displacements.withUnsafeBufferPointer { d in
        gram.withUnsafeMutableBufferPointer { g in
            BLAS.syrkLower(n: n, k: p, d.baseAddress!, lda: p, beta: 0, g.baseAddress!, ldc: n)
        }
    }
    // Σ‖dᵢ‖² in Double from the displacements themselves (the trace of G, without its Float rounding).
    var total = 0.0
    displacements.withUnsafeBufferPointer { d in
        for x in d { total += Double(x) * Double(x) }
    }
    var g = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0...i {
            let x = Double(gram[i * n + j])
            g[i * n + j] = x; g[j * n + i] = x
        }
    }
    let wanted = min(2, n)
    let eigen = total > 0 ? BLAS.largestEigenpairs(of: g, n: n, count: wanted) : nil

    var axes: [[Double]] = []
    var explained: [Double] = []
    if let eigen {
        for (k, lambda) in eigen.values.enumerated() where lambda > 1e-12 * eigen.values[0] && lambda > 0 {
            var w = eigen.vectors[k]
            let sum = w.reduce(0, +)
            let firstNonZero = w.first { $0 != 0 } ?? 1
            // A sum within the Float Gram matrix's rounding of 0 counts as a tie.
            let firstLarge = w.first { abs($0) > 1e-6 } ?? firstNonZero
            if sum < -1e-6 || (abs(sum) <= 1e-6 && firstLarge < 0) { w = w.map { -$0 } }
            // e = Dᵀ·w / √λ, accumulated in Double.
            var e = [Double](repeating: 0, count: p)
            let scale = 1 / lambda.squareRoot()
            displacements.withUnsafeBufferPointer { d in
                for i in 0..<n where w[i] != 0 {
                    let wi = w[i] * scale
                    let row = d.baseAddress! + i * p
                    for j in 0..<p { e[j] += wi * Double(row[j]) }
                }
            }
            axes.append(e)
            explained.append(min(1, lambda / total))
        }
    }
    var fallback = GradientNoise(sigma: 1, seed: seed).stream(run: 3)
    while axes.count < 2 {
        axes.append((0..<p).map { _ in fallback.next() })
        explained.append(0)
    }
    // Gram–Schmidt in Double: the Float product leaves them orthonormal to ~1e-6 only.
    axes[0] = normalized(axes[0])
    let overlap = dot(axes[0], axes[1])
    axes[1] = normalized(zip(axes[1], axes[0]).map { $0 - overlap * $1 })
    // The explained fractions must not claim more than the plane holds.
    let sum = explained[0] + explained[1]
    if sum > 1 { explained = explained.map { $0 / sum } }
    return Plane(kind: .pca, origin: origin, u: axes[0].map(Float.init), v: axes[1].map(Float.init), explained: explained)
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

func normalized(_ a: [Double]) -> [Double] {
    let n = dot(a, a).squareRoot()
    return n > 0 ? a.map { $0 / n } : a
}
