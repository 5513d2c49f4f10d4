import AutoMLJSON

/// One JSON-RPC method: its name, typed params and result, and its handler.
///
/// Each method is a small type in a file of its own; the name is spelled once, here. A server
/// registers a literal list of these types (see `MethodRegistry`), and dispatch is a lookup.
///
/// ```swift
/// struct Echo: RPCMethod {
///     static let name = "echo"
///     struct Params: Decodable, Sendable { var text: String }
///     static func handle(_ params: Params, context: Void, request: RequestContext) async throws -> String {
///         params.text
///     }
/// }
/// ```
public protocol RPCMethod: RPCMethodRegistrable, Sendable {
    /// What the server hands every handler (the engine, for `automl serve`).
    associatedtype Context: Sendable
    associatedtype Params: Decodable & Sendable
    associatedtype Result: Encodable & Sendable

    /// The method name on the wire, e.g. `session/ask`.
    static var name: String { get }

    /// Requests that return the same key run one at a time, in the order they arrived (the events
    /// of one session). Nil, the default, lets the request run concurrently with others.
    static func orderingKey(_ params: Params) -> String?

    static func handle(_ params: Params, context: Context, request: RequestContext) async throws -> Result
}

extension RPCMethod {
    public static func orderingKey(_ params: Params) -> String? { nil }
}

/// Params of a method that takes none: accepts absent params, `{}` and `[]`.
public struct NoParams: Decodable, Sendable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
}

/// A result with no members, printed as `{}`.
public struct EmptyResult: Encodable, Sendable {
    public init() {}
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }
    private enum NoKeys: CodingKey {}
}
