import AutoMLJSON

/// A JSON-RPC error object: what a failed request answers.
///
/// Codes from -32768 to -32000 are JSON-RPC's and LSP's; the engine's own errors use codes from
/// 1000 up (see `schemas/openrpc.json`). `data` carries machine-readable detail, such as
/// `{path, reason}` for invalid params.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSON?

    public init(code: Int, message: String, data: JSON? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "error \(code): \(message)" }

    /// The error object as it goes on the wire.
    public var json: JSON {
        var object: JSONObject = ["code": .int(Int64(code)), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}

// MARK: - Standard codes

extension RPCError {
    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    public static let serverNotInitializedCode = -32002
    public static let requestCancelledCode = -32800

    public static func parseError(_ message: String, data: JSON? = nil) -> RPCError {
        RPCError(code: parseErrorCode, message: message, data: data)
    }

    public static func invalidRequest(_ message: String) -> RPCError {
        RPCError(code: invalidRequestCode, message: message)
    }

    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: methodNotFoundCode, message: "method not found: \(method)", data: ["method": .string(method)])
    }

    /// Invalid params, naming the offending field: `data: {path, reason}`.
    public static func invalidParams(_ error: JSONFieldError) -> RPCError {
        RPCError(
            code: invalidParamsCode, message: error.description,
            data: ["path": .string(error.path), "reason": .string(error.reason)])
    }

    public static func internalError(_ message: String) -> RPCError {
        RPCError(code: internalErrorCode, message: message)
    }

    public static let serverNotInitialized = RPCError(
        code: serverNotInitializedCode, message: "server not initialized: send initialize first")

    public static let requestCancelled = RPCError(code: requestCancelledCode, message: "request cancelled")
}

/// An error that knows its JSON-RPC form. Layers above this one (the engine's errors) conform to
/// it so that the dispatcher can answer them without knowing their types.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError {
    /// Maps any error a handler throws to the error object the client sees.
    public static func from(_ error: any Error) -> RPCError {
        switch error {
        case let error as RPCError: return error
        case let error as JSONFieldError: return .invalidParams(error)
        case let error as any RPCErrorConvertible: return error.rpcError
        case is CancellationError: return .requestCancelled
        default: return .internalError(String(describing: error))
        }
    }
}
