/// Why a JSON value cannot become the Swift value asked for; the decoder adds the path.
struct JSONMismatch: Error {
    let reason: String

    /// `expected <what>, found <the value's type>`, e.g. `expected a number, found a string`.
    static func expected(_ what: String, found value: JSON) -> JSONMismatch {
        JSONMismatch(reason: "expected \(what), found \(value.typeDescription)")
    }
}

/// The conversions from JSON scalars to Swift scalars, with the decoder's rules on numbers.
///
/// Integers accept `.int` values in range and `.double` values that are integral and in range;
/// floating-point types accept both kinds of number. Nothing converts between strings,
/// booleans and numbers.
enum JSONScalarDecoding {
    static func bool(_ value: JSON) throws(JSONMismatch) -> Bool {
        guard case .bool(let flag) = value else { throw .expected("a boolean", found: value) }
        return flag
    }

    static func string(_ value: JSON) throws(JSONMismatch) -> String {
        guard case .string(let text) = value else { throw .expected("a string", found: value) }
        return text
    }

    static func integer<Integer: FixedWidthInteger>(_ value: JSON, as type: Integer.Type) throws(JSONMismatch) -> Integer {
        switch value {
        case .int(let integer):
            guard let exact = Integer(exactly: integer) else { throw JSONMismatch(reason: "integer out of range") }
            return exact
        case .double(let real):
            guard real.rounded(.towardZero) == real else {
                throw JSONMismatch(reason: "expected an integer, found a number with a fractional part")
            }
            guard let exact = Integer(exactly: real) else { throw JSONMismatch(reason: "integer out of range") }
            return exact
        default:
            throw .expected("an integer", found: value)
        }
    }

    static func double(_ value: JSON) throws(JSONMismatch) -> Double {
        switch value {
        case .int(let integer): return Double(integer)
        case .double(let real): return real
        default: throw .expected("a number", found: value)
        }
    }

    /// A Float, refusing finite Doubles too large to become a finite Float.
    static func float(_ value: JSON) throws(JSONMismatch) -> Float {
        let real = try double(value)
        let narrowed = Float(real)
        guard narrowed.isFinite || !real.isFinite else { throw JSONMismatch(reason: "number out of range") }
        return narrowed
    }
}
