import Models
import Stepping

/// Where a model's filters lie in its flat parameter buffer: blocks of `rows` consecutive rows of
/// `length` values each. A dense layer's weight [out, in] is `out` rows of `in` (one per output
/// neuron); a convolution's [out, in, kh, kw] is `out` rows of `in·kh·kw` (one per filter).
/// Parameters in no block (biases) are left out of filter normalization.
public struct FilterRows: Sendable, Hashable {
    public struct Block: Sendable, Hashable {
        public var offset: Int
        public var rows: Int
        public var length: Int
        public init(offset: Int, rows: Int, length: Int) {
            precondition(offset >= 0 && rows >= 1 && length >= 1)
            self.offset = offset; self.rows = rows; self.length = length
        }
        /// The parameters the block covers.
        public var range: Range<Int> { offset..<(offset + rows * length) }
    }

    public var blocks: [Block]
    public init(blocks: [Block]) { self.blocks = blocks }

    /// Every weight tensor of `model` (dense and convolution weights; biases left out): its first
    /// dimension's rows, each of the remaining dimensions' size.
    public init(model: Model) {
        blocks = model.tensors.filter { $0.role == .weight }.map { t in
            Block(offset: t.offset, rows: t.shape[0], length: t.shape.dropFirst().reduce(1, *))
        }
    }
}

/// A random direction in parameter space with filter normalization (Li et al., "Visualizing the
/// Loss Landscape of Neural Nets", NeurIPS 2018, §4): d is drawn from N(0, I), then every filter
/// (row) of it is scaled to the norm of the same row of the weights,
///
///     d_r ← d_r · ‖θ_r‖ / (‖d_r‖ + 1e−10)
///
/// so that a step of 1 along d moves each filter by its own size, and the landscape's scale does
/// not depend on how the network distributes its weights among layers (which ReLU networks leave
/// free). Parameters outside every row (biases) get 0, as Li et al.'s `ignore='biasbn'` does.
///
/// The draws are a seeded standard normal stream (Marsaglia's polar method on SplitMix64), one
/// value per parameter in buffer order, so a seed gives the same direction on every machine.
///
/// - Parameters:
///   - theta: the weights the direction is normalized against (the plane's centre).
///   - rows: where the filters are.
///   - seed: fixes the draws; give each direction of a plane its own.
/// - Complexity: O(theta.count).
public func filterNormalizedDirection(like theta: [Float], rows: FilterRows, seed: UInt64) -> [Float] {
    var stream = GradientNoise(sigma: 1, seed: seed).stream(run: 1)
    return filterNormalized((0..<theta.count).map { _ in stream.next() }, like: theta, rows: rows)
}

/// `drawn` with every filter (row) scaled to the norm of the same row of `theta`, and 0 outside
/// every row (loss-landscape's `normalize_directions_for_weights` with `ignore='biasbn'`):
/// d_r ← d_r · ‖θ_r‖ / (‖d_r‖ + 1e−10), norms summed in Double.
///
/// - Complexity: O(theta.count).
public func filterNormalized(_ drawn: [Double], like theta: [Float], rows: FilterRows) -> [Float] {
    precondition(drawn.count == theta.count, "a direction has one value per parameter")
    var d = [Float](repeating: 0, count: theta.count)
    for block in rows.blocks {
        precondition(block.range.upperBound <= theta.count, "a row block lies outside the parameters")
        for r in 0..<block.rows {
            let start = block.offset + r * block.length
            var dn = 0.0, wn = 0.0
            for i in start..<(start + block.length) {
                dn += drawn[i] * drawn[i]
                wn += Double(theta[i]) * Double(theta[i])
            }
            let scale = wn.squareRoot() / (dn.squareRoot() + 1e-10)
            for i in start..<(start + block.length) { d[i] = Float(drawn[i] * scale) }
        }
    }
    return d
}

/// The plane of two filter-normalized random directions through `center` (Li et al. 2018, §4):
/// direction 1 from `seed`'s first stream, direction 2 from its second.
public func randomPlane(center: [Float], rows: FilterRows, seed: UInt64) -> Plane {
    // Two seeds hashed apart (consecutive seeds would give overlapping SplitMix64 streams).
    var mixer = SplitMix64(seed: seed ^ 0x4c61_6e64_7363_6170)
    let u = filterNormalizedDirection(like: center, rows: rows, seed: mixer.next())
    let v = filterNormalizedDirection(like: center, rows: rows, seed: mixer.next())
    return Plane(kind: .random, origin: center, u: u, v: v)
}
