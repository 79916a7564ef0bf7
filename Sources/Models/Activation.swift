import RealModule

/// The non-linearity between layers.
///
/// * `relu`: max(0, z); derivative 1 where z > 0, else 0 (torch's choice at 0).
/// * `sigmoid`: 1 / (1 + e^(−z)); derivative a(1 − a).
/// * `tanh`: tanh z; derivative 1 − a².
///
/// Each derivative is written in terms of the output `a`, so backpropagation needs no copy of `z`.
public enum Activation: String, CaseIterable, Sendable {
    case relu, sigmoid, tanh

    /// Parses a name as written on the command line.
    ///
    /// - Throws: ``ModelError/unknownActivation(_:)`` naming the value and the accepted ones.
    public init(parsing text: String) throws(ModelError) {
        guard let a = Activation(rawValue: text.lowercased()) else { throw .unknownActivation(text) }
        self = a
    }

    /// Applies the activation in place.
    @inline(__always)
    func apply(_ x: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .relu:
            // Selects on eight values at a time (a branch per value is mispredicted whenever the signs
            // are mixed); NaN and −0 pass unchanged.
            guard let p = x.baseAddress else { return }
            let n = x.count
            var i = 0
            while i + 8 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(p + i).storeBytes(of: v.replacing(with: 0, where: v .< 0), as: SIMD8<Float>.self)
                i += 8
            }
            while i < n { p[i] = p[i] < 0 ? 0 : p[i]; i += 1 }
        case .sigmoid:
            for i in x.indices { x[i] = 1 / (1 + Float.exp(-x[i])) }
        case .tanh:
            for i in x.indices { x[i] = Float.tanh(x[i]) }
        }
    }

    /// Multiplies `gradient` (dL/da) by da/dz, where `output` holds a = f(z): gives dL/dz in place.
    @inline(__always)
    func backward(_ gradient: UnsafeMutableBufferPointer<Float>, output: UnsafeBufferPointer<Float>) {
        switch self {
        case .relu:
            // As in `apply`: eight at a time with selects; 0 where a is not > 0 (NaN included).
            guard let g = gradient.baseAddress, let a = output.baseAddress else { return }
            let n = gradient.count
            var i = 0
            while i + 8 <= n {
                let gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
                let av = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(g + i).storeBytes(of: SIMD8<Float>(repeating: 0).replacing(with: gv, where: av .> 0),
                                                        as: SIMD8<Float>.self)
                i += 8
            }
            while i < n { g[i] = a[i] > 0 ? g[i] : 0; i += 1 }
        case .sigmoid:
            for i in gradient.indices { let a = output[i]; gradient[i] *= a * (1 - a) }
        case .tanh:
            for i in gradient.indices { let a = output[i]; gradient[i] *= 1 - a * a }
        }
    }
}

/// An activation as a layer (torch's `nn.ReLU`, `nn.Sigmoid`, `nn.Tanh`): element-wise, in place,
/// in any layout, no parameters.
public struct ActivationLayer: Layer {
    public var function: Activation
    public var shape: RecordShape

    public init(_ function: Activation, shape: RecordShape) {
        self.function = function; self.shape = shape
    }

    public var kind: String {
        switch function {
        case .relu: "ReLU"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        }
    }
    public var inputShape: RecordShape { shape }
    public var outputShape: RecordShape { shape }
    public var isInPlace: Bool { true }

    public func forward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                        rows: Int, layout: BatchLayout, saved: UnsafeMutableRawPointer) {
        function.apply(UnsafeMutableBufferPointer(start: output, count: rows * shape.count))
    }

    public func backward(_ p: UnsafePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                         outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                         parameterGradient: UnsafeMutablePointer<Float>, rows: Int, layout: BatchLayout,
                         saved: UnsafeMutableRawPointer, temporary: UnsafeMutableRawPointer) {
        guard inputGradient != nil else { return }
        function.backward(UnsafeMutableBufferPointer(start: outputGradient, count: rows * shape.count),
                          output: UnsafeBufferPointer(start: output, count: rows * shape.count))
    }
}
