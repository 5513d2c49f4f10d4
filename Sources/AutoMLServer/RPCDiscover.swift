import AutoMLJSON
import AutoMLRPC

/// `rpc.discover`: the OpenRPC document of this server (`schemas/openrpc.json`).
public struct RPCDiscover: ServerMethod {
    public static let name = "rpc.discover"

    public static func handle(_ params: NoParams, context: ServerContext, request: RequestContext) async throws -> JSON {
        try OpenRPCDocument.json()
    }
}
