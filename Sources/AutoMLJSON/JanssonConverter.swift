import CJansson
import OrderedCollections

/// Turns a jansson tree into a `JSON` value, bounding its nesting depth.
///
/// The walk keeps its own stack instead of recursing, so the depth it accepts does not depend on
/// the caller's thread stack. Object members come out in insertion order: jansson (since 2.8)
/// iterates an object in the order its keys were parsed.
enum JanssonConverter {
    /// The value of `root`, or nil when it nests more than `maxDepth` containers deep.
    ///
    /// Scalars are at depth 0; `[]` and `{}` are at depth 1. Does not take ownership of `root`.
    static func convert(_ root: UnsafeMutablePointer<json_t>, maxDepth: Int) -> JSON? {
        if let scalar = scalar(root) { return scalar }
        guard maxDepth >= 1 else { return nil }
        var stack: [Frame] = [Frame(root)]
        while let top = stack.indices.last {
            if let (key, child) = stack[top].nextChild() {
                if let value = scalar(child) {
                    stack[top].add(value, key: key)
                } else {
                    guard stack.count < maxDepth else { return nil }
                    stack[top].pendingKey = key
                    stack.append(Frame(child))
                }
            } else {
                let finished = stack.removeLast().value
                guard let parent = stack.indices.last else { return finished }
                let key = stack[parent].pendingKey
                stack[parent].add(finished, key: key)
            }
        }
        return nil
    }

    /// The value of a scalar node, or nil for arrays and objects.
    private static func scalar(_ node: UnsafeMutablePointer<json_t>) -> JSON? {
        switch node.pointee.type {
        case JSON_NULL: return .null
        case JSON_TRUE: return .bool(true)
        case JSON_FALSE: return .bool(false)
        case JSON_INTEGER: return .int(Int64(json_integer_value(node)))
        case JSON_REAL: return .double(json_real_value(node))
        case JSON_STRING: return .string(string(json_string_value(node), count: json_string_length(node)))
        default: return nil
        }
    }

    /// A Swift string from jansson's bytes; jansson has already checked they are UTF-8.
    fileprivate static func string(_ pointer: UnsafePointer<CChar>?, count: Int) -> String {
        guard let pointer, count > 0 else { return "" }
        let bytes = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// One array or object being converted: a cursor over its children and what is built so far.
    private struct Frame {
        let node: UnsafeMutablePointer<json_t>
        let isObject: Bool
        var iterator: UnsafeMutableRawPointer?
        var index = 0
        let count: Int
        var elements: [JSON] = []
        var members: OrderedDictionary<String, JSON> = [:]
        /// The key of the child container being converted above this frame.
        var pendingKey = ""

        init(_ node: UnsafeMutablePointer<json_t>) {
            self.node = node
            isObject = node.pointee.type == JSON_OBJECT
            if isObject {
                iterator = json_object_iter(node)
                count = json_object_size(node)
                members.reserveCapacity(count)
            } else {
                count = json_array_size(node)
                elements.reserveCapacity(count)
            }
        }

        /// The next child (with its key for objects), advancing the cursor; nil when done.
        mutating func nextChild() -> (String, UnsafeMutablePointer<json_t>)? {
            if isObject {
                guard let current = iterator, let child = json_object_iter_value(current) else { return nil }
                let key = JanssonConverter.string(json_object_iter_key(current), count: json_object_iter_key_len(current))
                iterator = json_object_iter_next(node, current)
                return (key, child)
            }
            guard index < count, let child = json_array_get(node, index) else { return nil }
            index += 1
            return ("", child)
        }

        mutating func add(_ value: JSON, key: String) {
            if isObject { members[key] = value } else { elements.append(value) }
        }

        var value: JSON { isObject ? .object(JSONObject(members: members)) : .array(elements) }
    }
}
