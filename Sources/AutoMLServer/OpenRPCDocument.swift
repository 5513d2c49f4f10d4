import AutoMLJSON

/// The OpenRPC document `rpc.discover` returns.
///
/// `schemas/openrpc.json` is the source; `scripts/embed-openrpc` copies it into
/// `OpenRPCDocument+Text.swift` so the binary needs no resource files, and a test checks the two
/// are identical.
public enum OpenRPCDocument {
    public static func json() throws -> JSON {
        try JSON.parse(text)
    }
}
