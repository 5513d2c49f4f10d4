import AutoMLJSON

/// One JSON-RPC 2.0 message from the client, classified by the spec's rules.
public enum IncomingMessage: Sendable, Equatable {
    /// A call that expects a reply; `id` is echoed exactly as sent (string, number or null).
    case request(id: JSON, method: String, params: JSON?)
    /// A call without an id: never answered.
    case notification(method: String, params: JSON?)
    /// A response object sent to us (we issue no requests): ignored.
    case response
    /// Not a valid request; answered with this error and the id when one could be read.
    case invalid(id: JSON, error: RPCError)

    /// Classifies one element (a whole message, or one member of a batch).
    public init(_ value: JSON) {
        guard case .object(let object) = value else {
            self = .invalid(id: .null, error: .invalidRequest("a request must be an object, found \(value.typeDescription)"))
            return
        }
        var id: JSON = .null
        let hasId = object["id"] != nil
        if let rawId = object["id"] {
            switch rawId {
            case .string, .int, .double, .null: id = rawId
            default:
                self = .invalid(id: .null, error: .invalidRequest("id must be a string, a number or null"))
                return
            }
        }
        guard object["jsonrpc"] == .string("2.0") else {
            self = .invalid(id: id, error: .invalidRequest(#"jsonrpc must be exactly "2.0""#))
            return
        }
        guard let methodValue = object["method"] else {
            if object["result"] != nil || object["error"] != nil {
                self = .response
            } else {
                self = .invalid(id: id, error: .invalidRequest("method is missing"))
            }
            return
        }
        guard case .string(let method) = methodValue else {
            self = .invalid(id: id, error: .invalidRequest("method must be a string"))
            return
        }
        // `"params": null` reads as absent: LSP clients (pygls) send it for void params.
        var params = object["params"]
        if case .null? = params { params = nil }
        if let params {
            switch params {
            case .object, .array: break
            default:
                self = .invalid(id: id, error: .invalidRequest("params must be an object or an array"))
                return
            }
        }
        self = hasId ? .request(id: id, method: method, params: params) : .notification(method: method, params: params)
    }
}

/// Builds outgoing JSON-RPC messages.
public enum OutgoingMessage {
    public static func result(id: JSON, _ result: JSON) -> JSON {
        .object(["jsonrpc": "2.0", "id": id, "result": result])
    }

    public static func error(id: JSON, _ error: RPCError) -> JSON {
        .object(["jsonrpc": "2.0", "id": id, "error": error.json])
    }

    public static func notification(method: String, params: JSON) -> JSON {
        .object(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }
}
