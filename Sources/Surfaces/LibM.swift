// The C math library, for the elementary functions the built-ins need. Torch evaluates a
// one-element tensor with the same libm calls (std::cos, std::exp, std::pow), which keeps the
// built-ins equal to the reference to the last bit.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Forwarders with other names, so that the members below can reuse libm's names.
@inline(__always) private func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) private func cSin(_ x: Double) -> Double { sin(x) }
@inline(__always) private func cCos(_ x: Double) -> Double { cos(x) }
@inline(__always) private func cExp(_ x: Double) -> Double { exp(x) }

/// libm's functions under one name, so each surface file needs no platform import.
enum LibM {
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { cPow(x, y) }
    @inline(__always) static func sin(_ x: Double) -> Double { cSin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { cCos(x) }
    @inline(__always) static func exp(_ x: Double) -> Double { cExp(x) }
}
