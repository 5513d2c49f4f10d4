import CJansson

extension JSON {
    /// The default bound on nesting: deep enough for any configuration or search space, shallow
    /// enough that no reader of the value (printing, hashing, decoding) runs out of stack.
    public static let defaultMaxDepth = 256

    /// Parses one JSON text (RFC 8259) from UTF-8 bytes.
    ///
    /// Any value may stand at the top level (`3`, `"x"`, `null`); whitespace may surround it and
    /// nothing else may follow it. Integers without fraction or exponent become `.int`, every
    /// other number `.double`; objects keep their key order. Refused, each with a located
    /// message: duplicate keys, integers outside Int64, reals outside Double, `NaN` and
    /// `Infinity`, invalid UTF-8 and lone surrogate escapes, and nesting deeper than `maxDepth`.
    /// `\u0000` is accepted inside string values but not inside object keys.
    ///
    /// ```swift
    /// let value = try JSON.parse(Array(#"{"low": 0.1, "high": 1}"#.utf8))
    /// value["high"]   // .int(1)
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: the UTF-8 text, without a byte-order mark.
    ///   - maxDepth: how many arrays and objects may nest (`[]` is depth 1). Whatever its
    ///     value, jansson refuses more than 2048 levels.
    /// - Throws: `JSONParseError` locating the first defect.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSON {
        try parseResult(bytes, maxDepth: maxDepth).get()
    }

    /// Parses one JSON text from UTF-8 bytes; see `parse(_:maxDepth:)` for the rules.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSON {
        try bytes.withUnsafeBytes { parseResult($0, maxDepth: maxDepth) }.get()
    }

    /// Parses one JSON text from any collection of UTF-8 bytes (a slice, `Data`, ...); see
    /// `parse(_:maxDepth:)` for the rules. Contiguous collections are read in place.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSON {
        let inPlace = bytes.withContiguousStorageIfAvailable { parseResult(UnsafeRawBufferPointer($0), maxDepth: maxDepth) }
        if let inPlace { return try inPlace.get() }
        return try Array(bytes).withUnsafeBytes { parseResult($0, maxDepth: maxDepth) }.get()
    }

    /// Parses one JSON text; see `parse(_:maxDepth:)` for the rules.
    ///
    /// ```swift
    /// try JSON.parse("[1, 2.5, \"x\"]")   // [.int(1), .double(2.5), .string("x")]
    /// ```
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSON {
        var text = text
        return try text.withUTF8 { parseResult(UnsafeRawBufferPointer($0), maxDepth: maxDepth) }.get()
    }

    /// The shared parser: jansson reads the text, then the tree is converted and freed.
    private static func parseResult(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) -> Result<JSON, JSONParseError> {
        let limit = min(max(maxDepth, 0), janssonMaxDepth)
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return .failure(JSONParseError(message: "empty input: expected a JSON value", line: 1, column: 1, position: 0))
        }
        var report = json_error_t()
        let flags = Int(JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL)
        let text = base.assumingMemoryBound(to: CChar.self)
        guard let root = json_loadb(text, bytes.count, flags, &report) else {
            return .failure(JanssonParseFailure.error(report, in: bytes, depthLimit: limit))
        }
        defer { json_decref(root) }
        guard let value = JanssonConverter.convert(root, maxDepth: limit) else {
            return .failure(JanssonParseFailure.depthError(limit: limit, in: bytes))
        }
        return .success(value)
    }

    /// jansson's own bound on nesting (`JSON_PARSER_MAX_DEPTH`), fixed when it was built.
    private static let janssonMaxDepth = Int(JSON_PARSER_MAX_DEPTH)
}
