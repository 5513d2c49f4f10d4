#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// File-scope wrappers, so the names below resolve to libm and not to `Math`'s own methods.
@inline(__always) private func libmExpf(_ x: Float) -> Float { expf(x) }
@inline(__always) private func libmLogf(_ x: Float) -> Float { logf(x) }
@inline(__always) private func libmTanhf(_ x: Float) -> Float { tanhf(x) }
@inline(__always) private func libmErff(_ x: Float) -> Float { erff(x) }
@inline(__always) private func libmCos(_ x: Double) -> Double { cos(x) }
@inline(__always) private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// The libm functions the kernels need, under names that do not collide with the standard
/// library's methods.
enum Math {
    @inline(__always) static func exp(_ x: Float) -> Float { libmExpf(x) }
    @inline(__always) static func log(_ x: Float) -> Float { libmLogf(x) }
    @inline(__always) static func tanh(_ x: Float) -> Float { libmTanhf(x) }
    @inline(__always) static func erf(_ x: Float) -> Float { libmErff(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { libmCos(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
}
