"""One JSON text per line; JSON-RPC 2.0 batches, notifications and ids to the letter."""

import pytest

from rawdaemon import line, lsp, notification, request


def test_ndjson_clients_are_served_without_initialize(daemon):
    daemon.send(line(request(1, "strategy/list")))
    reply = daemon.read_line()
    assert reply["id"] == 1 and any(s["name"] == "random" for s in reply["result"])


def test_crlf_lines_and_blank_lines_are_accepted(daemon):
    daemon.send(b"\r\n\n" + line(request(1, "session/list"))[:-1] + b"\r\n")
    assert daemon.read_line() == {"jsonrpc": "2.0", "id": 1, "result": {"sessions": []}}


def test_both_framings_on_one_stream_are_answered_in_kind(daemon):
    daemon.send(line(request(1, "initialize", {})))
    assert "result" in daemon.read_line()
    daemon.send(lsp(request(2, "session/list")))
    assert daemon.read_lsp()["id"] == 2
    daemon.send(line(request(3, "session/list")))
    assert daemon.read_line()["id"] == 3


def test_empty_batch_gets_one_invalid_request(daemon):
    daemon.send(b"[]\n")
    reply = daemon.read_line()
    assert isinstance(reply, dict), "[] is answered by one error object, not an array"
    assert reply["id"] is None and reply["error"]["code"] == -32600
    daemon.expect_silence(0.2)


def test_all_notification_batch_gets_no_reply(daemon):
    daemon.send(line([notification("initialized"), notification("no/such/method"), notification("$/setTrace", {"value": "off"})]))
    daemon.expect_silence()
    daemon.send(line(request(1, "session/list")))
    assert daemon.read_line()["id"] == 1


def test_mixed_batch_answers_requests_and_invalid_members_in_order(daemon):
    batch = [
        request(1, "session/list"),
        notification("initialized"),
        42,
        {"jsonrpc": "2.0", "id": 2, "method": "no/such/method"},
        {"jsonrpc": "1.0", "id": 3, "method": "session/list"},
        request("four", "session/status", {"sessionId": "missing"}),
    ]
    daemon.send(line(batch))
    replies = daemon.read_line()
    assert isinstance(replies, list)
    assert [r["id"] for r in replies] == [1, None, 2, 3, "four"]
    assert "result" in replies[0]
    assert [r["error"]["code"] for r in replies[1:]] == [-32600, -32601, -32600, 1000]


def test_batch_of_one_invalid_element_is_an_array_of_one_error(daemon):
    daemon.send(line([1]))
    replies = daemon.read_line()
    assert isinstance(replies, list) and len(replies) == 1 and replies[0]["error"]["code"] == -32600


def test_lsp_framed_batch_is_answered_lsp_framed(daemon):
    daemon.send(lsp(request(1, "initialize", {})))
    assert daemon.read_lsp()["id"] == 1
    daemon.send(lsp([request(2, "session/list"), request(3, "strategy/list")]))
    replies = daemon.read_lsp()
    assert [r["id"] for r in replies] == [2, 3]


def test_initialize_inside_a_batch_is_answered_inside_the_array(daemon):
    daemon.send(line([request(1, "initialize", {}), request(2, "session/list")]))
    replies = daemon.read_line()
    assert isinstance(replies, list) and [r["id"] for r in replies] == [1, 2]


def test_notifications_are_never_answered(daemon):
    for message in [
        notification("session/list"),
        notification("session/create", {"space": "not a space"}),
        notification("no/such/method"),
        notification("$/cancelRequest", {"id": 12345}),
        {"jsonrpc": "2.0", "method": "initialized", "params": []},
    ]:
        daemon.send(line(message))
    daemon.expect_silence()


@pytest.mark.parametrize("id", [1, 0, -7, 1.5, 12345678901234, "x", "", "é", None])
def test_ids_are_echoed_exactly(daemon, id):
    daemon.send(line(request(id, "session/list")))
    reply = daemon.read_line()
    assert reply["id"] == id and type(reply["id"]) is type(id)


@pytest.mark.parametrize("id", [[1], {"a": 1}, True])
def test_invalid_ids_are_answered_with_null(daemon, id):
    daemon.send(line(request(id, "session/list")))
    reply = daemon.read_line()
    assert reply["id"] is None and reply["error"]["code"] == -32600


