"""``Engine``: one ``automl serve`` process, driven over its stdin/stdout."""

import itertools
import os
import subprocess
import sys
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Union

from . import framing as framing_module
from .binary import find_binary
from .errors import AutoMLError, EngineDied, error_from_object
from .session import Session


class _Waiter:
    """One request waiting for its reply."""

    __slots__ = ("event", "reply")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.reply: Optional[Dict[str, Any]] = None


class Engine:
    """A running ``automl serve`` daemon.

    >>> with Engine(data_dir="/tmp/automl") as engine:
    ...     session = engine.create_session({"params": [{"name": "x", "type": "float", "low": 0, "high": 1}]})
    ...     trial, = session.ask()
    ...     session.tell(trial, (trial.config["x"] - 0.3) ** 2)

    A reader thread hands each reply to the caller waiting for its id, so several threads may
    call at once; requests on one session are applied by the engine in the order they arrive.
    The daemon's stderr (its logs) passes through to this process's stderr.

    Args:
        binary: the ``automl`` executable (default: see ``find_binary``).
        data_dir: where sessions are stored (``--data-dir``); None lets the daemon choose
            (``$AUTOML_DATA_DIR``, else the XDG state directory).
        args: more ``serve`` options, e.g. ``("--durability", "none")``.
        framing: ``"line"`` (one JSON text per line) or ``"content-length"`` (LSP framing).
        on_notification: called with ``(method, params)`` for notifications from the daemon
            (``$/progress``), on the reader thread.
    """

    def __init__(
        self,
        binary: Optional[str] = None,
        data_dir: Optional[Union[str, os.PathLike]] = None,
        args: Sequence[str] = (),
        framing: str = "line",
        on_notification: Optional[Callable[[str, Any], None]] = None,
    ):
        if framing not in framing_module.FRAMINGS:
            raise ValueError(f"framing must be one of {framing_module.FRAMINGS}, not {framing!r}")
        self.binary = find_binary(binary)
        self.framing = framing
        self.on_notification = on_notification
        command = [self.binary, "serve"]
        if data_dir is not None:
            command += ["--data-dir", os.fspath(data_dir)]
        command += list(args)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._waiting: Dict[int, _Waiter] = {}
        self._progress: Dict[str, Callable[[Dict[str, Any]], None]] = {}
        self._abandoned: Set[int] = set()
        self._dead: Optional[EngineDied] = None
        self._closed = False
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None)
        self._reader = threading.Thread(target=self._read_loop, name="automl-reader", daemon=True)
        self._reader.start()
        try:
            #: What ``initialize`` answered: ``serverInfo``, ``protocolVersion``, ``capabilities``.
            self.server = self.call(
                "initialize",
                {"processId": os.getpid(), "clientInfo": {"name": "automl-client", "version": "0.1.0"}, "capabilities": {}},
            )
        except BaseException:
            self._terminate()
            raise

    # MARK: - Calls

    def call(
        self,
        method: str,
        params: Optional[Any] = None,
        timeout: Optional[float] = None,
        progress: Optional[Callable[[Dict[str, Any]], None]] = None,
        cancel_on_timeout: bool = False,
    ) -> Any:
        """Sends one request and returns its result.

        With ``progress``, the request carries a fresh ``workDoneToken`` and ``progress(value)`` is
        called (on the reader thread) with each ``$/progress`` value for it: ``{kind: "begin" |
        "report" | "end", message?, percentage?}``. A ``KeyboardInterrupt`` while waiting (and a
        timeout, with ``cancel_on_timeout``) sends ``$/cancelRequest`` for the request, so the
        engine stops working on it.

        Raises the ``AutoMLError`` subclass of the error code (``InvalidParams``, ``UnknownSession``,
        ...), ``EngineDied`` when the process is gone, ``TimeoutError`` after ``timeout`` seconds,
        and ``ValueError`` (before sending) when params hold NaN or infinity.
        """
        token = None
        with self._lock:
            if self._dead is not None:
                raise self._dead
            request_id = next(self._ids)
            waiter = _Waiter()
            self._waiting[request_id] = waiter
            if progress is not None:
                token = f"progress-{request_id}"
                self._progress[token] = progress
        message: Dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if token is not None:
            params = dict(params or {}, workDoneToken=token)
        if params is not None:
            message["params"] = params
        try:
            try:
                self._send(message)
            except BaseException:
                with self._lock:
                    self._waiting.pop(request_id, None)
                raise
            try:
                answered = waiter.event.wait(timeout)
            except BaseException:  # KeyboardInterrupt: stop the engine's work too
                self._abandon(request_id)
                raise
            if not answered:
                if cancel_on_timeout:
                    self._abandon(request_id)
                else:
                    with self._lock:
                        self._waiting.pop(request_id, None)
                raise TimeoutError(f"{method}: no reply within {timeout} s")
        finally:
            if token is not None:
                with self._lock:
                    self._progress.pop(token, None)
        reply = waiter.reply
        if reply is None:
            raise self._dead or EngineDied("the engine stopped")
        if "error" in reply:
            raise error_from_object(reply["error"])
        return reply.get("result")

    def _abandon(self, request_id: int) -> None:
        """Stops waiting for a request and asks the engine to cancel it; its late reply is dropped."""
        with self._lock:
            self._waiting.pop(request_id, None)
            self._abandoned.add(request_id)
        try:
            self.notify("$/cancelRequest", {"id": request_id})
        except Exception:
            pass  # the engine is gone: nothing to cancel

    def notify(self, method: str, params: Optional[Any] = None) -> None:
        """Sends a notification (no reply)."""
        message: Dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self._send(message)

    def _send(self, message: Dict[str, Any]) -> None:
        data = framing_module.encode(message, self.framing)  # ValueError for NaN before anything is sent
        with self._write_lock:
            if self._dead is not None:
                raise self._dead
            try:
                assert self.process.stdin is not None
                self.process.stdin.write(data)
                self.process.stdin.flush()
            except (BrokenPipeError, OSError, ValueError) as error:
                raise EngineDied(f"cannot write to the engine: {error}", self.process.poll()) from error

    def _read_loop(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        try:
            while True:
                message = framing_module.read_message(stream, self.framing)
                if message is None:
                    break
                self._dispatch(message)
        except (ValueError, OSError) as error:
            print(f"automl-client: unreadable reply from the engine: {error}", file=sys.stderr)
        returncode = self.process.wait()
        died = EngineDied(f"the engine exited with code {returncode}", returncode)
        with self._lock:
            self._dead = died
            waiting, self._waiting = self._waiting, {}
        for waiter in waiting.values():
            waiter.event.set()

    def _dispatch(self, message: Any) -> None:
        if isinstance(message, list):
            for element in message:
                self._dispatch(element)
            return
        if not isinstance(message, dict):
            return
        if "method" in message:
            params = message.get("params")
            if message["method"] == "$/progress" and isinstance(params, dict):
                with self._lock:
                    listener = self._progress.get(params.get("token"))
                if listener is not None:
                    listener(params.get("value"))
            if self.on_notification is not None:
                self.on_notification(message["method"], params)
            return
        with self._lock:
            request_id = message.get("id")
            waiter = self._waiting.pop(request_id, None) if isinstance(request_id, int) else None
            if waiter is None and request_id in self._abandoned:
                self._abandoned.discard(request_id)
                return
        if waiter is None:
            if "error" in message:
                print(f"automl-client: engine error without a request: {message['error']}", file=sys.stderr)
            return
        waiter.reply = message
        waiter.event.set()

    # MARK: - Sessions and strategies

    def create_session(
        self,
        space: Dict[str, Any],
        strategy: str = "random",
        options: Optional[Dict[str, Any]] = None,
        objectives: Optional[Sequence[Any]] = None,
        seed: Optional[int] = None,
        name: Optional[str] = None,
        session_id: Optional[str] = None,
    ) -> Session:
        """Creates an ask/tell session.

        Args:
            space: ``{"params": [...]}``, or just the list of parameters.
            strategy: a name from ``strategies()``.
            options: the strategy's options.
            objectives: ``[{"name", "goal"}]`` dicts, ``(name, goal)`` pairs, or goal strings
                (``"minimize"``/``"maximize"``, named ``value0``, ``value1``...). Default: one
                minimized value.
            seed: makes the session reproducible; drawn by the engine when omitted.
        """
        if isinstance(space, (list, tuple)):
            space = {"params": list(space)}
        params: Dict[str, Any] = {
            "strategy": {"name": strategy, "options": options} if options is not None else strategy,
            "space": space,
        }
        if objectives is not None:
            params["objectives"] = [_objective(o, i) for i, o in enumerate(objectives)]
        if seed is not None:
            params["seed"] = seed
        if name is not None:
            params["name"] = name
        if session_id is not None:
            params["sessionId"] = session_id
        result = self.call("session/create", params)
        return Session(self, result["sessionId"], seed=result.get("seed"))

    def open_session(self, session_id: str) -> Session:
        """Loads a stored session (replaying its journal) and reopens it if it was closed."""
        status = self.call("session/open", {"sessionId": session_id})
        return Session(self, status["sessionId"], seed=status.get("seed"))

    def session(self, session_id: str) -> Session:
        """A handle on a session by id, without a request."""
        return Session(self, session_id)

    def sessions(self) -> List[Dict[str, Any]]:
        """Sessions in memory and on disk: ``[{sessionId, loaded, ...}]``."""
        return self.call("session/list")["sessions"]

    def run_session(self, session_id: str, evaluator: Union[str, Dict[str, Any]] = "digits", **kwargs: Any) -> Dict[str, Any]:
        """``Session.run`` on session ``session_id`` (see there)."""
        return Session(self, session_id).run(evaluator, **kwargs)

    def strategies(self) -> List[Dict[str, Any]]:
        """Every strategy served: ``[{name, family, description, options, supports}]``."""
        return self.call("strategy/list")

    # MARK: - Lifetime

    def close(self, timeout: float = 30.0) -> Optional[int]:
        """Sends ``shutdown`` and ``exit``, waits for the process, and returns its exit code."""
        if self._closed:
            return self.process.poll()
        self._closed = True
        try:
            self.call("shutdown", timeout=timeout)
            self.notify("exit")
        except (AutoMLError, TimeoutError):
            pass
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
        except OSError:
            pass
        try:
            returncode = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._terminate()
            returncode = self.process.returncode
        self._reader.join(timeout)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return returncode

    def _terminate(self) -> None:
        self._closed = True
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    @property
    def alive(self) -> bool:
        return self._dead is None and self.process.poll() is None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        process = getattr(self, "process", None)
        if process is not None and process.poll() is None and not getattr(self, "_closed", True):
            try:
                self.close(timeout=5)
            except Exception:
                pass


def _objective(spec: Any, index: int) -> Dict[str, Any]:
    if isinstance(spec, dict):
        return spec
    if isinstance(spec, str):
        return {"name": f"value{index}", "goal": spec}
    name, goal = spec
    return {"name": name, "goal": goal}
