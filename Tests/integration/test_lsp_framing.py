"""Content-Length (LSP base protocol) framing and the LSP lifecycle, byte for byte."""

import json

import pytest

from rawdaemon import LSP_CONTENT_TYPE, lsp, notification, request


def initialize(daemon, id=1):
    daemon.send(lsp(request(id, "initialize", {"processId": None, "capabilities": {}})))
    return daemon.read_lsp()


def test_reply_headers_are_content_length_then_content_type_and_nothing_else(daemon):
    daemon.send(lsp(request(1, "initialize", {})))
    headers, body = daemon.read_lsp_raw()
    assert headers == [b"Content-Length: %d" % len(body), LSP_CONTENT_TYPE]
    assert json.loads(body)["id"] == 1


def test_raw_reply_bytes_have_no_trailing_newline(daemon):
    initialize(daemon)
    daemon.send(lsp(request(2, "session/list")))
    headers, body = daemon.read_lsp_raw()
    assert body == b'{"jsonrpc":"2.0","id":2,"result":{"sessions":[]}}'
    daemon.expect_silence(0.2)


def test_header_names_are_case_insensitive(daemon):
    body = json.dumps(request(1, "initialize", {})).encode()
    daemon.send(lsp(body, [b"content-length: %d" % len(body), b"content-type: application/vscode-jsonrpc; charset=utf-8"]))
    assert daemon.read_lsp()["result"]["serverInfo"]["name"] == "automl"
    body = json.dumps(request(2, "session/list")).encode()
    daemon.send(lsp(body, [b"CONTENT-LENGTH:%d" % len(body)]))
    assert daemon.read_lsp()["id"] == 2


@pytest.mark.parametrize("content_type", [
    b"Content-Type: application/vscode-jsonrpc; charset=utf8",
    b"Content-Type: application/vscode-jsonrpc; charset=UTF-8",
    b'Content-Type: application/vscode-jsonrpc; charset="utf-8"',
    b"Content-Type: application/json",
])
def test_utf8_charset_spellings_are_accepted(daemon, content_type):
    body = json.dumps(request(1, "initialize", {})).encode()
    daemon.send(lsp(body, [b"Content-Length: %d" % len(body), content_type]))
    assert "result" in daemon.read_lsp()


def test_headers_may_come_in_any_order_with_unknown_ones(daemon):
    body = json.dumps(request(1, "initialize", {})).encode()
    daemon.send(lsp(body, [b"X-Trace: 1", LSP_CONTENT_TYPE, b"Content-Length: %d" % len(body)]))
    assert "result" in daemon.read_lsp()


def test_multibyte_utf8_body_length_counts_bytes(daemon):
    initialize(daemon)
    daemon.send(lsp(request("é✓", "session/list")))
    assert daemon.read_lsp()["id"] == "é✓"


def test_requests_before_initialize_get_server_not_initialized(daemon):
    daemon.send(lsp(request(1, "strategy/list")))
    reply = daemon.read_lsp()
    assert reply == {"jsonrpc": "2.0", "id": 1, "error": reply["error"]}
    assert reply["error"]["code"] == -32002
    daemon.send(lsp(notification("initialized")))
    daemon.expect_silence(0.2)
    assert "result" in initialize(daemon, id=2)
    daemon.send(lsp(request(3, "strategy/list")))
    assert [s["name"] for s in daemon.read_lsp()["result"]][:1] == ["random"]


def test_initialize_result_shape(daemon):
    reply = initialize(daemon)
    result = reply["result"]
    assert set(result) == {"serverInfo", "protocolVersion", "capabilities"}
    assert result["serverInfo"]["name"] == "automl" and isinstance(result["serverInfo"]["version"], str)
    assert result["protocolVersion"] == "1.0"
    capabilities = result["capabilities"]
    assert set(capabilities["framings"]) == {"content-length", "line"}
    assert capabilities["workDoneProgress"] is True and capabilities["cancellation"] is True
    assert "random" in capabilities["strategies"]
    assert {"session/create", "session/ask", "session/tell", "rpc.discover"} <= set(capabilities["methods"])


def test_initialize_twice_is_invalid_request(daemon):
    initialize(daemon)
    reply = initialize(daemon, id=2)
    assert reply["error"]["code"] == -32600 and reply["id"] == 2


def test_shutdown_then_requests_are_invalid_and_exit_code_is_zero(daemon):
    initialize(daemon)
    daemon.send(lsp(request(2, "shutdown")))
    assert daemon.read_lsp() == {"jsonrpc": "2.0", "id": 2, "result": None}
    daemon.send(lsp(request(3, "session/list")))
    assert daemon.read_lsp()["error"]["code"] == -32600
    daemon.send(lsp(request(4, "shutdown")))
    assert daemon.read_lsp()["error"]["code"] == -32600
    daemon.send(lsp(notification("exit")))
    assert daemon.wait() == 0


def test_exit_without_shutdown_exits_with_code_one(daemon):
    initialize(daemon)
    daemon.send(lsp(notification("exit")))
    assert daemon.wait() == 1


def test_end_of_input_exits_with_code_zero(daemon):
    initialize(daemon)
    daemon.close_stdin()
    assert daemon.wait() == 0


def test_progress_notifications_come_before_the_reply_in_the_same_framing(daemon):
    initialize(daemon)
    daemon.send(lsp(request(2, "session/list", {"workDoneToken": "tok"})))
    messages = [daemon.read_lsp() for _ in range(3)]
    assert [m.get("method") for m in messages] == ["$/progress", "$/progress", None]
    assert [m["params"]["value"]["kind"] for m in messages[:2]] == ["begin", "end"]
    assert all(m["params"]["token"] == "tok" for m in messages[:2])
    assert messages[2]["id"] == 2 and "result" in messages[2]
