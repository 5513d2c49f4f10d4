"""Every framing fault is answered with -32700 (id null, data.reason) and the next request works."""

import pytest

from rawdaemon import line, lsp, request

VALID = line(request(99, "session/list"))


def read_any(daemon, timeout=10):
    """The next message, whichever framing it came in (faults in LSP input are answered LSP-framed)."""
    daemon._take(lambda buffer: 0 if buffer else None, timeout)  # waits for a first byte, takes nothing
    with daemon.cond:
        is_lsp = daemon.buffer.startswith(b"Content-Length")
    return daemon.read_lsp(timeout) if is_lsp else daemon.read_line(timeout)


def reasons_until_valid(daemon):
    """data.reason of every -32700 before the reply to id 99."""
    reasons = []
    while True:
        reply = read_any(daemon)
        if reply.get("id") == 99:
            assert reply["result"] == {"sessions": []}
            return reasons
        assert reply["id"] is None and reply["error"]["code"] == -32700, reply
        reasons.append(reply["error"].get("data", {}).get("reason"))


#: The body an LSP client sends after its header block; it would create a session if it ran.
BODY = b'{"jsonrpc":"2.0","id":1,"method":"session/create","params":{"strategy":"random","sessionId":"must-not-exist",' \
       b'"space":{"params":[{"name":"x","type":"float","low":0,"high":1}]}}}'


@pytest.mark.parametrize("data,reason", [
    (b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + BODY, "missingContentLength"),
    (b"Content-Length: -5\r\n\r\n" + BODY, "invalidContentLength"),
    (b"Content-Length: abc\r\n\r\n" + BODY, "invalidContentLength"),
    (b"Content-Length: 1.5\r\n\r\n" + BODY, "invalidContentLength"),
    (b"Content-Length: \r\n\r\n" + BODY, "invalidContentLength"),
    (b"Content-Length: 99999999999999999999999999\r\n\r\n" + BODY, "invalidContentLength"),
    (b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (len(BODY), len(BODY)) + BODY, "duplicateContentLength"),
    (b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n" % len(BODY) + BODY,
     "unsupportedCharset"),
    (b"Garbage\r\n\r\n", "malformedHeader"),
    (b'Content-Length: 4\r\n\r\n"\xff\xfe"', "invalidUTF8"),
    (b'{"jsonrpc":"2.0","id":1,"method":"\xc3\x28"}\n', "invalidUTF8"),
    (b'Content-Length: 14\r\n\r\n{"bad": json!}', None),
    (b"{this is not json}\n", None),
], ids=["missing-length", "negative-length", "non-numeric-length", "real-length", "empty-length", "huge-length",
        "duplicate-length", "unsupported-charset", "malformed-header", "invalid-utf8-body", "invalid-utf8-line",
        "bad-json-body", "bad-json-line"])
def test_fault_is_reported_its_body_dropped_and_next_request_works(daemon, data, reason):
    daemon.send(data)
    daemon.send(VALID)
    assert reasons_until_valid(daemon) == [reason]
    daemon.send(line(request(100, "session/open", {"sessionId": "must-not-exist"})))
    assert daemon.read_line()["error"]["code"] == 1000, "the faulty message's body ran"


def test_conflicting_content_lengths_drop_the_body(daemon):
    daemon.send(b"Content-Length: 3\r\nContent-Length: %d\r\n\r\n" % len(BODY) + BODY)
    daemon.send(VALID)
    assert reasons_until_valid(daemon) == ["duplicateContentLength"]


def test_body_of_a_lengthless_header_block_with_nested_brackets_is_dropped_whole(daemon):
    body = b'{"jsonrpc":"2.0","id":1,"method":"session/list","params":{"a":[{"b":"}]"}],"c":"\\"{"}}'
    daemon.send(b"Content-Length: oops\r\n\r\n" + body)
    daemon.send(VALID)
    assert reasons_until_valid(daemon) == ["invalidContentLength"]


def test_header_block_that_never_ends_is_discarded(daemon):
    daemon.send(b"Content-Length: 10\r\n" + b"X-Padding: " + b"a" * 40 + b"\r\n" * 1)
    daemon.send((b"X-Padding: " + b"a" * 40 + b"\r\n") * 600)  # 30 KB of headers, no blank line
    daemon.send(VALID)
    reasons = reasons_until_valid(daemon)
    assert reasons[0] == "headerTooLarge"
    assert set(reasons) <= {"headerTooLarge", "malformedHeader"}


def test_header_line_that_never_ends_is_discarded_through_its_newline(daemon):
    daemon.send(b"Content-Length: 10\r\nX-Junk: " + b"a" * 40000 + b"\r\n")
    daemon.send(VALID)
    reasons = reasons_until_valid(daemon)
    assert reasons[0] == "headerTooLarge"
    assert set(reasons) <= {"headerTooLarge", "malformedHeader"}


def test_over_limit_bodies_and_lines_are_skipped(spawn):
    daemon = spawn("--max-message-bytes", "2048")
    big = {"pad": "x" * 3000}
    daemon.send(lsp(request(1, "session/list", big)))
    daemon.send(line(request(2, "session/list", big)))
    daemon.send(lsp(request(3, "initialize", {"pad": "x" * 1500})))
    daemon.send(VALID)
    first = daemon.read_lsp()
    assert first["id"] is None and first["error"]["data"]["reason"] == "messageTooLarge"
    second = daemon.read_line()
    assert second["id"] is None and second["error"]["data"]["reason"] == "messageTooLarge"
    # Under the limit: served. Requests that name no session are answered concurrently, so the
    # two replies may come in either order.
    assert {read_any(daemon)["id"], read_any(daemon)["id"]} == {3, 99}


@pytest.mark.parametrize("tail", [
    b'Content-Length: 100\r\n\r\n{"jsonrpc"',
    b"Content-Length: 100\r\n",
    b'{"jsonrpc":"2.0","id":1,"method":"session/li',
])
def test_input_truncated_at_end_exits_cleanly(daemon, tail):
    daemon.send(VALID)
    assert daemon.read_line()["id"] == 99
    daemon.send(tail)
    daemon.close_stdin()
    reply = read_any(daemon)
    assert reply["id"] is None and reply["error"]["code"] == -32700
    assert reply["error"]["data"]["reason"] == "truncated"
    assert daemon.wait() == 0
