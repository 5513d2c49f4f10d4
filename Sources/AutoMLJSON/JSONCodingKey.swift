/// An object member whose name is only known at run time: the members of a `JSON` object, and
/// `super`, under which `superDecoder()` and `superEncoder()` nest.
struct JSONMemberKey: CodingKey, Sendable {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }

    init?(intValue: Int) { return nil }

    static let `super` = JSONMemberKey(stringValue: "super")
}

/// A position in an array. One word, so it sits inline in an `any CodingKey`.
struct JSONIndexKey: CodingKey, Sendable {
    let index: Int

    init(_ index: Int) { self.index = index }

    init?(stringValue: String) { return nil }

    init(intValue: Int) { index = intValue }

    /// `Index <n>`, the form the standard library gives positions.
    var stringValue: String { "Index \(index)" }

    var intValue: Int? { index }
}

extension JSONPath {
    /// The path of a coding path under `base`, as error messages print it: `base.space.params[2]`.
    ///
    /// A key counts as an array position when it carries an integer and its string form is
    /// `Index <n>`, which is how the standard library and these coders name positions; any
    /// other key is an object member named by its string value.
    static func of(_ codingPath: [any CodingKey], under base: String) -> String {
        var path = base
        for key in codingPath {
            if let position = key as? JSONIndexKey {
                path = element(path, position.index)
            } else if let index = key.intValue, key.stringValue == "Index \(index)" {
                path = element(path, index)
            } else {
                path = member(path, key.stringValue)
            }
        }
        return path
    }
}