@pytest.mark.parametrize("message,code", [
    ({"jsonrpc": "1.0", "id": 5, "method": "session/list"}, -32600),
    ({"id": 5, "method": "session/list"}, -32600),
    ({"jsonrpc": "2.0", "id": 5}, -32600),
    ({"jsonrpc": "2.0", "id": 5, "method": 12}, -32600),
    ({"jsonrpc": "2.0", "id": 5, "method": "session/list", "params": "x"}, -32600),
    ({"jsonrpc": "2.0", "id": 5, "method": "no/such"}, -32601),
    ({"jsonrpc": "2.0", "id": 5, "method": "session/status", "params": []}, -32602),
])
def test_invalid_requests_keep_their_id(daemon, message, code):
    daemon.send(line(message))
    reply = daemon.read_line()
    assert reply["id"] == 5 and reply["error"]["code"] == code


def test_responses_sent_to_the_server_are_ignored(daemon):
    daemon.send(line({"jsonrpc": "2.0", "id": 9, "result": {}}))
    daemon.send(line({"jsonrpc": "2.0", "id": 10, "error": {"code": 1, "message": "m"}}))
    daemon.expect_silence()


def test_invalid_json_is_a_parse_error_with_null_id(daemon):
    daemon.send(b'{"jsonrpc": "2.0", "id": 1, "method": \n')
    reply = daemon.read_line()
    assert reply["id"] is None and reply["error"]["code"] == -32700
    daemon.send(line(request(2, "session/list")))
    assert daemon.read_line()["id"] == 2


def test_shutdown_and_exit_work_for_line_clients(daemon):
    daemon.send(line(request(1, "shutdown")))
    assert daemon.read_line() == {"jsonrpc": "2.0", "id": 1, "result": None}
    daemon.send(line(request(2, "session/list")))
    assert daemon.read_line()["error"]["code"] == -32600
    daemon.send(line(notification("exit")))
    assert daemon.wait() == 0


def test_end_of_input_without_newline_still_serves_the_last_line(daemon):
    daemon.send(line(request(1, "session/list"))[:-1])
    daemon.close_stdin()
    assert daemon.read_line()["id"] == 1
    assert daemon.wait() == 0


def test_json_rpc_spec_examples_of_invalid_messages(daemon):
    # From the JSON-RPC 2.0 specification, section 7.
    daemon.send(b'{"jsonrpc": "2.0", "method": 1, "params": "bar"}\n')
    reply = daemon.read_line()
    assert reply["id"] is None and reply["error"]["code"] == -32600
    daemon.send(b"[1,2,3]\n")
    replies = daemon.read_line()
    assert [(r["id"], r["error"]["code"]) for r in replies] == [(None, -32600)] * 3
    daemon.send(b'[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"}, {"jsonrpc": "2.0", "method"]\n')
    reply = daemon.read_line()
    assert isinstance(reply, dict) and reply["id"] is None and reply["error"]["code"] == -32700


def test_cancelled_queued_request_fails_with_32800_and_never_runs(daemon, space):
    sid = daemon.call(1, "session/create", {"strategy": "random", "space": space})["result"]["sessionId"]
    # Two big asks keep the session busy; the small one queued behind them is cancelled before it runs.
    daemon.send(line(request(2, "session/ask", {"sessionId": sid, "count": 10000}))
                + line(request(3, "session/ask", {"sessionId": sid, "count": 10000}))
                + line(request(4, "session/ask", {"sessionId": sid}))
                + line(notification("$/cancelRequest", {"id": 4})))
    replies = {r["id"]: r for r in (daemon.read_line(60) for _ in range(3))}
    assert replies[4]["error"]["code"] == -32800
    assert len(replies[2]["result"]["trials"]) == len(replies[3]["result"]["trials"]) == 10000
    assert daemon.call(5, "session/status", {"sessionId": sid})["result"]["total"] == 20000


def test_cancelling_an_unknown_or_finished_request_is_silent(daemon):
    daemon.call(1, "session/list")
    daemon.send(line(notification("$/cancelRequest", {"id": 1})))
    daemon.send(line(notification("$/cancelRequest", {"id": "never-sent"})))
    daemon.expect_silence()
