#!/usr/bin/env python3
"""Requests per second of `automl serve` over a pipe, for a trivial method.

For each framing (NDJSON and LSP Content-Length) and each mode (sequential: send one, read its
reply; pipelined: send N while reading N on another thread), times N requests of `session/status`
(on a session created first) or `strategy/list`. Prints one JSON object per measurement on stdout
and a readable table on stderr.

    scripts/bench-rpc.py [--binary PATH] [--requests N] [--method session/status]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_binary():
    if os.environ.get("AUTOML_BIN"):
        return os.environ["AUTOML_BIN"]
    for candidate in (ROOT / ".build/release/automl", ROOT / ".build-clients-release/release/automl", ROOT / ".build/debug/automl"):
        if candidate.exists():
            return str(candidate)
    sys.exit("bench-rpc: no automl binary; set AUTOML_BIN or build one")


def frame(message, framing):
    body = json.dumps(message, separators=(",", ":")).encode()
    if framing == "line":
        return body + b"\n"
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Pipe:
    """A daemon and a reader of its framed replies."""

    def __init__(self, binary, data_dir):
        self.process = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--durability", "none"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.out = self.process.stdout

    def send(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def receive(self, framing):
        if framing == "line":
            return json.loads(self.out.readline())
        length = None
        while True:
            header = self.out.readline().rstrip(b"\r\n")
            if not header:
                break
            name, _, value = header.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.out.read(length))

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def measure(binary, framing, mode, method, count):
    with tempfile.TemporaryDirectory() as data_dir:
        pipe = Pipe(binary, data_dir)
        params = {}
        pipe.send(frame({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {}}, framing))
        pipe.receive(framing)
        if method == "session/status":
            space = {"params": [{"name": "x", "type": "float", "low": 0, "high": 1}]}
            pipe.send(frame({"jsonrpc": "2.0", "id": 0, "method": "session/create",
                             "params": {"strategy": "random", "space": space, "seed": 1}}, framing))
            params = {"sessionId": pipe.receive(framing)["result"]["sessionId"]}
        requests = [frame({"jsonrpc": "2.0", "id": i + 1, "method": method, "params": params}, framing) for i in range(count)]
        start = time.perf_counter()
        if mode == "sequential":
            for data in requests:
                pipe.send(data)
                reply = pipe.receive(framing)
                assert "result" in reply, reply
        else:
            writer = threading.Thread(target=lambda: pipe.send(b"".join(requests)))
            writer.start()
            for _ in range(count):
                reply = pipe.receive(framing)
                assert "result" in reply, reply
            writer.join()
        seconds = time.perf_counter() - start
        pipe.close()
    return {"bench": "rpc", "method": method, "framing": framing, "mode": mode, "requests": count,
            "seconds": round(seconds, 6), "requestsPerSecond": round(count / seconds, 1), "binary": binary}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=None)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--method", default="session/status", choices=["session/status", "strategy/list"])
    args = parser.parse_args()
    binary = args.binary or default_binary()
    rows = []
    for framing in ("line", "content-length"):
        for mode in ("sequential", "pipelined"):
            row = measure(binary, framing, mode, args.method, args.requests)
            print(json.dumps(row), flush=True)
            rows.append(row)
    print(f"\n{args.method} over a pipe, {args.requests} requests, {binary}", file=sys.stderr)
    print(f"{'framing':<16}{'mode':<12}{'seconds':>10}{'requests/s':>14}", file=sys.stderr)
    for row in rows:
        print(f"{row['framing']:<16}{row['mode']:<12}{row['seconds']:>10.3f}{row['requestsPerSecond']:>14,.0f}", file=sys.stderr)


if __name__ == "__main__":
    main()
