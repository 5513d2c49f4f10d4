"""A raw pipe to `automl serve`: bytes in, bytes out, with deadlines. No client library involved,
so the tests see exactly what the daemon writes."""

import json
import os
import subprocess
import threading
import time
from typing import Any, List, Optional, Sequence, Tuple

LSP_CONTENT_TYPE = b"Content-Type: application/vscode-jsonrpc; charset=utf-8"


def lsp(body: Any, headers: Optional[Sequence[bytes]] = None) -> bytes:
    """A Content-Length framed message; ``body`` is bytes or a JSON value."""
    if not isinstance(body, bytes):
        body = json.dumps(body, separators=(",", ":")).encode()
    if headers is None:
        headers = [b"Content-Length: %d" % len(body)]
    return b"".join(h + b"\r\n" for h in headers) + b"\r\n" + body


def line(body: Any) -> bytes:
    """One NDJSON line; ``body`` is bytes or a JSON value."""
    if not isinstance(body, bytes):
        body = json.dumps(body, separators=(",", ":")).encode()
    return body + b"\n"


def request(id: Any, method: str, params: Any = None) -> dict:
    message = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        message["params"] = params
    return message


def notification(method: str, params: Any = None) -> dict:
    message = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        message["params"] = params
    return message


class RawDaemon:
    """`automl serve` with its stdout buffered by a thread; reads wait up to a deadline."""

    def __init__(self, binary: str, data_dir: str, args: Sequence[str] = ()):
        self.process = subprocess.Popen(
            [binary, "serve", "--data-dir", str(data_dir), "--durability", "none", *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.buffer = bytearray()
        self.eof = False
        self.stderr = bytearray()
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.err_reader = threading.Thread(target=self._read_err, daemon=True)
        self.err_reader.start()

    def _read(self) -> None:
        fd = self.process.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            with self.cond:
                if not chunk:
                    self.eof = True
                    self.cond.notify_all()
                    return
                self.buffer += chunk
                self.cond.notify_all()

    def _read_err(self) -> None:
        for chunk in iter(lambda: self.process.stderr.read1(65536), b""):
            self.stderr += chunk

    # MARK: - Writing

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def close_stdin(self) -> None:
        self.process.stdin.close()

    # MARK: - Reading

    def _take(self, predicate, timeout: float):
        """Waits until ``predicate(buffer)`` returns a cut index; returns the bytes before it."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                cut = predicate(self.buffer)
                if cut is not None:
                    taken = bytes(self.buffer[:cut])
                    del self.buffer[:cut]
                    return taken
                remaining = deadline - time.monotonic()
                if self.eof or remaining <= 0:
                    raise TimeoutError(
                        f"no complete message (eof={self.eof}); buffered {bytes(self.buffer[:300])!r}; "
                        f"stderr {bytes(self.stderr[-500:])!r}")
                self.cond.wait(remaining)

    def read_line_raw(self, timeout: float = 10) -> bytes:
        def cut(buffer):
            index = buffer.find(b"\n")
            return None if index < 0 else index + 1
        return self._take(cut, timeout)

    def read_line(self, timeout: float = 10) -> Any:
        raw = self.read_line_raw(timeout)
        assert raw.endswith(b"\n") and not raw.endswith(b"\r\n"), raw
        return json.loads(raw)

    def read_lsp_raw(self, timeout: float = 10) -> Tuple[List[bytes], bytes]:
        """The header lines (without CRLF) and body of the next LSP message."""
        def cut(buffer):
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return None
            length = None
            for header in bytes(buffer[:end]).split(b"\r\n"):
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":", 1)[1])
            assert length is not None, bytes(buffer[:end])
            total = end + 4 + length
            return total if len(buffer) >= total else None
        raw = self._take(cut, timeout)
        head, body = raw.split(b"\r\n\r\n", 1)
        return head.split(b"\r\n"), body

    def read_lsp(self, timeout: float = 10) -> Any:
        headers, body = self.read_lsp_raw(timeout)
        assert headers == [b"Content-Length: %d" % len(body), LSP_CONTENT_TYPE], headers
        return json.loads(body)

    def read(self, framing: str, timeout: float = 10) -> Any:
        return self.read_line(timeout) if framing == "line" else self.read_lsp(timeout)

    def expect_silence(self, seconds: float = 0.3) -> None:
        """Asserts that nothing arrives within ``seconds``."""
        time.sleep(seconds)
        with self.cond:
            assert not self.buffer, bytes(self.buffer[:300])

    def call(self, id: Any, method: str, params: Any = None, framing: str = "line") -> Any:
        frame = line if framing == "line" else lsp
        self.send(frame(request(id, method, params)))
        reply = self.read(framing)
        assert reply.get("id") == id, reply
        return reply

    def wait(self, timeout: float = 20) -> int:
        code = self.process.wait(timeout)
        self.reader.join(timeout)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
