import AutoMLEngine
import AutoMLJSON
import AutoMLRPC

extension EngineError: RPCErrorConvertible {
    public var rpcError: RPCError {
        RPCError(code: code, message: description)
    }
}
