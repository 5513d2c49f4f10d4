"""Reading and writing JSON-RPC messages: one JSON text per line, or LSP Content-Length framing."""

import json
from typing import Any, BinaryIO, Optional

LINE = "line"
CONTENT_LENGTH = "content-length"
FRAMINGS = (LINE, CONTENT_LENGTH)


def encode(message: Any, framing: str) -> bytes:
    """The framed bytes of ``message``. Raises ValueError for NaN or infinite numbers."""
    body = json.dumps(message, allow_nan=False, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if framing == LINE:
        return body + b"\n"
    header = (
        f"Content-Length: {len(body)}\r\n"
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"
    ).encode("ascii")
    return header + body


def read_message(stream: BinaryIO, framing: str) -> Optional[Any]:
    """The next decoded message, or None at end of stream.

    Raises ValueError when the stream holds something that is not a framed JSON message.
    """
    if framing == LINE:
        while True:
            line = stream.readline()
            if not line:
                return None
            if line.strip():
                return json.loads(line)
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.rstrip(b"\r\n")
        if not line:
            if length is None:
                continue
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = stream.read(length)
    if len(body) < length:
        return None
    return json.loads(body)
