#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The libm functions the space needs, under names that keep libm's overloads out of the
/// callers' scopes.
enum SpaceMath {
    @inline(__always) static func ln(_ x: Double) -> Double { log(x) }
    @inline(__always) static func exponential(_ x: Double) -> Double { exp(x) }
}
