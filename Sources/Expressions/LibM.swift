// The C math library. Using libm directly (rather than a wrapper with its own domain rules)
// keeps `x^4` equal to torch's `x ** 4`, which calls the same std::pow.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// libm's functions under one name, so the evaluator files need no platform import.
enum LibM {
    static func pow(_ x: Double, _ y: Double) -> Double { cPow(x, y) }
    static func sin(_ x: Double) -> Double { cSin(x) }
    static func cos(_ x: Double) -> Double { cCos(x) }
    static func tan(_ x: Double) -> Double { cTan(x) }
    static func asin(_ x: Double) -> Double { cAsin(x) }
    static func acos(_ x: Double) -> Double { cAcos(x) }
    static func atan(_ x: Double) -> Double { cAtan(x) }
    static func sinh(_ x: Double) -> Double { cSinh(x) }
    static func cosh(_ x: Double) -> Double { cCosh(x) }
    static func tanh(_ x: Double) -> Double { cTanh(x) }
    static func asinh(_ x: Double) -> Double { cAsinh(x) }
    static func acosh(_ x: Double) -> Double { cAcosh(x) }
    static func atanh(_ x: Double) -> Double { cAtanh(x) }
    static func exp(_ x: Double) -> Double { cExp(x) }
    static func log(_ x: Double) -> Double { cLog(x) }
    static func log10(_ x: Double) -> Double { cLog10(x) }
    static func log2(_ x: Double) -> Double { cLog2(x) }
    static func log1p(_ x: Double) -> Double { cLog1p(x) }
    static func cbrt(_ x: Double) -> Double { cCbrt(x) }
    static func atan2(_ y: Double, _ x: Double) -> Double { cAtan2(y, x) }
    static func hypot(_ x: Double, _ y: Double) -> Double { cHypot(x, y) }
}

// Forwarders with other names, so that the members above can reuse libm's names.
private func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func cSin(_ x: Double) -> Double { sin(x) }
private func cCos(_ x: Double) -> Double { cos(x) }
private func cTan(_ x: Double) -> Double { tan(x) }
private func cAsin(_ x: Double) -> Double { asin(x) }
private func cAcos(_ x: Double) -> Double { acos(x) }
private func cAtan(_ x: Double) -> Double { atan(x) }
private func cSinh(_ x: Double) -> Double { sinh(x) }
private func cCosh(_ x: Double) -> Double { cosh(x) }
private func cTanh(_ x: Double) -> Double { tanh(x) }
private func cAsinh(_ x: Double) -> Double { asinh(x) }
private func cAcosh(_ x: Double) -> Double { acosh(x) }
private func cAtanh(_ x: Double) -> Double { atanh(x) }
private func cExp(_ x: Double) -> Double { exp(x) }
private func cLog(_ x: Double) -> Double { log(x) }
private func cLog10(_ x: Double) -> Double { log10(x) }
private func cLog2(_ x: Double) -> Double { log2(x) }
private func cLog1p(_ x: Double) -> Double { log1p(x) }
private func cCbrt(_ x: Double) -> Double { cbrt(x) }
private func cAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
private func cHypot(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
