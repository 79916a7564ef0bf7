/// The functions an expression may call, with their derivatives.
///
/// One argument: `sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp log ln
/// log10 log2 log1p sqrt cbrt abs`. Two: `min max atan2 hypot pow`.
public enum MathFunction: String, CaseIterable, Sendable {
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh
    case exp, log, ln, log10, log2, log1p, sqrt, cbrt, abs
    case min, max, atan2, hypot, pow

    /// How many arguments it takes.
    public var arity: Int {
        switch self {
        case .min, .max, .atan2, .hypot, .pow: 2
        default: 1
        }
    }

    /// f(a) and f′(a), for the one-argument functions.
    ///
    /// The derivatives: sin′ = cos, cos′ = −sin, tan′ = 1 + tan², asin′ = 1/√(1 − a²),
    /// acos′ = −1/√(1 − a²), atan′ = 1/(1 + a²), sinh′ = cosh, cosh′ = sinh, tanh′ = 1 − tanh²,
    /// asinh′ = 1/√(a² + 1), acosh′ = 1/√(a² − 1), atanh′ = 1/(1 − a²), exp′ = exp, log′ = 1/a,
    /// log10′ = 1/(a ln 10), log2′ = 1/(a ln 2), log1p′ = 1/(1 + a), sqrt′ = 1/(2√a),
    /// cbrt′ = 1/(3 ∛a²), abs′ = sign(a) (0 at 0, the subgradient nearest zero).
    @inline(__always)
    func unary(_ a: Double) -> (value: Double, derivative: Double) {
        switch self {
        case .sin: return (LibM.sin(a), LibM.cos(a))
        case .cos: return (LibM.cos(a), -LibM.sin(a))
        case .tan:
            let t = LibM.tan(a)
            return (t, 1 + t * t)
        case .asin: return (LibM.asin(a), 1 / (1 - a * a).squareRoot())
        case .acos: return (LibM.acos(a), -1 / (1 - a * a).squareRoot())
        case .atan: return (LibM.atan(a), 1 / (1 + a * a))
        case .sinh: return (LibM.sinh(a), LibM.cosh(a))
        case .cosh: return (LibM.cosh(a), LibM.sinh(a))
        case .tanh:
            let t = LibM.tanh(a)
            return (t, 1 - t * t)
        case .asinh: return (LibM.asinh(a), 1 / (a * a + 1).squareRoot())
        case .acosh: return (LibM.acosh(a), 1 / (a * a - 1).squareRoot())
        case .atanh: return (LibM.atanh(a), 1 / (1 - a * a))
        case .exp:
            let e = LibM.exp(a)
            return (e, e)
        case .log, .ln: return (LibM.log(a), 1 / a)
        case .log10: return (LibM.log10(a), 1 / (a * 2.302585092994046))
        case .log2: return (LibM.log2(a), 1 / (a * 0.6931471805599453))
        case .log1p: return (LibM.log1p(a), 1 / (1 + a))
        case .sqrt:
            let s = a.squareRoot()
            return (s, 1 / (2 * s))
        case .cbrt:
            let c = LibM.cbrt(a)
            return (c, 1 / (3 * (c * c)))
        case .abs: return (Swift.abs(a), a > 0 ? 1 : (a < 0 ? -1 : 0))
        case .min, .max, .atan2, .hypot, .pow:
            preconditionFailure("\(rawValue) takes two arguments")
        }
    }

    /// f(a) alone, for the one-argument functions: the value ``unary(_:)`` returns, without
    /// the work of the derivative (the figure's grid needs only values).
    @inline(__always)
    func value(_ a: Double) -> Double {
        switch self {
        case .sin: LibM.sin(a)
        case .cos: LibM.cos(a)
        case .tan: LibM.tan(a)
        case .asin: LibM.asin(a)
        case .acos: LibM.acos(a)
        case .atan: LibM.atan(a)
        case .sinh: LibM.sinh(a)
        case .cosh: LibM.cosh(a)
        case .tanh: LibM.tanh(a)
        case .asinh: LibM.asinh(a)
        case .acosh: LibM.acosh(a)
        case .atanh: LibM.atanh(a)
        case .exp: LibM.exp(a)
        case .log, .ln: LibM.log(a)
        case .log10: LibM.log10(a)
        case .log2: LibM.log2(a)
        case .log1p: LibM.log1p(a)
        case .sqrt: a.squareRoot()
        case .cbrt: LibM.cbrt(a)
        case .abs: Swift.abs(a)
        case .min, .max, .atan2, .hypot, .pow: preconditionFailure("\(rawValue) takes two arguments")
        }
    }

    /// f(a, b), ∂f/∂a and ∂f/∂b, for the two-argument functions.
    ///
    /// min and max pass on the derivative of the argument they choose (the first on a tie);
    /// atan2(a, b) is the angle of the point (b, a), with ∂/∂a = b/(a² + b²), ∂/∂b = −a/(a² + b²);
    /// hypot′ = (a, b)/hypot; pow is `a ^ b` (see ``MathExpression``).
    @inline(__always)
    func binary(_ a: Double, _ b: Double) -> (value: Double, da: Double, db: Double) {
        switch self {
        case .min: return a <= b || b.isNaN ? (a, 1, 0) : (b, 0, 1)
        case .max: return a >= b || b.isNaN ? (a, 1, 0) : (b, 0, 1)
        case .atan2:
            let r2 = a * a + b * b
            return (LibM.atan2(a, b), b / r2, -a / r2)
        case .hypot:
            let h = LibM.hypot(a, b)
            return (h, a / h, b / h)
        case .pow:
            let v = LibM.pow(a, b)
            return (v, b * LibM.pow(a, b - 1), v * LibM.log(a))
        default:
            preconditionFailure("\(rawValue) takes one argument")
        }
    }

    /// Every function name, for error messages and help.
    public static var names: [String] { allCases.map(\.rawValue) }
}
