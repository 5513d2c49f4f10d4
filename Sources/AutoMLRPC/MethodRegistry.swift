import AutoMLJSON

/// The table of methods a server answers: built once from a literal list of method types.
public struct MethodRegistry<Context: Sendable>: Sendable {
    /// A method with its types erased: decode, order, handle, encode.
    public struct Entry: Sendable {
        public let name: String
        let prepare: @Sendable (JSON?) throws -> Prepared
    }

    /// A decoded request, ready to run.
    struct Prepared: Sendable {
        let orderingKey: String?
        let run: @Sendable (Context, RequestContext) async throws -> JSON
    }

    public private(set) var entries: [String: Entry] = [:]

    /// Registers every method in `list`; a name given twice is a programming error caught by tests.
    public init(_ list: [any RPCMethodRegistrable<Context>.Type]) {
        for method in list { method.register(into: &self) }
    }

    public mutating func register<M: RPCMethod>(_ method: M.Type) where M.Context == Context {
        precondition(entries[M.name] == nil, "method \(M.name) registered twice")
        entries[M.name] = Entry(name: M.name) { raw in
            let params = try Self.paramsDecoder.decode(M.Params.self, from: raw ?? .object([:]), path: "params")
            return Prepared(orderingKey: M.orderingKey(params)) { context, request in
                let result = try await M.handle(params, context: context, request: request)
                return try JSONValueEncoder().encode(result)
            }
        }
    }

    /// Params are decoded strictly: a member no field asks for is an error (`unknown field`),
    /// except LSP's progress tokens, which any request may carry.
    static var paramsDecoder: JSONValueDecoder {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        decoder.allowedRootMembers = ["workDoneToken", "partialResultToken"]
        return decoder
    }

    /// The registered method names, sorted.
    public var names: [String] { entries.keys.sorted() }

    func entry(_ name: String) -> Entry? { entries[name] }
}

/// Lets a heterogeneous literal list of method types register themselves.
public protocol RPCMethodRegistrable<Context> {
    associatedtype Context: Sendable
    static func register(into registry: inout MethodRegistry<Context>)
}

extension RPCMethod {
    public static func register(into registry: inout MethodRegistry<Context>) {
        registry.register(Self.self)
    }
}

extension MethodRegistry {
    /// Runs one method in-process, without framing (`automl call`, embedding programs, tests).
    /// - Throws: `RPCError`, mapped from whatever the handler threw.
    public func call(_ method: String, params: JSON?, context: Context, id: JSON = .int(1)) async throws(RPCError) -> JSON {
        guard let entry = entries[method] else { throw RPCError.methodNotFound(method) }
        do {
            let prepared = try entry.prepare(params)
            return try await prepared.run(context, RequestContext(id: id, method: method, progress: .none))
        } catch {
            throw RPCError.from(error)
        }
    }
}
