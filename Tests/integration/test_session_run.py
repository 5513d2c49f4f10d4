"""session/run through a real pipe: the engine trains its own trials (digits, one-epoch MLPs with
four hidden units), reports $/progress per trial, answers other requests meanwhile, stops on
$/cancelRequest, and refuses malformed evaluators naming the field. Every params, result and
error is validated against schemas/openrpc.json."""

import time

from rawdaemon import line, notification, request
from test_openrpc import COMPONENTS, Checked, method, validate

SPACE = {"params": [{"name": "learningRate", "type": "float", "low": 1e-3, "high": 0.1, "log": True}]}
TINY = {"epochs": 1, "layers": 1, "width": 4}


def start_run(daemon, call, request_id, params):
    """Sends session/run (checked against its params schema) without waiting for the reply."""
    call.params_valid("session/run", params)
    daemon.send(line(request(request_id, "session/run", params)))


def read_until_reply(daemon, request_id, timeout=60):
    """The $/progress notifications read before the reply to ``request_id``, and that reply."""
    notes = []
    while True:
        message = daemon.read_line(timeout)
        if message.get("id") == request_id and "method" not in message:
            return notes, message
        assert message.get("method") == "$/progress", message
        notes.append(message["params"])


def test_run_reports_each_trial_and_validates(daemon):
    call = Checked(daemon)
    sid = call("session/create", {"strategy": "random", "space": SPACE, "seed": 5, "sessionId": "run"})["sessionId"]
    params = {"sessionId": sid, "evaluator": {"kind": "trainer", "dataset": "digits", "config": TINY},
              "maxTrials": 2, "workDoneToken": "tok"}
    start_run(daemon, call, 100, params)
    notes, reply = read_until_reply(daemon, 100)

    summary = reply["result"]
    validate(summary, method("session/run")["result"]["schema"])
    assert summary["trials"] == summary["complete"] == 2 and summary["stopReason"] == "maxTrials"
    assert 0 <= summary["best"]["metrics"]["testAccuracy"] <= 1
    assert all(note["token"] == "tok" for note in notes)
    kinds = [note["value"]["kind"] for note in notes]
    assert kinds == ["begin", "report", "report", "end"]
    assert [note["value"].get("percentage") for note in notes[1:3]] == [50, 100]
    assert notes[1]["value"]["message"].startswith("trial 1/2 complete")

    trials = call("session/trials", {"sessionId": sid})["trials"]
    assert [t["state"] for t in trials] == ["complete", "complete"]
    assert all(t["cost"] > 0 and [i["step"] for i in t["intermediate"]] == [1] for t in trials)


def test_cancel_stops_the_run_while_the_daemon_keeps_answering(daemon):
    call = Checked(daemon)
    sid = call("session/create", {"strategy": "random", "space": SPACE, "seed": 6, "sessionId": "cancel"})["sessionId"]
    call("session/run", {"sessionId": sid, "evaluator": {"kind": "trainer", "dataset": "digits", "config": TINY}, "maxTrials": 1})
    long = dict(TINY, epochs=100000)
    start_run(daemon, call, 200, {"sessionId": sid, "evaluator": {"kind": "trainer", "dataset": "digits", "config": long},
                                  "maxTrials": 3, "workDoneToken": 7})
    assert daemon.read_line()["params"]["value"]["kind"] == "begin"
    # The run trains on its own thread: the same session and other methods still answer.
    deadline, request_id = time.monotonic() + 30, 300
    while daemon.call(request_id, "session/status", {"sessionId": sid})["result"]["counts"]["pending"] != 1:
        assert time.monotonic() < deadline, "the run never started its second trial"
        request_id += 1
        time.sleep(0.05)
    assert daemon.call(202, "strategy/list")["result"]
    daemon.send(line(notification("$/cancelRequest", {"id": 200})))
    notes, reply = read_until_reply(daemon, 200)

    assert [note["value"]["kind"] for note in notes] == ["end"]
    validate(reply["error"], COMPONENTS["schemas"]["ErrorObject"])
    assert reply["error"]["code"] == -32800
    counts = call("session/status", {"sessionId": sid})["counts"]
    assert counts["complete"] == 1 and counts["abandoned"] == 1 and counts["pending"] == 0


def test_malformed_evaluators_name_the_field_and_change_nothing(daemon):
    call = Checked(daemon)
    sid = call("session/create", {"strategy": "random", "space": SPACE, "seed": 7, "sessionId": "bad"})["sessionId"]
    cases = [
        ({"kind": "trainer", "dataset": "digits", "validationFraction": 2}, "params.evaluator.validationFraction"),
        ({"kind": "trainer", "dataset": "no/such/file.csv"}, "params.evaluator.dataset"),
        ({"kind": "trainer", "dataset": "digits", "config": {"learningRat": 0.1}}, "params.evaluator.config.learningRat"),
        ({"kind": "script", "dataset": "digits"}, "params.evaluator.kind"),
        ({"dataset": "digits"}, "params.evaluator.kind"),
        ("digits", "params.evaluator"),
    ]
    for evaluator, path in cases:
        error = call("session/run", {"sessionId": sid, "evaluator": evaluator}, expect_error=-32602)
        assert error["data"]["path"] == path, error
    assert call("session/status", {"sessionId": sid})["total"] == 0
    assert daemon.process.poll() is None
