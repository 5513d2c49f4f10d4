"""An independent LSP client (pygls' JsonRPCClient) drives the daemon over Content-Length framing."""

import asyncio

import pytest

pygls_client = pytest.importorskip("pygls.client")


def as_plain(value):
    """pygls may hand results back as attribute objects; turn them into dicts and lists."""
    if hasattr(value, "_asdict"):  # a namedtuple built from a JSON object
        return {k: as_plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [as_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: as_plain(v) for k, v in value.items()}
    return value


def run_session(binary, tmp_path, space, lifecycle_params):
    """initialize, strategy/list, session/create, ask, tell, best, shutdown, exit; the exit code."""
    async def scenario():
        client = pygls_client.JsonRPCClient()
        await client.start_io(binary, "serve", "--data-dir", str(tmp_path), "--durability", "none")
        try:
            send = client.protocol.send_request_async
            init = as_plain(await asyncio.wait_for(send("initialize", {"processId": None, "capabilities": {}}), 10))
            assert init["serverInfo"]["name"] == "automl"
            client.protocol.notify("initialized", {})
            strategies = as_plain(await asyncio.wait_for(send("strategy/list", {}), 10))
            assert "random" in [s["name"] for s in strategies]
            created = as_plain(await asyncio.wait_for(send("session/create", {"strategy": "random", "space": space, "seed": 4}), 10))
            sid = created["sessionId"]
            asked = as_plain(await asyncio.wait_for(send("session/ask", {"sessionId": sid, "count": 2}), 10))
            assert len(asked["trials"]) == 2
            for i, trial in enumerate(asked["trials"]):
                told = as_plain(await asyncio.wait_for(
                    send("session/tell", {"sessionId": sid, "trialId": trial["trialId"], "value": float(i)}), 10))
                assert told["trial"]["state"] == "complete"
            best = as_plain(await asyncio.wait_for(send("session/best", {"sessionId": sid}), 10))
            assert best["best"]["value"] == 0.0
            assert as_plain(await asyncio.wait_for(send("shutdown", lifecycle_params), 10)) is None
            client.protocol.notify("exit", lifecycle_params)
            await asyncio.wait_for(client._server.wait(), 10)
            return client._server.returncode
        finally:
            if client._server is not None and client._server.returncode is None:
                client._server.kill()
            await client.stop()

    return asyncio.run(scenario())


def test_pygls_client_runs_an_ask_tell_session(binary, tmp_path, space):
    assert run_session(binary, tmp_path, space, lifecycle_params={}) == 0


def test_pygls_shutdown_and_exit_with_null_params(binary, tmp_path, space):
    assert run_session(binary, tmp_path, space, lifecycle_params=None) == 0
