extension JSON {
    /// Compact JSON text: no spaces, object keys in their order, reals in their shortest form
    /// that reads back exactly (`0.1`, `1.0`, `1e+300`).
    ///
    /// Parsing the result gives back an equal value, integers still integers and reals still
    /// reals. Non-finite reals, which JSON cannot spell, print as `null`.
    ///
    /// ```swift
    /// JSON.object(["a": [1, 2.5, "x\n"]]).serialized()   // {"a":[1,2.5,"x\n"]}
    /// ```
    public func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// The UTF-8 bytes of `serialized()`, for writing to a stream without a `String` in between.
    public func serializedBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// JSON text for people: one member or element per line, two spaces per level, `": "`
    /// after keys; empty arrays and objects stay `[]` and `{}`. Reads back like `serialized()`.
    ///
    /// ```swift
    /// JSON.object(["a": [1]]).prettyPrinted()
    /// // {
    /// //   "a": [
    /// //     1
    /// //   ]
    /// // }
    /// ```
    public func prettyPrinted() -> String {
        var writer = JSONWriter(indent: 2)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

extension JSON: CustomStringConvertible {
    /// The compact serialization, so a value interpolates as the text a client would see.
    public var description: String { serialized() }
}
