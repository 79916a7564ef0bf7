import RealModule

/// The non-linearity between dense layers.
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
    /// - Throws: ``MLPError/unknownActivation(_:)`` naming the value and the accepted ones.
    public init(parsing text: String) throws(MLPError) {
        guard let a = Activation(rawValue: text.lowercased()) else { throw .unknownActivation(text) }
        self = a
    }

    /// Applies the activation in place.
    func apply(_ x: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .relu:
            // A select rather than a conditional store, so that the loop vectorizes (a NaN stays NaN).
            for i in x.indices { x[i] = x[i] < 0 ? 0 : x[i] }
        case .sigmoid:
            for i in x.indices { x[i] = 1 / (1 + Float.exp(-x[i])) }
        case .tanh:
            for i in x.indices { x[i] = Float.tanh(x[i]) }
        }
    }

    /// Multiplies `gradient` (dL/da) by da/dz, where `output` holds a = f(z): gives dL/dz in place.
    func backward(_ gradient: UnsafeMutableBufferPointer<Float>, output: UnsafeBufferPointer<Float>) {
        switch self {
        case .relu:
            for i in gradient.indices where !(output[i] > 0) { gradient[i] = 0 }
        case .sigmoid:
            for i in gradient.indices { let a = output[i]; gradient[i] *= a * (1 - a) }
        case .tanh:
            for i in gradient.indices { let a = output[i]; gradient[i] *= 1 - a * a }
        }
    }
}
