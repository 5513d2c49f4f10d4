"""Bad input never kills the daemon nor changes a session; a client that stops reading ends it cleanly."""

import json
import subprocess
import time

from rawdaemon import line, lsp, notification, request


def read_any(daemon, timeout=10):
    daemon._take(lambda buffer: 0 if buffer else None, timeout)
    with daemon.cond:
        is_lsp = daemon.buffer.startswith(b"Content-Length")
    return daemon.read_lsp(timeout) if is_lsp else daemon.read_line(timeout)


def malformed_messages(sid, trial_id):
    """A varied stream of bad messages; each yields (bytes, replies expected)."""
    bad_params = [
        ("session/tell", {"sessionId": sid, "trialId": trial_id, "value": "NaN"}),
        ("session/tell", {"sessionId": sid, "trialId": trial_id, "values": [1, 2]}),
        ("session/tell", {"sessionId": sid, "trialId": trial_id, "value": 1, "state": "done"}),
        ("session/tell", {"sessionId": sid, "trialId": trial_id, "value": 1, "config": {}}),
        ("session/tell", {"sessionId": sid, "trialId": trial_id, "value": 1, "cost": -1}),
        ("session/tell", {"sessionId": sid, "trialId": 10**6, "value": 1}),
        ("session/tell", {"sessionId": sid, "trialId": "0", "value": 1}),
        ("session/ask", {"sessionId": sid, "count": 0}),
        ("session/ask", {"sessionId": sid, "count": 10001}),
        ("session/ask", {"sessionId": sid, "count": "3"}),
        ("session/enqueue", {"sessionId": sid, "config": {"optimizer": "sgd"}}),
        ("session/enqueue", {"sessionId": sid, "config": {"optimizer": "adam", "lr": 5, "layers": 1}}),
        ("trial/report", {"sessionId": sid, "trialId": trial_id, "step": 1}),
        ("trial/report", {"sessionId": sid, "trialId": trial_id, "step": 1, "value": None}),
        ("session/create", {"strategy": "random", "space": {"params": []}, "sessionId": sid}),
        ("session/create", {"strategy": "random", "space": {"params": [{"name": "x", "type": "float", "low": 0, "high": 1}]}, "sessionId": sid}),
        ("session/trials", {"sessionId": sid, "offset": -1}),
        ("session/open", {"sessionId": "../../etc/passwd"}),
    ]
    stream = []
    for i, (method, params) in enumerate(bad_params):
        stream.append((line(request(f"bad{i}", method, params)), 1))
    stream += [
        (b"{not json\n", 1),
        (b'{"jsonrpc":"2.0","id":1,"method":"session/tell","params":{"sessionId":"' + sid.encode() + b'","trialId":0,"value":1}\n', 1),
        (b"[]\n", 1),
        (b"[1,2]\n", 1),
        (b'"just a string"\n', 1),
        (b"Content-Length: -1\r\n\r\n", 1),
        (b"Content-Length: 5\r\n\r\n\xff\xff\xff\xff\xff", 1),
        (b"Nonsense\r\n\r\n", 1),
        (b'{"jsonrpc":"2.0","id":2,"method":"session/tell","params":{"sessionId":"\xff"}}\n', 1),
        (line(notification("session/tell", {"sessionId": sid, "trialId": trial_id, "value": 1})), 0),
        (line(notification("session/close", {"sessionId": sid})), 0),
        (line({"jsonrpc": "2.0", "id": 3, "method": "session/close", "params": {"sessionId": 5}}), 1),
        (lsp(request(4, "session/ask", {"sessionId": sid, "count": -1})), 1),
    ]
    return stream


def test_long_stream_of_malformed_messages_leaves_a_session_intact(daemon, space):
    sid = daemon.call(1, "session/create", {"strategy": "random", "space": space, "seed": 5})["result"]["sessionId"]
    trial = daemon.call(2, "session/ask", {"sessionId": sid})["result"]["trials"][0]
    before_status = daemon.call(3, "session/status", {"sessionId": sid})["result"]
    before_trials = daemon.call(4, "session/trials", {"sessionId": sid})["result"]

    stream = malformed_messages(sid, trial["trialId"])
    expected = 0
    for _ in range(20):
        for data, replies in stream:
            daemon.send(data)
            expected += replies
    daemon.send(line(request("end", "session/status", {"sessionId": sid})))
    replies = []
    while True:
        reply = read_any(daemon)
        if reply == [] or isinstance(reply, list):
            replies.append(reply)
            continue
        if reply.get("id") == "end":
            break
        assert "error" in reply, f"a malformed message succeeded: {reply}"
        replies.append(reply)
    assert len(replies) == expected
    assert reply["result"] == before_status
    assert daemon.call(5, "session/trials", {"sessionId": sid})["result"] == before_trials
    told = daemon.call(6, "session/tell", {"sessionId": sid, "trialId": trial["trialId"], "value": 1.0})["result"]
    assert told["trial"]["state"] == "complete"
    assert daemon.process.poll() is None


def test_client_that_closes_its_reading_end_ends_the_daemon_cleanly(binary, tmp_path):
    process = subprocess.Popen([binary, "serve", "--data-dir", str(tmp_path), "--durability", "none"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.stdin.write(line(request(1, "session/list")))
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["id"] == 1
        # Ask for far more output than a pipe holds, read a little of it, then stop reading.
        for i in range(300):
            process.stdin.write(line(request(i + 2, "rpc.discover")))
        process.stdin.flush()
        process.stdout.read(1000)
        process.stdout.close()
        try:
            for i in range(50):
                process.stdin.write(line(request(i + 1000, "rpc.discover")))
                process.stdin.flush()
                time.sleep(0.01)
        except BrokenPipeError:
            pass  # the daemon is already gone
        code = process.wait(30)
        stderr = process.stderr.read().decode(errors="replace")
        assert code == 0, stderr
        assert "Fatal error" not in stderr and "Segmentation" not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_daemon_survives_a_client_that_vanishes_and_keeps_its_journal(binary, tmp_path, space):
    from rawdaemon import RawDaemon

    first = RawDaemon(binary, tmp_path)
    sid = first.call(1, "session/create", {"strategy": "random", "space": space, "seed": 9, "sessionId": "kept"})["result"]["sessionId"]
    asked = first.call(2, "session/ask", {"sessionId": sid, "count": 3})["result"]["trials"]
    first.call(3, "session/tell", {"sessionId": sid, "trialId": asked[0]["trialId"], "value": 1.0})
    first.process.kill()
    first.wait()
    second = RawDaemon(binary, tmp_path)
    try:
        status = second.call(1, "session/open", {"sessionId": "kept"})["result"]
        assert status["counts"]["complete"] == 1 and status["counts"]["pending"] == 2
        told = second.call(2, "session/tell", {"sessionId": sid, "trialId": asked[1]["trialId"], "value": 2.0})["result"]
        assert told["trial"]["config"] == asked[1]["config"]
    finally:
        second.kill()
